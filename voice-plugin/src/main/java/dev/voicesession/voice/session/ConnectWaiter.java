package dev.voicesession.voice.session;

import dev.voicesession.api.Scheduler.ScheduledTask;
import dev.voicesession.voice.discord.DiscordActionException;
import dev.voicesession.voice.discord.GatewayBudget;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the bot to a session's channel and reports once the voice connection is CONNECTED, without
 * polling and without blocking a thread:
 *
 * <ol>
 *   <li>the join waits, if it must, for room in the gateway budget of the guild's shard (the user is told);
 *   <li>it is sent, and the connect time-out starts only then, so a wait the plugin imposed never fails a
 *       session;
 *   <li>JDA's connection status changes for the guild (relayed from its audio manager) queue a check on the
 *       session's lane; the time-out looks once more before it gives up.
 * </ol>
 *
 * A newer connect, or the session ending, turns an older one stale; everything runs on the session's lane.
 */
final class ConnectWaiter {

    private static final Logger log = LoggerFactory.getLogger(ConnectWaiter.class);

    /** How a connect ended. */
    enum Outcome {
        /** The bot's voice connection reached CONNECTED in the session's channel. */
        CONNECTED,
        /** It did not within the connect time-out, counted from when the join was sent. */
        TIMED_OUT,
        /** The join could not be sent (see the error). */
        REFUSED
    }

    /**
     * The end of a connect.
     *
     * @param outcome what happened
     * @param error why the join could not be sent, for {@link Outcome#REFUSED}
     */
    record Result(Outcome outcome, DiscordActionException error) {
        boolean connected() {
            return outcome == Outcome.CONNECTED;
        }
    }

    private record Wait(VoiceSession session, int token, Consumer<Result> onResult) {}

    private final SessionDeps deps;
    private final SessionTimers timers;
    private final Map<Long, Wait> waits = new ConcurrentHashMap<>();

    ConnectWaiter(SessionDeps deps, SessionTimers timers) {
        this.deps = deps;
        this.timers = timers;
        deps.discord().addVoiceStatusListener(this::onStatusChange);
    }

    /**
     * Connects the bot to the session's channel. Lane only.
     *
     * @param session the session, with its channel
     * @param tellUser whether a wait for the gateway budget is shown in the status message (not for a reconnect
     *     of a running session)
     * @param onResult told once, on the lane, unless the connect turned stale
     */
    void connect(VoiceSession session, boolean tellUser, Consumer<Result> onResult) {
        int token = session.nextConnectToken();
        GatewayBudget.Ticket ticket = deps.discord().requestVoiceJoin(
                session.guildId(), () -> session.lane().submit(() -> {
                    if (session.pendingTask() instanceof QueuedJoin) {
                        session.pendingTask(null);
                    }
                    if (isCurrent(session, token)) {
                        if (tellUser) {
                            StatusUpdates.showProgress(session, StatusTexts.connecting(session.channelId()));
                        }
                        send(session, token, onResult);
                    }
                }));
        if (ticket.immediate()) {
            send(session, token, onResult);
            return;
        }
        session.pendingTask(new QueuedJoin(ticket));
        log.info("Session '{}' waits to join voice channel '{}' in guild '{}' (gateway budget, position {})",
                session.key(), session.channelId(), session.guildId(), ticket.position());
        if (tellUser) {
            StatusUpdates.show(session, StatusTexts.waitingForVoice(
                    session.channelId(), ticket.position(), ticket.expectedWait()));
        }
    }

    private void send(VoiceSession session, int token, Consumer<Result> onResult) {
        try {
            deps.discord().openConnection(session.guildId(), session.channelId());
        } catch (DiscordActionException e) {
            onResult.accept(new Result(Outcome.REFUSED, e));
            return;
        }
        Wait wait = new Wait(session, token, onResult);
        waits.put(session.guildId(), wait);
        timers.later(session, session.settings().connectTimeout(), () -> timedOut(wait));
        check(wait);
    }

    /** A JDA thread: only hands the check to the session's lane. */
    private void onStatusChange(long guildId) {
        Wait wait = waits.get(guildId);
        if (wait != null) {
            wait.session().lane().submit(() -> check(wait));
        }
    }

    private void check(Wait wait) {
        VoiceSession session = wait.session();
        if (waits.get(session.guildId()) != wait) {
            return;
        }
        if (!isCurrent(session, wait.token())) {
            waits.remove(session.guildId(), wait);
            return;
        }
        if (deps.discord().isConnected(session.guildId(), session.channelId())) {
            finish(wait, Outcome.CONNECTED);
        }
    }

    private void timedOut(Wait wait) {
        VoiceSession session = wait.session();
        if (waits.get(session.guildId()) != wait) {
            return;
        }
        if (!isCurrent(session, wait.token())) {
            waits.remove(session.guildId(), wait);
            return;
        }
        session.pendingTask(null);
        boolean connected = deps.discord().isConnected(session.guildId(), session.channelId());
        finish(wait, connected ? Outcome.CONNECTED : Outcome.TIMED_OUT);
    }

    private void finish(Wait wait, Outcome outcome) {
        VoiceSession session = wait.session();
        waits.remove(session.guildId(), wait);
        ScheduledTask timeout = session.pendingTask();
        if (timeout != null) {
            timeout.cancel();
            session.pendingTask(null);
        }
        wait.onResult().accept(new Result(outcome, null));
    }

    private static boolean isCurrent(VoiceSession session, int token) {
        return token == session.connectToken() && session.state().isLive();
    }

    /** A join waiting for the gateway budget, as the session's pending task, so that ending the session withdraws it. */
    private static final class QueuedJoin implements ScheduledTask {
        private final GatewayBudget.Ticket ticket;
        private volatile boolean cancelled;

        QueuedJoin(GatewayBudget.Ticket ticket) {
            this.ticket = ticket;
        }

        @Override
        public boolean cancel() {
            cancelled = true;
            ticket.cancel();
            return true;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }
    }
}
