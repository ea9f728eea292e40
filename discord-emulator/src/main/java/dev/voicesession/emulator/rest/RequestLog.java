package dev.voicesession.emulator.rest;

import dev.voicesession.emulator.model.RequestLogEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every REST request the emulator answered, in arrival order (bounded), and listeners told of each one as
 * it is logged (for benchmarks and tests that wait for a request without polling).
 */
public final class RequestLog {
    /** How many entries a log keeps unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 20_000;

    private final int capacity;
    private final Deque<RequestLogEntry> entries = new ArrayDeque<>();
    private final List<Consumer<RequestLogEntry>> listeners = new CopyOnWriteArrayList<>();

    /** A log keeping {@link #DEFAULT_CAPACITY} entries. */
    public RequestLog() {
        this(DEFAULT_CAPACITY);
    }

    /** A log keeping the last {@code capacity} entries. */
    public RequestLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The request log capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends an entry, dropping the oldest beyond the capacity, then tells the listeners. */
    public void add(RequestLogEntry entry) {
        synchronized (this) {
            if (entries.size() == capacity) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
        for (Consumer<RequestLogEntry> listener : listeners) {
            listener.accept(entry);
        }
    }

    /** A snapshot of all entries. */
    public synchronized List<RequestLogEntry> entries() {
        return new ArrayList<>(entries);
    }

    /** Entries for one method and route template. */
    public synchronized List<RequestLogEntry> entries(String method, String route) {
        return entries.stream().filter(e -> e.method().equals(method) && e.route().equals(route)).toList();
    }

    /** Forgets every entry. */
    public synchronized void clear() {
        entries.clear();
    }

    /**
     * Calls {@code listener} with every entry logged from now on, on the thread that answered the request,
     * after the response is ready. A listener must be quick and must not throw.
     */
    public void addListener(Consumer<RequestLogEntry> listener) {
        listeners.add(listener);
    }

    /** Stops calling a listener added with {@link #addListener(Consumer)}. */
    public void removeListener(Consumer<RequestLogEntry> listener) {
        listeners.remove(listener);
    }
}
