package dev.voicesession.emulator.core;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Generates unique, increasing snowflake ids whose timestamps JDA can read. */
public final class Snowflakes {
    /** Discord's epoch, the first second of 2015, in milliseconds. */
    public static final long DISCORD_EPOCH = 1_420_070_400_000L;

    private final AtomicLong last = new AtomicLong();

    /** Returns a new id, strictly greater than every id returned before. */
    public long next() {
        long candidate = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
        return last.updateAndGet(previous -> Math.max(previous + 1, candidate));
    }

    /** The creation time encoded in a snowflake id. */
    public static Instant timeOf(long id) {
        return Instant.ofEpochMilli((id >>> 22) + DISCORD_EPOCH);
    }
}
