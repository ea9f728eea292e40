package dev.voicesession.emulator.console;

import dev.voicesession.emulator.model.RequestLogEntry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The newest REST requests, numbered, so the page can merge a snapshot with live events without duplicates. */
final class RequestTail {
    /** A request with its number. */
    record Numbered(long sequence, RequestLogEntry entry) {}

    private final int capacity;
    private final Deque<Numbered> entries = new ArrayDeque<>();
    private long sequence;

    RequestTail(int capacity) {
        this.capacity = capacity;
    }

    synchronized Numbered add(RequestLogEntry entry) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        Numbered numbered = new Numbered(++sequence, entry);
        entries.addLast(numbered);
        return numbered;
    }

    synchronized List<Numbered> after(long afterSequence) {
        return entries.stream().filter(n -> n.sequence() > afterSequence).toList();
    }
}
