package dev.voicesession.emulator.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * How many sessions the bot may start, as Discord's "Get Gateway Bot" describes them in {@code session_start_limit}:
 * one IDENTIFY per {@code window} in each bucket ({@code rate_limit_key = shard_id % max_concurrency}), and
 * {@code total} session starts per {@code resetAfter}.
 *
 * <p>Discord's documented behaviour for the two violations, which the emulator follows: a second IDENTIFY in one
 * bucket within the window gets op 9 INVALID_SESSION ({@code d: false}) and no session; an IDENTIFY once the
 * {@code total} is used up ends every session of the bot and resets its token (Discord also emails the owner).
 *
 * @param maxConcurrency the {@code max_concurrency} served in {@code GET gateway/bot}: the number of buckets
 * @param window how long one bucket stays closed after an IDENTIFY: Discord's 5 s; a test may shorten it
 * @param total the session starts allowed per {@code resetAfter}
 * @param resetAfter how long a period of {@code total} session starts lasts, from its first session start
 */
public record IdentifyLimit(int maxConcurrency, Duration window, int total, Duration resetAfter) {

    /** Discord's window between two IDENTIFYs in one bucket. */
    public static final Duration DISCORD_WINDOW = Duration.ofSeconds(5);

    /** Checks the values. */
    public IdentifyLimit {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("max_concurrency must be at least 1, was " + maxConcurrency);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("The identify window must be positive, was " + window);
        }
        if (total < 1) {
            throw new IllegalArgumentException("The session start total must be at least 1, was " + total);
        }
        if (resetAfter.isNegative() || resetAfter.isZero()) {
            throw new IllegalArgumentException("The session start period must be positive, was " + resetAfter);
        }
    }

    /**
     * Discord's limit for a bot below large-bot sharding: {@code max_concurrency} 1, one IDENTIFY per 5 s, 1000
     * session starts a day.
     *
     * @return the limit
     */
    public static IdentifyLimit discord() {
        return new IdentifyLimit(1, DISCORD_WINDOW, 1000, Duration.ofDays(1));
    }

    /**
     * Returns a copy with another {@code max_concurrency} (Discord raises it for large bots: 16, 32, 64...).
     *
     * @param buckets the number of buckets
     * @return the new limit
     */
    public IdentifyLimit withMaxConcurrency(int buckets) {
        return new IdentifyLimit(buckets, window, total, resetAfter);
    }

    /**
     * Returns a copy with another window, for tests that should not wait Discord's 5 s.
     *
     * @param newWindow how long a bucket stays closed after an IDENTIFY
     * @return the new limit
     */
    public IdentifyLimit withWindow(Duration newWindow) {
        return new IdentifyLimit(maxConcurrency, newWindow, total, resetAfter);
    }

    /**
     * Returns a copy with another number of session starts per period.
     *
     * @param starts the session starts allowed
     * @return the new limit
     */
    public IdentifyLimit withTotal(int starts) {
        return new IdentifyLimit(maxConcurrency, window, starts, resetAfter);
    }

    /**
     * Returns a copy with another period for {@link #total()}.
     *
     * @param period how long a period lasts
     * @return the new limit
     */
    public IdentifyLimit withResetAfter(Duration period) {
        return new IdentifyLimit(maxConcurrency, window, total, period);
    }

    /**
     * Returns the bucket of a shard, {@code shard_id % max_concurrency}.
     *
     * @param shardId the shard (0 for a connection without sharding)
     * @return the rate limit key
     */
    public int bucketOf(int shardId) {
        return Math.floorMod(shardId, maxConcurrency);
    }
}
