package dev.voicesession.voice.session;

import dev.voicesession.voice.model.EndReason;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state machine's reactions once the channel exists: the bot connected, the user joined or
 * left, the join timer fired, the bot lost its voice connection. Every method runs on the session's
 * lane and checks the state first, so an event that arrives late finds the session moved on.
 */
final class SessionEvents {

    private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);

    /** Wait before a reconnect attempt, so a channel deletion can be seen first. */
    static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    /**
     * How long the end of a session whose user left waits for the channel's deletion to follow: Discord sends
     * the leaves of a deleted channel's members first, then CHANNEL_DELETE, in one burst.
     */
    static final Duration LEAVE_SETTLE = Duration.ofMillis(500);

    private final SessionDeps deps;
    private final SessionTimers timers;
    private final ConnectWaiter waiter;
    private final SessionCleanup cleanup;

    SessionEvents(SessionDeps deps, SessionTimers timers, ConnectWaiter waiter, SessionCleanup cleanup) {
        this.deps = deps;
        this.timers = timers;
        this.waiter = waiter;
        this.cleanup = cleanup;
    }

    /**
     * The bot reached CONNECTED in the new channel: wait for the user, unless the user is already there. If
     * the bot was removed from the channel meanwhile, it gets back in as after any loss of its connection.
     */
    void onConnected(VoiceSession session) {
        if (session.state() != SessionState.CONNECTING) {
            return;
        }
        enterLive(session);
        if (session.takeBotLeftMeanwhile()) {
            onBotLeftChannel(session);
        }
    }

    private void enterLive(VoiceSession session) {
        session.waitingSince(deps.clock().instant());
        if (session.settings().hasMaxSessionLength()) {
            timers.startMaxLengthTimer(session, () -> onMaxLength(session));
        }
        Set<Long> humans = humans(session);
        if (humans.contains(session.userId())) {
            session.userHasJoined(true);
            session.moveTo(SessionState.ACTIVE);
            log.info(
                    "User '{}' was in channel '{}' before the bot connected; session '{}' active without a join timer",
                    session.userId(), session.channelId(), session.key());
            StatusUpdates.show(session, StatusTexts.active(session.channelId()));
            return;
        }
        if (session.userHasJoined()) {
            // The session is the user's: whoever else is in the channel, it does not go on without them.
            log.info("User '{}' joined and left channel '{}' before the bot connected", session.userId(), session.channelId());
            cleanup.end(session, EndReason.USER_LEFT);
            return;
        }
        session.moveTo(SessionState.WAITING_FOR_USER);
        timers.startJoinTimer(session, () -> onJoinTimerFired(session));
        StatusUpdates.show(session, StatusTexts.joinWithin(session.channelId(), session.settings().joinTimeout()));
    }

    /** The session's user joined its channel. */
    void onUserJoined(VoiceSession session) {
        session.userHasJoined(true);
        switch (session.state()) {
            case WAITING_FOR_USER -> activate(session);
            case CREATING, CONNECTING -> log.debug(
                    "User '{}' joined channel '{}' before the bot connected", session.userId(), session.channelId());
            case ACTIVE -> log.debug("User '{}' is back in channel '{}'", session.userId(), session.channelId());
            case CLOSING, CLOSED -> log.debug(
                    "User '{}' joined channel '{}' of ending session '{}'; ignored",
                    session.userId(), session.channelId(), session.key());
        }
    }

    private void activate(VoiceSession session) {
        long waited = Duration.between(session.waitingSince(), deps.clock().instant()).toMillis();
        timers.cancelJoinTimer(session, "user '" + session.userId() + "' joined after " + waited + " ms");
        session.moveTo(SessionState.ACTIVE);
        log.info("Session '{}' active: user '{}' joined channel '{}'", session.key(), session.userId(), session.channelId());
        StatusUpdates.show(session, StatusTexts.active(session.channelId()));
    }

    /**
     * The session's user left the channel, or moved out of it. The session is theirs, so it ends whoever else
     * stays, but not at once: Discord sends the leave of everyone in a channel that a moderator deletes before
     * the channel's deletion, so the end waits {@link #LEAVE_SETTLE} for a deletion to follow (which ends the
     * session as {@code channel_deleted}, with nothing sent for the gone channel) or for the user to come back.
     * The wait is a timer: no thread sleeps.
     */
    void onUserLeft(VoiceSession session) {
        if (session.state() != SessionState.ACTIVE || session.leaveSettle() != null) {
            return;
        }
        log.debug("User '{}' left channel '{}' of session '{}'; ending it unless the channel is being deleted",
                session.userId(), session.channelId(), session.key());
        timers.startLeaveSettle(session, LEAVE_SETTLE, () -> onUserGone(session));
    }

    /** The settle time after the user's leave passed without the channel's deletion. */
    private void onUserGone(VoiceSession session) {
        session.leaveSettle(null);
        if (session.state() != SessionState.ACTIVE) {
            return;
        }
        if (humans(session).contains(session.userId())) {
            log.debug("User '{}' is back in channel '{}' of session '{}'", session.userId(), session.channelId(),
                    session.key());
            return;
        }
        log.info("User '{}' left channel '{}' of session '{}'", session.userId(), session.channelId(), session.key());
        cleanup.end(session, EndReason.USER_LEFT);
    }

    /** The join timer fired. A join that races it is decided here, once, from the channel's members. */
    void onJoinTimerFired(VoiceSession session) {
        if (session.state() != SessionState.WAITING_FOR_USER || session.joinTimer() == null) {
            log.info(
                    "Join timer of session '{}' fired after it was cancelled (state {}); ignored",
                    session.key(), session.state());
            return;
        }
        session.joinTimer(null);
        if (!deps.settings().enabledIn(session.guildId())) {
            cleanup.end(session, EndReason.DISABLED);
            return;
        }
        if (humans(session).contains(session.userId())) {
            session.userHasJoined(true);
            session.moveTo(SessionState.ACTIVE);
            log.info(
                    "Join timer of session '{}' expired as user '{}' joined channel '{}': the join wins, session active",
                    session.key(), session.userId(), session.channelId());
            StatusUpdates.show(session, StatusTexts.active(session.channelId()));
            return;
        }
        log.info(
                "Join timer of session '{}' expired: user '{}' did not join channel '{}' within {} ms",
                session.key(), session.userId(), session.channelId(), session.settings().joinTimeout().toMillis());
        cleanup.end(session, EndReason.TIMEOUT);
    }

    private void onMaxLength(VoiceSession session) {
        if (session.state().isLive()) {
            log.info(
                    "Session '{}' reached its maximum length of {} ms",
                    session.key(), session.settings().maxSessionLength().toMillis());
            cleanup.end(session, EndReason.MAX_LENGTH);
        }
    }

    /** The bot is no longer in the session's channel: disconnected, kicked or moved. */
    void onBotLeftChannel(VoiceSession session) {
        SessionState state = session.state();
        if (state == SessionState.CONNECTING || (state.isLive() && session.recovering())) {
            // The connection being made may still be reported CONNECTED from before the bot was removed: check
            // again once it is.
            session.botLeftMeanwhile(true);
            log.info("Bot left voice channel '{}' of session '{}' while connecting; checked again once connected",
                    session.channelId(), session.key());
            return;
        }
        if (state != SessionState.WAITING_FOR_USER && state != SessionState.ACTIVE) {
            return;
        }
        session.recovering(true);
        session.botLeftMeanwhile(false);
        log.warn(
                "Bot lost its voice connection to channel '{}' of session '{}' in guild '{}'; reconnecting",
                session.channelId(), session.key(), session.guildId());
        timers.later(session, RECONNECT_DELAY, () -> reconnect(session, 1));
    }

    private void reconnect(VoiceSession session, int attempt) {
        if (!session.state().isLive()) {
            return;
        }
        if (attempt > session.settings().reconnectAttempts()) {
            giveUp(session, attempt - 1);
            return;
        }
        if (!deps.discord().channelExists(session.guildId(), session.channelId())) {
            cleanup.end(session, EndReason.CHANNEL_DELETED);
            return;
        }
        waiter.connect(session, false, result -> {
            switch (result.outcome()) {
                case CONNECTED -> {
                    session.recovering(false);
                    log.info(
                            "Bot reconnected to channel '{}' of session '{}' (attempt {})",
                            session.channelId(), session.key(), attempt);
                    if (session.takeBotLeftMeanwhile()) {
                        onBotLeftChannel(session);
                    }
                }
                case TIMED_OUT -> {
                    log.warn("Reconnect attempt {} of session '{}' did not reach CONNECTED", attempt, session.key());
                    reconnect(session, attempt + 1);
                }
                case REFUSED -> {
                    log.warn("Reconnect attempt {} of session '{}' failed", attempt, session.key(), result.error());
                    timers.later(session, RECONNECT_DELAY, () -> reconnect(session, attempt + 1));
                }
            }
        });
    }

    private void giveUp(VoiceSession session, int attempts) {
        boolean exists = deps.discord().channelExists(session.guildId(), session.channelId());
        log.warn(
                "Bot could not get back into channel '{}' of session '{}' after {} attempts",
                session.channelId(), session.key(), attempts);
        cleanup.end(session, exists ? EndReason.VOICE_LOST : EndReason.CHANNEL_DELETED);
    }

    /**
     * Checks a session against Discord after events may have been lost (the gateway came back with a new
     * session): the bot removed from the guild, the channel deleted, the bot out of voice, the user joined
     * or gone. A session still being set up is left to its setup, which has its own time-outs.
     */
    void verify(VoiceSession session) {
        SessionState state = session.state();
        if (state == SessionState.CREATING || !state.isLive()) {
            return;
        }
        if (!deps.discord().hasGuild(session.guildId())) {
            log.warn("Guild '{}' of session '{}' is gone after the reconnect", session.guildId(), session.key());
            cleanup.end(session, EndReason.BOT_REMOVED);
            return;
        }
        if (!deps.discord().channelExists(session.guildId(), session.channelId())) {
            log.info("Channel '{}' of session '{}' was deleted while the gateway was away", session.channelId(),
                    session.key());
            cleanup.end(session, EndReason.CHANNEL_DELETED);
            return;
        }
        if (state == SessionState.CONNECTING) {
            return;
        }
        if (!session.recovering() && !deps.discord().isConnected(session.guildId(), session.channelId())) {
            onBotLeftChannel(session);
        }
        Set<Long> humans = humans(session);
        if (state == SessionState.WAITING_FOR_USER && humans.contains(session.userId())) {
            session.userHasJoined(true);
            activate(session);
        } else if (state == SessionState.ACTIVE && !humans.contains(session.userId())) {
            log.info("User '{}' is not in channel '{}' of session '{}' after the reconnect", session.userId(),
                    session.channelId(), session.key());
            cleanup.end(session, EndReason.USER_LEFT);
        }
    }

    private Set<Long> humans(VoiceSession session) {
        return deps.discord().humansInChannel(session.guildId(), session.channelId());
    }
}
