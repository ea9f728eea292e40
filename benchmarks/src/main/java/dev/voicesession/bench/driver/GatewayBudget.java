package dev.voicesession.bench.driver;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the driver within JDA's own gateway limit. JDA sends at most 115 payloads per shard in each minute and,
 * once over, sends nothing more for a whole minute; every voice session costs two (the voice state updates to
 * join and to leave), so an unpaced driver would stall the bot's voice connects and the plugin's 15 s connect
 * timeout would fail them. Before a session the driver takes its two sends from the guild's shard here, and
 * waits while that shard already has {@link #PER_MINUTE} within the last minute (heartbeats use the rest).
 */
public final class GatewayBudget {
    /** Sends the driver allows itself per shard and minute: JDA's 115 less room for heartbeats and lag. */
    public static final int PER_MINUTE = 96;
    /** JDA's limit of gateway payloads per shard and minute. */
    public static final int JDA_LIMIT = 115;
    private static final long WINDOW = Duration.ofMinutes(1).toNanos();

    private final int shards;
    private final List<Deque<Long>> sent = new ArrayList<>();
    private long waitedNanos;

    /** A budget for a bot with {@code shards} shards. */
    public GatewayBudget(int shards) {
        this.shards = shards;
        for (int i = 0; i < shards; i++) {
            sent.add(new ArrayDeque<>());
        }
    }

    /** The shard a guild's events go to, as Discord and the emulator route them. */
    public static int shardOf(long guildId, int shards) {
        return (int) ((guildId >>> 22) % shards);
    }

    /** Waits until the guild's shard can take {@code count} more sends this minute, then books them. */
    public void acquire(long guildId, int count) {
        Deque<Long> shard = sent.get(shardOf(guildId, shards));
        while (true) {
            long wait;
            synchronized (shard) {
                long now = System.nanoTime();
                while (!shard.isEmpty() && now - shard.peekFirst() >= WINDOW) {
                    shard.removeFirst();
                }
                if (shard.size() + count <= PER_MINUTE) {
                    for (int i = 0; i < count; i++) {
                        shard.addLast(now);
                    }
                    return;
                }
                wait = WINDOW - (now - shard.peekFirst()) + 1_000_000;
            }
            synchronized (this) {
                waitedNanos += wait;
            }
            HostProcess.sleep(Duration.ofNanos(wait));
        }
    }

    /** How long callers waited in total. */
    public synchronized Duration waited() {
        return Duration.ofNanos(waitedNanos);
    }

    public int shards() {
        return shards;
    }
}
