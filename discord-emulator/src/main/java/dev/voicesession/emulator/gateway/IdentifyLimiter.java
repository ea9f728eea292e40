package dev.voicesession.emulator.gateway;

import dev.voicesession.emulator.model.IdentifyLogEntry;
import dev.voicesession.emulator.model.IdentifyLogEntry.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Enforces the {@link IdentifyLimit}: per bucket, the time of the last IDENTIFY it accepted; the session starts
 * left in the current period; and a record of every IDENTIFY it judged, for tests. Only IDENTIFYs that start a
 * session count: a refused one neither closes its bucket nor uses a session start. When not enforced (an emulator
 * with {@code RateLimitMode.OFF} and no limit of its own) every IDENTIFY is accepted and still recorded, and the
 * session starts left never go below zero.
 */
public final class IdentifyLimiter {
    private static final int LOG_CAPACITY = 10_000;

    private IdentifyLimit limit;
    private boolean enforced;
    private final Map<Integer, Long> lastAccepted = new HashMap<>();
    private final Deque<IdentifyLogEntry> log = new ArrayDeque<>();
    private int remaining;
    private Long periodStart;

    /**
     * What {@code GET gateway/bot} reports in {@code session_start_limit}.
     *
     * @param total the session starts allowed per period
     * @param remaining the session starts left in this period
     * @param resetAfterMillis milliseconds until {@code remaining} is {@code total} again
     * @param maxConcurrency the number of buckets
     */
    public record SessionStartLimit(int total, int remaining, long resetAfterMillis, int maxConcurrency) {}

    /**
     * Creates the limiter.
     *
     * @param limit the limit
     * @param enforced whether IDENTIFYs over it are refused
     */
    public IdentifyLimiter(IdentifyLimit limit, boolean enforced) {
        this.limit = Objects.requireNonNull(limit, "limit");
        this.enforced = enforced;
        this.remaining = limit.total();
    }

    /**
     * Tells whether IDENTIFYs over the limit are refused.
     *
     * @return {@code false} when every IDENTIFY is accepted
     */
    public synchronized boolean enforced() {
        return enforced;
    }

    /**
     * Switches enforcement on or off; the limit and what was recorded stay.
     *
     * @param on whether IDENTIFYs over the limit are refused from now on
     */
    public synchronized void enforce(boolean on) {
        this.enforced = on;
    }

    /**
     * Returns the limit being enforced.
     *
     * @return the limit
     */
    public synchronized IdentifyLimit limit() {
        return limit;
    }

    /**
     * Replaces the limit and enforces it. The session starts left begin again at the new total; the buckets keep
     * the time of their last IDENTIFY.
     *
     * @param newLimit the limit to enforce from now on
     */
    public synchronized void limit(IdentifyLimit newLimit) {
        this.limit = Objects.requireNonNull(newLimit, "newLimit");
        this.enforced = true;
        this.remaining = newLimit.total();
        this.periodStart = null;
    }

    /**
     * Returns how long a shard must wait before its IDENTIFY would be accepted, so that a client of the emulator
     * in the same JVM can pace itself as a session controller does against Discord.
     *
     * @param shardId the shard
     * @return zero if it may identify now (always, when the limit is not enforced)
     */
    public synchronized Duration untilAllowed(int shardId) {
        Long last = lastAccepted.get(limit.bucketOf(shardId));
        if (last == null || !enforced) {
            return Duration.ZERO;
        }
        long wait = last + limit.window().toNanos() - System.nanoTime();
        return wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait);
    }

    /**
     * Returns the state of the session start limit now.
     *
     * @return what {@code GET gateway/bot} serves
     */
    public synchronized SessionStartLimit sessionStartLimit() {
        long now = System.nanoTime();
        roll(now);
        long resetAfter = periodStart == null
                ? limit.resetAfter().toMillis()
                : Duration.ofNanos(periodStart + limit.resetAfter().toNanos() - now).toMillis();
        return new SessionStartLimit(limit.total(), remaining, Math.max(0, resetAfter), limit.maxConcurrency());
    }

    /**
     * Returns the IDENTIFYs judged so far, oldest first (the last 10,000).
     *
     * @return a new list
     */
    public synchronized List<IdentifyLogEntry> log() {
        return List.copyOf(log);
    }

    /** Judges one IDENTIFY whose token, intents and shard are valid, and records it. */
    synchronized Outcome admit(String connectionId, int shardId, int shardCount, long now) {
        roll(now);
        int bucket = limit.bucketOf(shardId);
        Long last = lastAccepted.get(bucket);
        Outcome outcome;
        if (enforced && remaining <= 0) {
            outcome = Outcome.SESSION_START_LIMIT_EXCEEDED;
        } else if (enforced && last != null && now - last < limit.window().toNanos()) {
            outcome = Outcome.RATE_LIMITED;
        } else {
            outcome = Outcome.ACCEPTED;
            lastAccepted.put(bucket, now);
            remaining = Math.max(0, remaining - 1);
            if (periodStart == null) {
                periodStart = now;
            }
        }
        log.addLast(new IdentifyLogEntry(Instant.now(), now, connectionId, shardId, shardCount, bucket, outcome));
        if (log.size() > LOG_CAPACITY) {
            log.removeFirst();
        }
        return outcome;
    }

    /** Starts a new period once the current one is over. */
    private void roll(long now) {
        if (periodStart != null && now - periodStart >= limit.resetAfter().toNanos()) {
            periodStart = null;
            remaining = limit.total();
        }
    }
}
