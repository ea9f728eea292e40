package dev.voicesession.emulator.gateway;

import dev.voicesession.emulator.model.DispatchLogEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every gateway dispatch the emulator sent, per session, in order (bounded), with a monotonic timestamp, and
 * listeners told of each one (for benchmarks and tests that wait for an event without polling).
 */
public final class DispatchLog {
    private final int capacity;
    private final Deque<DispatchLogEntry> entries = new ArrayDeque<>();
    private final List<Consumer<DispatchLogEntry>> listeners = new CopyOnWriteArrayList<>();

    /** A log keeping the last {@code capacity} dispatches. */
    public DispatchLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The dispatch log capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends an entry, dropping the oldest beyond the capacity, then tells the listeners. */
    public void add(DispatchLogEntry entry) {
        synchronized (this) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
        for (Consumer<DispatchLogEntry> listener : listeners) {
            listener.accept(entry);
        }
    }

    /** A snapshot of all entries, oldest first. */
    public synchronized List<DispatchLogEntry> entries() {
        return new ArrayList<>(entries);
    }

    /** The entries of one event type, oldest first. */
    public synchronized List<DispatchLogEntry> entries(String type) {
        return entries.stream().filter(e -> e.type().equals(type)).toList();
    }

    /** Forgets every entry. */
    public synchronized void clear() {
        entries.clear();
    }

    /**
     * Calls {@code listener} with every dispatch from now on, on the thread that dispatched it (the one acting
     * on the emulator's state). A listener must be quick and must not throw.
     */
    public void addListener(Consumer<DispatchLogEntry> listener) {
        listeners.add(listener);
    }

    /** Stops calling a listener added with {@link #addListener(Consumer)}. */
    public void removeListener(Consumer<DispatchLogEntry> listener) {
        listeners.remove(listener);
    }
}
