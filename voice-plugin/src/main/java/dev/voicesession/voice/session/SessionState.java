package dev.voicesession.voice.session;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a session is in its life. Transitions:
 *
 * <pre>
 * CREATING -> CONNECTING -> WAITING_FOR_USER -> ACTIVE
 *    |            |  \______________________/  ^   |
 *    |            |     (user already there)       |
 *    +------------+------------+------------------+--> CLOSING -> CLOSED
 * </pre>
 *
 * Every live state may go to {@link #CLOSING}; only the cleanup goes from there to {@link #CLOSED}.
 */
public enum SessionState {
    /** The slot is granted; permissions are checked, the claim is written, the channel is created. */
    CREATING,
    /** The channel exists; the bot is connecting to it. */
    CONNECTING,
    /** The bot is connected; the join timer runs. */
    WAITING_FOR_USER,
    /** The user has joined. */
    ACTIVE,
    /** Cleanup is running; every further event is ignored. */
    CLOSING,
    /** Cleanup is done. */
    CLOSED;

    /**
     * Tells whether the session has not started ending.
     *
     * @return {@code true} before {@link #CLOSING}
     */
    public boolean isLive() {
        return this != CLOSING && this != CLOSED;
    }

    /**
     * Returns the states this one may move to.
     *
     * @return the allowed next states
     */
    public Set<SessionState> next() {
        return switch (this) {
            case CREATING -> EnumSet.of(CONNECTING, CLOSING);
            case CONNECTING -> EnumSet.of(WAITING_FOR_USER, ACTIVE, CLOSING);
            case WAITING_FOR_USER -> EnumSet.of(ACTIVE, CLOSING);
            case ACTIVE -> EnumSet.of(CLOSING);
            case CLOSING -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.noneOf(SessionState.class);
        };
    }

    /**
     * Tells whether this state may move to {@code target}.
     *
     * @param target the next state
     * @return {@code true} if the transition is allowed
     */
    public boolean canMoveTo(SessionState target) {
        return next().contains(target);
    }
}
