package dev.voicesession.emulator.core;

/**
 * What the gateway needs from the voice server: where it listens and the tokens it accepts. Implemented
 * over {@code dev.voicesession.emulator.voice.VoiceServer}; a stand-in is used when no voice server runs.
 */
public interface VoiceBackend extends AutoCloseable {
    /** {@code host:port} to put in VOICE_SERVER_UPDATE. */
    String endpoint();

    /** Allows the given session to connect for a guild and channel; returns the token for VOICE_SERVER_UPDATE. */
    String authorize(long guildId, long userId, String sessionId, long channelId);

    /** Withdraws a user's authorization and closes its voice connection, if any. */
    void revoke(long guildId, long userId);

    /** Makes the voice server refuse (true) or accept (false) connections. */
    void setUnreachable(boolean unreachable);

    /** Stops the voice server. */
    @Override
    void close();
}
