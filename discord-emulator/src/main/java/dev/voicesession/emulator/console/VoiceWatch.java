package dev.voicesession.emulator.console;

import dev.voicesession.emulator.voice.VoiceConnectionInfo;
import dev.voicesession.emulator.voice.VoiceConnectionState;
import dev.voicesession.emulator.voice.VoiceStateListener;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Remembers when the bot's voice connection in each guild last changed state (the console counts a
 * join timer down from the moment it became CONNECTED) and reports each change.
 */
final class VoiceWatch implements VoiceStateListener {
    private final Map<Long, Instant> changedAt = new ConcurrentHashMap<>();
    private final LongConsumer onChange;

    VoiceWatch(LongConsumer onChange) {
        this.onChange = onChange;
    }

    @Override
    public void onStateChange(VoiceConnectionInfo connection, VoiceConnectionState previous) {
        changedAt.put(connection.guildId(), Instant.now());
        onChange.accept(connection.guildId());
    }

    /** When the connection in the guild last changed state, or {@code null} if it never did. */
    Instant changedAt(long guildId) {
        return changedAt.get(guildId);
    }
}
