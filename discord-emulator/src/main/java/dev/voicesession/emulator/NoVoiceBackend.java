package dev.voicesession.emulator;

import dev.voicesession.emulator.core.VoiceBackend;

/** Stand-in when the emulator runs without a voice server: tokens are handed out, nothing listens. */
final class NoVoiceBackend implements VoiceBackend {
    @Override
    public String endpoint() {
        return "127.0.0.1:9";
    }

    @Override
    public String authorize(long guildId, long userId, String sessionId, long channelId) {
        return "no-voice-server";
    }

    @Override
    public void revoke(long guildId, long userId) {
        // Nothing is connected.
    }

    @Override
    public void setUnreachable(boolean unreachable) {
        // Nothing listens anyway.
    }

    @Override
    public void close() {
        // Nothing to stop.
    }
}
