package dev.voicesession.host.jda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDA listener, registered on the builder before the shard manager exists, that hands every event
 * to the listeners added later. The host needs this because it builds the shard manager before it loads
 * the plugins (their context holds it), and a shard manager that has not logged in yet cannot take
 * listeners itself.
 *
 * <p>A listener that throws is logged and does not keep the event from the others.
 */
public final class ListenerHub implements EventListener {

    private static final Logger log = LoggerFactory.getLogger(ListenerHub.class);

    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Adds a listener; it receives events from now on.
     *
     * @param listener the listener
     */
    public void add(EventListener listener) {
        listeners.add(listener);
    }

    /**
     * Removes a listener.
     *
     * @param listener the listener
     */
    public void remove(EventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void onEvent(GenericEvent event) {
        for (EventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | LinkageError e) {
                // boundary around listener code, often a plugin's: one listener must not starve the others
                log.error("Listener '{}' failed on {}", listener.getClass().getName(), event.getClass().getSimpleName(), e);
            }
        }
    }
}
