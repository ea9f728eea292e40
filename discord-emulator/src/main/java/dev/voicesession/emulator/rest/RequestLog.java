package dev.voicesession.emulator.rest;

import dev.voicesession.emulator.model.RequestLogEntry;
import java.util.ArrayList;
import java.util.List;

/** Every REST request the emulator answered, in arrival order (bounded). */
public final class RequestLog {
    private static final int CAPACITY = 20_000;

    private final List<RequestLogEntry> entries = new ArrayList<>();

    /** Appends an entry, dropping the oldest beyond the capacity. */
    public synchronized void add(RequestLogEntry entry) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
        }
        entries.add(entry);
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
}
