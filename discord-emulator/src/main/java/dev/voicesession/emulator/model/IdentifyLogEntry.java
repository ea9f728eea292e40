package dev.voicesession.emulator.model;

import java.time.Instant;

/**
 * One IDENTIFY the gateway received with a valid token, intents and shard, and what it did with it.
 *
 * @param timestamp when it arrived (wall clock)
 * @param nanoTime {@link System#nanoTime()} when it arrived: monotonic, for measuring the gap between two
 *     IDENTIFYs (comparable with {@link DispatchLogEntry#nanoTime()})
 * @param connectionId the websocket connection it came on
 * @param shardId the shard it asked for (0 without sharding)
 * @param shardCount the number of shards it gave (1 without sharding)
 * @param bucket its rate limit key, {@code shard_id % max_concurrency}
 * @param outcome what the gateway answered
 */
public record IdentifyLogEntry(
        Instant timestamp, long nanoTime, String connectionId, int shardId, int shardCount, int bucket,
        Outcome outcome) {

    /** What the gateway answered to an IDENTIFY. */
    public enum Outcome {
        /** A session was started (READY follows, at once or when a held IDENTIFY is released). */
        ACCEPTED,
        /** Another IDENTIFY in the same bucket was accepted within the window: op 9 INVALID_SESSION, no session. */
        RATE_LIMITED,
        /** The session start limit was used up: every session ended and the token was reset. */
        SESSION_START_LIMIT_EXCEEDED
    }

    /**
     * Tells whether the IDENTIFY started a session.
     *
     * @return {@code true} for {@link Outcome#ACCEPTED}
     */
    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
