package dev.voicesession.emulator.voice;

/**
 * Where a bot's voice connection stands, as the emulated voice server sees it.
 *
 * <p>The normal life of a connection is {@code NONE -> IDENTIFIED -> CONNECTED -> CLOSED}. A websocket that drops
 * without a clean close goes to {@link #DISCONNECTED}, from which a RESUME brings it back to {@link #CONNECTED}.
 */
public enum VoiceConnectionState {
    /** No voice websocket has identified yet (the guild was never authorized, or only a token was handed out). */
    NONE,
    /** IDENTIFY was accepted and READY (ssrc, UDP address, encryption modes) was sent; no SELECT_PROTOCOL yet. */
    IDENTIFIED,
    /** SELECT_PROTOCOL was answered with SESSION_DESCRIPTION (or a RESUME succeeded): audio may flow over UDP. */
    CONNECTED,
    /** The websocket dropped without a normal close; the session may still be resumed with its token. */
    DISCONNECTED,
    /** The session ended: the bot closed the websocket normally, or it was revoked (close code 4014). */
    CLOSED
}
