package dev.voicesession.voice.session;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Waits, without blocking a thread, for the bot's voice connection to reach CONNECTED: polls the
 * connection status on the session's lane every {@link #POLL} until it is connected or the time-out
 * has passed, then reports the result on the lane. A newer wait, or the session ending, turns an
 * older wait stale.
 */
final class ConnectWaiter {

    /** How often the connection status is read. */
    static final Duration POLL = Duration.ofMillis(100);

    private final SessionDeps deps;
    private final SessionTimers timers;

    ConnectWaiter(SessionDeps deps, SessionTimers timers) {
        this.deps = deps;
        this.timers = timers;
    }

    void await(VoiceSession session, Duration timeout, Consumer<Boolean> onResult) {
        int token = session.nextConnectToken();
        long polls = Math.max(1, timeout.toMillis() / POLL.toMillis());
        next(session, token, polls, onResult);
    }

    private void next(VoiceSession session, int token, long remaining, Consumer<Boolean> onResult) {
        timers.later(session, POLL, () -> poll(session, token, remaining, onResult));
    }

    private void poll(VoiceSession session, int token, long remaining, Consumer<Boolean> onResult) {
        if (token != session.connectToken() || !session.state().isLive()) {
            return;
        }
        if (deps.discord().isConnected(session.guildId(), session.channelId())) {
            session.pendingTask(null);
            onResult.accept(true);
        } else if (remaining <= 1) {
            session.pendingTask(null);
            onResult.accept(false);
        } else {
            next(session, token, remaining - 1, onResult);
        }
    }
}
