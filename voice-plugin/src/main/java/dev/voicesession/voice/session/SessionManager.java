package dev.voicesession.voice.session;

import dev.voicesession.api.queue.RequestTicket;
import dev.voicesession.voice.config.GuildVoiceSettings;
import dev.voicesession.voice.model.EndReason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point to voice sessions for the queue handler, the listeners, the commands and shutdown.
 * It only routes: each session's work runs on the session's own {@link SerialLane}. Methods called
 * from JDA event threads ({@code on...}) only look up memory and queue a lane task.
 */
public final class SessionManager {

    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);

    private final SessionDeps deps;
    private final SessionSetup setup;
    private final SessionEvents events;
    private final SessionCleanup cleanup;
    private final AtomicLong keys = new AtomicLong();
    private final Object admission = new Object();
    private boolean shuttingDown;

    /**
     * Wires the session classes.
     *
     * @param deps what they share
     */
    public SessionManager(SessionDeps deps) {
        this(deps, guildId -> { });
    }

    /**
     * Wires the session classes.
     *
     * @param deps what they share
     * @param leftovers told the guild id when a cleanup left a channel behind (it could not be deleted, or
     *     its create request got no answer in time and may still be carried out)
     */
    public SessionManager(SessionDeps deps, LongConsumer leftovers) {
        this.deps = deps;
        SessionTimers timers = new SessionTimers(deps);
        ConnectWaiter waiter = new ConnectWaiter(deps, timers);
        this.cleanup = new SessionCleanup(deps, timers, leftovers);
        this.events = new SessionEvents(deps, timers, waiter, cleanup);
        this.setup = new SessionSetup(deps, waiter, events, cleanup);
    }

    /**
     * Serves a granted voice request: registers the session and starts setting it up. Every refusal
     * fails the ticket with a message for the user.
     *
     * @param ticket the granted request
     */
    public void onGranted(RequestTicket ticket) {
        long userId = ticket.entry().userId();
        long guildId = ticket.entry().guildId();
        if (!deps.settings().enabledIn(guildId)) {
            log.info("Voice request '{}' of user '{}' refused: voice is disabled in guild '{}'", ticket.entry().id(), userId, guildId);
            ticket.fail(StatusTexts.disabled());
            return;
        }
        GuildVoiceSettings settings = deps.settings().forGuild(guildId);
        long key = keys.incrementAndGet();
        VoiceSession session = new VoiceSession(
                key, ticket, settings, new SerialLane("voice-session-" + key, deps.scheduler()::execute),
                deps.clock().instant(), deps.scheduler());
        boolean closed;
        Optional<SessionRegistry.Conflict> conflict = Optional.empty();
        synchronized (admission) {
            closed = shuttingDown;
            if (!closed) {
                conflict = deps.registry().register(session);
            }
        }
        if (closed) {
            ticket.fail(StatusTexts.shuttingDown());
            return;
        }
        if (conflict.isPresent()) {
            log.info(
                    "Voice request '{}' of user '{}' in guild '{}' refused: {}",
                    ticket.entry().id(), userId, guildId, conflict.get());
            ticket.fail(conflict.get() == SessionRegistry.Conflict.GUILD_BUSY
                    ? StatusTexts.guildBusy()
                    : "You already have a voice session.");
            return;
        }
        log.info("Voice request '{}' of user '{}' in guild '{}' granted as session '{}'", ticket.entry().id(), userId, guildId, key);
        session.lane().submit(() -> {
            try {
                setup.start(session);
            } catch (RuntimeException e) {
                // A boundary: whatever setup did not expect must not leave the session, and its slot, behind.
                log.error("Setting up session '{}' of user '{}' in guild '{}' failed unexpectedly", key, userId, guildId, e);
                session.failureMessage(StatusTexts.createFailed());
                cleanup.end(session, EndReason.CREATE_FAILED);
            }
        });
    }

    /**
     * Routes a voice state change. Called on a JDA event thread: never blocks.
     *
     * @param guildId the guild
     * @param memberId the member whose voice state changed
     * @param bot whether the member is a bot
     * @param leftChannelId the channel left, or 0
     * @param joinedChannelId the channel joined, or 0
     */
    public void onVoiceUpdate(long guildId, long memberId, boolean bot, long leftChannelId, long joinedChannelId) {
        if (!deps.settings().enabledIn(guildId) || leftChannelId == joinedChannelId) {
            return;
        }
        if (memberId == deps.discord().selfId()) {
            if (leftChannelId != 0) {
                deps.registry().byChannel(leftChannelId).ifPresent(s -> s.lane().submit(() -> events.onBotLeftChannel(s)));
            }
            return;
        }
        if (joinedChannelId != 0) {
            deps.registry().byChannel(joinedChannelId)
                    .filter(s -> s.userId() == memberId)
                    .ifPresent(s -> s.lane().submit(() -> events.onUserJoined(s)));
        }
        if (leftChannelId != 0 && !bot) {
            // Only the session's own user counts: anyone else coming or going changes nothing.
            deps.registry().byChannel(leftChannelId)
                    .filter(s -> s.userId() == memberId)
                    .ifPresent(s -> s.lane().submit(() -> events.onUserLeft(s)));
        }
    }

    /**
     * Checks every session against Discord after the gateway connected again with a new session: the
     * events of the time in between (a deleted channel, a user who left, the bot kicked from voice or from
     * the guild) were not replayed. Called on a JDA event thread: never blocks.
     */
    public void onSessionRecreated() {
        List<VoiceSession> sessions = deps.registry().all();
        if (!sessions.isEmpty()) {
            log.info("Gateway session recreated; checking {} voice session(s) against Discord", sessions.size());
        }
        sessions.forEach(s -> s.lane().submit(() -> events.verify(s)));
    }

    /**
     * Ends the session whose channel someone deleted. Called on a JDA event thread: never blocks.
     *
     * @param guildId the guild
     * @param channelId the deleted channel
     */
    public void onChannelDeleted(long guildId, long channelId) {
        deps.registry().byChannel(channelId).ifPresent(s -> {
            log.info("Channel '{}' of session '{}' in guild '{}' was deleted", channelId, s.key(), guildId);
            end(s, EndReason.CHANNEL_DELETED);
        });
    }

    /**
     * Ends the guild's session after the bot left or was removed. Called on a JDA event thread.
     *
     * @param guildId the guild
     */
    public void onGuildLeft(long guildId) {
        deps.registry().byGuild(guildId).ifPresent(s -> {
            log.warn("Bot left guild '{}' during session '{}'", guildId, s.key());
            end(s, EndReason.BOT_REMOVED);
        });
    }

    /**
     * Ends a session and waits for its cleanup.
     *
     * @param session the session
     * @param reason why
     * @param wait how long to wait at most
     * @return {@code true} if cleanup finished in time
     */
    public boolean endAndWait(VoiceSession session, EndReason reason, Duration wait) {
        end(session, reason);
        return await(List.of(session.closed()), wait);
    }

    /**
     * Starts ending a session; the lane makes sure it ends once.
     *
     * @param session the session
     * @param reason why
     */
    public void end(VoiceSession session, EndReason reason) {
        session.lane().submit(() -> cleanup.end(session, reason));
    }

    /**
     * Refuses new sessions and ends every session with reason {@code shutdown}.
     *
     * @param deadline how long to wait for their cleanup
     * @return how many sessions were still cleaning up at the deadline
     */
    public int shutdown(Duration deadline) {
        List<VoiceSession> sessions;
        synchronized (admission) {
            shuttingDown = true;
            sessions = deps.registry().all();
        }
        log.info("Ending {} voice session(s) for shutdown", sessions.size());
        sessions.forEach(s -> end(s, EndReason.SHUTDOWN));
        if (await(sessions.stream().map(VoiceSession::closed).toList(), deadline)) {
            return 0;
        }
        int left = (int) sessions.stream().filter(s -> !s.closed().isDone()).count();
        log.warn("{} voice session(s) still cleaning up after {} ms; the next start reconciles them", left, deadline.toMillis());
        return left;
    }

    /**
     * Returns the sessions in memory.
     *
     * @return the registry
     */
    public SessionRegistry registry() {
        return deps.registry();
    }

    private static boolean await(List<CompletableFuture<EndReason>> futures, Duration wait) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
    }
}
