package dev.voicesession.voice.session;

import dev.voicesession.api.Scheduler.ScheduledTask;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and cancels a session's timers on the host scheduler. A timer that fires queues its action
 * on the session's lane, where it checks the state again: a timer that fires while it is being
 * cancelled finds the session moved on and does nothing.
 */
final class SessionTimers {

    private static final Logger log = LoggerFactory.getLogger(SessionTimers.class);

    private final SessionDeps deps;

    SessionTimers(SessionDeps deps) {
        this.deps = deps;
    }

    void startJoinTimer(VoiceSession session, Runnable onExpiry) {
        Duration timeout = session.settings().joinTimeout();
        session.joinTimer(schedule(session, timeout, onExpiry));
        log.info(
                "Join timer started for session '{}' (user '{}', channel '{}'): {} ms",
                session.key(), session.userId(), session.channelId(), timeout.toMillis());
    }

    void cancelJoinTimer(VoiceSession session, String why) {
        ScheduledTask timer = session.joinTimer();
        if (timer != null) {
            timer.cancel();
            session.joinTimer(null);
            log.info("Join timer of session '{}' (user '{}') cancelled: {}", session.key(), session.userId(), why);
        }
    }

    void startMaxLengthTimer(VoiceSession session, Runnable onExpiry) {
        Duration max = session.settings().maxSessionLength();
        session.maxLengthTimer(schedule(session, max, onExpiry));
        log.debug("Maximum length timer started for session '{}': {} ms", session.key(), max.toMillis());
    }

    /** Starts the wait after the user's leave (see {@link SessionEvents#LEAVE_SETTLE}). */
    void startLeaveSettle(VoiceSession session, Duration settle, Runnable then) {
        session.leaveSettle(schedule(session, settle, then));
    }

    /** Runs {@code task} on the session's lane after {@code delay}, keeping it cancellable by {@link #cancelAll}. */
    void later(VoiceSession session, Duration delay, Runnable task) {
        session.pendingTask(schedule(session, delay, task));
    }

    /** Cancels every timer and pending task, and turns any outstanding connection wait stale. */
    void cancelAll(VoiceSession session) {
        cancelJoinTimer(session, "session ending");
        if (session.maxLengthTimer() != null) {
            session.maxLengthTimer().cancel();
            session.maxLengthTimer(null);
        }
        if (session.pendingTask() != null) {
            session.pendingTask().cancel();
            session.pendingTask(null);
        }
        if (session.leaveSettle() != null) {
            session.leaveSettle().cancel();
            session.leaveSettle(null);
        }
        session.nextConnectToken();
    }

    private ScheduledTask schedule(VoiceSession session, Duration delay, Runnable task) {
        return deps.scheduler().schedule(delay, () -> session.lane().submit(task));
    }
}
