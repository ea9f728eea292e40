package dev.voicesession.emulator.voice;

/**
 * Told about every state change of a voice connection on a {@link VoiceServer}.
 *
 * <p>Called on the server's own threads (websocket or control thread), so implementations must be quick and
 * thread-safe; an exception thrown here is logged and otherwise ignored.
 */
@FunctionalInterface
public interface VoiceStateListener {
    /**
     * Called after a connection moved to a new state.
     *
     * @param connection a snapshot of the connection right after the change
     * @param previous the state it left
     */
    void onStateChange(VoiceConnectionInfo connection, VoiceConnectionState previous);
}
