package dev.voicesession.bench.agent;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.events.GenericEvent;

/**
 * Records, for every JDA event, its gateway sequence (JDA's response number), its type, when its listeners
 * started running and how long they took, all with {@link System#nanoTime()}.
 */
final class EventProbe {
    private final Map<Class<?>, Integer> typeIds = new ConcurrentHashMap<>();
    private final List<String> typeNames = new CopyOnWriteArrayList<>();
    private final LongRecords records = new LongRecords(4, 1 << 15);

    void record(GenericEvent event, long startNanos, long tookNanos) {
        records.add(event.getResponseNumber(), typeId(event.getClass()), startNanos, tookNanos);
    }

    private int typeId(Class<?> type) {
        Integer id = typeIds.get(type);
        if (id != null) {
            return id;
        }
        synchronized (typeNames) {
            return typeIds.computeIfAbsent(type, t -> {
                typeNames.add(t.getSimpleName());
                return typeNames.size() - 1;
            });
        }
    }

    /** Event type names, indexed by the type ids in the records. */
    List<String> typeNames() {
        return List.copyOf(typeNames);
    }

    /** Rows of {@code [responseNumber, typeId, startNanos, tookNanos]}, forgotten once returned. */
    long[][] drain() {
        return records.drain();
    }
}
