package dev.voicesession.emulator.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventSink} in front of the gateway that also tells observers, such as the web console, about
 * every event, including the ones only observed ({@link EventSink#observe}). Observers run on the thread
 * that changed the state, usually while it holds the state's lock: they must only queue work, never block.
 */
public final class EventTap implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(EventTap.class);

    private final EventSink gateway;
    private final List<Observer> observers = new CopyOnWriteArrayList<>();

    /** Creates a tap in front of the gateway's sink. */
    public EventTap(EventSink gateway) {
        this.gateway = gateway;
    }

    @Override
    public void dispatch(GatewayEvent event) {
        gateway.dispatch(event);
        tell(event, true);
    }

    @Override
    public void observe(GatewayEvent event) {
        gateway.observe(event);
        tell(event, false);
    }

    /** Adds an observer told about every event after the gateway got it. */
    public void addObserver(Observer observer) {
        observers.add(observer);
    }

    /** Removes an observer added with {@link #addObserver}. */
    public void removeObserver(Observer observer) {
        observers.remove(observer);
    }

    private void tell(GatewayEvent event, boolean dispatched) {
        for (Observer observer : observers) {
            try {
                observer.onEvent(event, dispatched);
            } catch (RuntimeException e) {
                LOG.warn("Event observer failed on '{}' for guild '{}'", event.type(), event.guildId(), e);
            }
        }
    }

    /** Told about every event. */
    @FunctionalInterface
    public interface Observer {
        /**
         * Called after the gateway got the event.
         *
         * @param event the event
         * @param dispatched {@code true} if sent to gateway sessions, {@code false} if only observed
         */
        void onEvent(GatewayEvent event, boolean dispatched);
    }
}
