package dev.voicesession.emulator.console;

import dev.voicesession.emulator.voice.VoiceConnectionInfo;
import dev.voicesession.emulator.voice.VoiceConnectionState;
import dev.voicesession.emulator.voice.VoiceStateListener;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Remembers when the bot's voice connection in each guild last changed state (the console counts a
 * join timer down from the moment it became CONNECTED) and reports each change. Each change gets a version,
 * increasing across guilds, so that the page keeps the newest view when a guild read answered before a change
 * arrives after the feed's report of it.
 */
final class VoiceWatch implements VoiceStateListener {
    private final Map<Long, Instant> changedAt = new ConcurrentHashMap<>();
    private final Map<Long, Long> versions = new ConcurrentHashMap<>();
    private final AtomicLong lastVersion = new AtomicLong();
    private final LongConsumer onChange;

    VoiceWatch(LongConsumer onChange) {
        this.onChange = onChange;
    }

    @Override
    public void onStateChange(VoiceConnectionInfo connection, VoiceConnectionState previous) {
        changedAt.put(connection.guildId(), Instant.now());
        versions.put(connection.guildId(), lastVersion.incrementAndGet());
        onChange.accept(connection.guildId());
    }

    /**
     * The version of the guild's last change, 0 before any: read it before the connection's state, so that a
     * view never pairs an older state with a newer version.
     */
    long version(long guildId) {
        return versions.getOrDefault(guildId, 0L);
    }

    /** When the connection in the guild last changed state, or {@code null} if it never did. */
    Instant changedAt(long guildId) {
        return changedAt.get(guildId);
    }
}
