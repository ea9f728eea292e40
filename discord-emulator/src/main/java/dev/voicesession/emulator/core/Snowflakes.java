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

    /**
     * Returns a new id, strictly greater than every id returned before, that Discord's sharding rule
     * {@code (id >> 22) % shards} puts on {@code shard}: the next id in the current millisecond (or the
     * newest id's, if that is later) when that millisecond falls on the shard, otherwise the first id of the
     * next millisecond that does, at most {@code shards - 1} ms on.
     *
     * @param shard  the shard the id must fall on, from 0
     * @param shards how many shards the bot runs, at least 1
     */
    public long nextOnShard(int shard, int shards) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " is not one of " + shards + " shards");
        }
        long candidate = (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
        return last.updateAndGet(previous -> {
            long id = Math.max(previous + 1, candidate);
            long millis = id >>> 22;
            long ahead = Math.floorMod(shard - millis, (long) shards);
            return ahead == 0 ? id : (millis + ahead) << 22;
        });
    }

    /** The creation time encoded in a snowflake id. */
    public static Instant timeOf(long id) {
        return Instant.ofEpochMilli((id >>> 22) + DISCORD_EPOCH);
    }
}
