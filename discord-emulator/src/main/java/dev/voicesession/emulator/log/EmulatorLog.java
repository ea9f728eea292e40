package dev.voicesession.emulator.log;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A per-emulator, in-memory log of what the emulator saw and did (requests, gateway payloads, control
 * actions). Every line also goes to SLF4J at debug level. The JUnit extension prints it when a test fails.
 */
public final class EmulatorLog {
    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();
    private long total;

    /** Creates a log keeping the last {@code capacity} lines. */
    public EmulatorLog(int capacity) {
        this.capacity = capacity;
    }

    /** Formats with SLF4J placeholders, stores the line and logs it at debug level. */
    public void add(Logger logger, String format, Object... args) {
        String message = MessageFormatter.arrayFormat(format, args).getMessage();
        String line = Instant.now() + " [" + Thread.currentThread().getName() + "] "
                + logger.getName().substring(logger.getName().lastIndexOf('.') + 1) + " - " + message;
        synchronized (lines) {
            if (lines.size() == capacity) {
                lines.removeFirst();
            }
            lines.addLast(line);
            total++;
        }
        logger.debug(format, args);
    }

    /** A copy of the stored lines, oldest first. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** A position in the log: the number of lines ever added. */
    public long mark() {
        synchronized (lines) {
            return total;
        }
    }

    /** The stored lines added after {@code mark}, oldest first. */
    public List<String> linesSince(long mark) {
        synchronized (lines) {
            long skip = Math.max(0, lines.size() - (total - mark));
            return lines.stream().skip(skip).toList();
        }
    }

    /** All stored lines joined with newlines. */
    public String dump() {
        return String.join(System.lineSeparator(), lines());
    }
}
