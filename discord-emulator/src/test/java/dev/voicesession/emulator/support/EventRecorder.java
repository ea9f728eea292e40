package dev.voicesession.emulator.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.hooks.EventListener;

/** Collects every JDA event so a test can wait for and inspect them. */
public final class EventRecorder implements EventListener {
    private final List<GenericEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(GenericEvent event) {
        events.add(event);
    }

    /** Events of a type, in arrival order. */
    public <T extends GenericEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets every event. */
    public void clear() {
        events.clear();
    }
}
