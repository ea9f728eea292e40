package dev.voicesession.bench.agent;

import java.util.List;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.IEventManager;
import net.dv8tion.jda.api.hooks.InterfacedEventManager;

/**
 * JDA's default event manager with a stopwatch: every event's dispatch to the listeners (the host's command
 * layer and the plugins' listeners) is timed on the JDA thread that runs it, and the thread is marked as
 * "inside an event" meanwhile so that {@link DbProbe} can tell database calls made from it.
 */
final class TimedEventManager implements IEventManager {
    private static final ThreadLocal<Boolean> IN_EVENT = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final IEventManager delegate = new InterfacedEventManager();
    private final EventProbe probe;

    TimedEventManager(EventProbe probe) {
        this.probe = probe;
    }

    /** Whether the current thread is running JDA event listeners right now. */
    static boolean inEvent() {
        return IN_EVENT.get();
    }

    @Override
    public void register(Object listener) {
        delegate.register(listener);
    }

    @Override
    public void unregister(Object listener) {
        delegate.unregister(listener);
    }

    @Override
    public void handle(GenericEvent event) {
        boolean nested = IN_EVENT.get();
        IN_EVENT.set(Boolean.TRUE);
        long start = System.nanoTime();
        try {
            delegate.handle(event);
        } finally {
            long took = System.nanoTime() - start;
            if (!nested) {
                IN_EVENT.set(Boolean.FALSE);
            }
            probe.record(event, start, took);
        }
    }

    @Override
    public List<Object> getRegisteredListeners() {
        return delegate.getRegisteredListeners();
    }
}
