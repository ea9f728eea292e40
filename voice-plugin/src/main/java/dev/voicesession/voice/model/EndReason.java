package dev.voicesession.voice.model;

import java.util.Arrays;
import java.util.Optional;

/** Why a voice session ended; {@link #code()} is what {@code voice_sessions.end_reason} holds. */
public enum EndReason {
    /** The user did not join within the join timeout. */
    TIMEOUT("timeout", "you did not join in time"),
    /** The session's user left the channel, or moved out of it, after joining. */
    USER_LEFT("user_left", "you left the channel"),
    /** The user closed it. */
    CLOSED("closed", "you closed it"),
    /** A moderator ended it with the admin command. */
    ADMIN_END("admin_end", "a moderator ended it"),
    /** It reached the maximum session length. */
    MAX_LENGTH("max_length", "it reached the maximum length"),
    /** Someone deleted the channel. */
    CHANNEL_DELETED("channel_deleted", "the channel was deleted"),
    /** The bot lost its voice connection and could not get back. */
    VOICE_LOST("voice_lost", "the bot lost its voice connection"),
    /** The bot could not connect to the new channel. */
    CONNECT_FAILED("connect_failed", "the bot could not join the channel"),
    /** The bot left or was removed from the server. */
    BOT_REMOVED("bot_removed", "the bot was removed from the server"),
    /** The bot is shutting down. */
    SHUTDOWN("shutdown", "the bot is shutting down"),
    /** A session left over by an earlier run, cleaned at reconciliation. */
    ORPHAN("orphan", "the bot restarted"),
    /** The channel could not be created, or the session could not be recorded. */
    CREATE_FAILED("create_failed", "the channel could not be created"),
    /** Voice sessions are disabled for the server. */
    DISABLED("disabled", "voice sessions are disabled here");

    private final String code;
    private final String description;

    EndReason(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /**
     * Returns the code stored in the database.
     *
     * @return for example {@code user_left}
     */
    public String code() {
        return code;
    }

    /**
     * Returns the reason in words for the user, completing "Voice session ended: ...".
     *
     * @return for example {@code you left the channel}
     */
    public String description() {
        return description;
    }

    /**
     * Finds the reason with {@code code}.
     *
     * @param code a stored code
     * @return the reason, or empty for an unknown code
     */
    public static Optional<EndReason> fromCode(String code) {
        return Arrays.stream(values()).filter(reason -> reason.code.equals(code)).findFirst();
    }
}
