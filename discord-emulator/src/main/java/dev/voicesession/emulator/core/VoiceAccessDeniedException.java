package dev.voicesession.emulator.core;

/**
 * A simulated user tried to join a voice channel it may not join (no View Channel or Connect), or a moderator
 * to move someone without Move Members: Discord's client refuses both. The control API answers it with 403.
 */
public final class VoiceAccessDeniedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the error with a message naming the user, the channel and the missing permissions. */
    public VoiceAccessDeniedException(String message) {
        super(message);
    }
}
