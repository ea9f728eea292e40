package dev.voicesession.voice.discord;

/** What happened to a channel deletion. */
public enum DeleteOutcome {
    /** Discord deleted the channel. */
    DELETED,
    /** The channel did not exist any more (Unknown Channel): counts as deleted. */
    ALREADY_GONE,
    /** The bot may not delete it (Missing Access, Missing Permissions, Unknown Guild): retrying is useless now. */
    NO_ACCESS,
    /** The call failed in a way a retry may fix (time-out, server error, rate limit). */
    FAILED;

    /**
     * Tells whether the channel is gone.
     *
     * @return {@code true} for {@link #DELETED} and {@link #ALREADY_GONE}
     */
    public boolean gone() {
        return this == DELETED || this == ALREADY_GONE;
    }
}
