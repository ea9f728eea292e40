package dev.voicesession.emulator.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Discord's gateway send limit: a client may send {@code events} payloads per connection and {@code window}
 * (Discord documents 120 per 60 s), counted in fixed windows from the first payload; the payload over it closes
 * the connection with 4008 "Rate limited.". Also
 * records each payload a client sent (opcode and {@link System#nanoTime()}), so tests can check a bot's pace.
 */
public final class GatewayRateLimit {
    /** Gateway close code for a client that sent too many payloads. */
    public static final int CLOSE_RATE_LIMITED = 4008;
    private static final int RECORD_CAPACITY = 20_000;

    private final int events;
    private final long windowNanos;
    private final Deque<Received> received = new ArrayDeque<>();
    private int closes;

    /** One payload a client sent. */
    public record Received(String connectionId, int op, long nanoTime) {}

    /** A limit of {@code events} payloads per connection and {@code window}. */
    public GatewayRateLimit(int events, Duration window) {
        if (events < 1 || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("A gateway limit needs events >= 1 and a positive window, was "
                    + events + " per " + window);
        }
        this.events = events;
        this.windowNanos = window.toNanos();
    }

    /** Discord's documented limit: 120 payloads per connection in 60 s. */
    public static GatewayRateLimit discord() {
        return new GatewayRateLimit(120, Duration.ofSeconds(60));
    }

    /** Payloads allowed per connection and window. */
    public int events() {
        return events;
    }

    /** The window. */
    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    /** Records a payload; returns {@code false} if it is over the connection's limit (the caller closes it). */
    boolean admit(GatewayConnection connection, int op, long now) {
        boolean allowed = connection.admit(now, events, windowNanos);
        synchronized (this) {
            received.addLast(new Received(connection.id(), op, now));
            if (received.size() > RECORD_CAPACITY) {
                received.removeFirst();
            }
            if (!allowed) {
                closes++;
            }
        }
        return allowed;
    }

    /** How many connections were closed with 4008 for sending too much. */
    public synchronized int rateLimitedCloses() {
        return closes;
    }

    /** The payloads clients sent with opcode {@code op}, oldest first (the last 20,000 of all opcodes). */
    public synchronized List<Received> received(int op) {
        List<Received> out = new ArrayList<>();
        for (Received r : received) {
            if (r.op() == op) {
                out.add(r);
            }
        }
        return out;
    }
}
