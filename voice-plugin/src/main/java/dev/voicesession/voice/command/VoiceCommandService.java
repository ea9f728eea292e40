package dev.voicesession.voice.command;

import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.queue.ConversationQueue;
import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.SubmitResult;
import dev.voicesession.voice.db.SessionRow;
import dev.voicesession.voice.db.VoiceDatabaseException;
import dev.voicesession.voice.extension.VoiceRequestHandler;
import dev.voicesession.voice.reconcile.ReconcileReport;
import dev.voicesession.voice.reconcile.Reconciler;
import dev.voicesession.voice.session.EndReason;
import dev.voicesession.voice.session.SessionDeps;
import dev.voicesession.voice.session.SessionManager;
import dev.voicesession.voice.session.SessionState;
import dev.voicesession.voice.session.StatusTexts;
import dev.voicesession.voice.session.VoiceSession;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the voice commands do. Runs on the host's command threads, which may block; every path checks
 * that voice is enabled in the guild first.
 */
public final class VoiceCommandService {

    private static final Logger log = LoggerFactory.getLogger(VoiceCommandService.class);
    private static final Pattern USER = Pattern.compile("<@!?(\\d+)>|(\\d+)");
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private final SessionDeps deps;
    private final ConversationQueue queue;
    private final SessionManager sessions;
    private final Reconciler reconciler;

    /**
     * Creates the service.
     *
     * @param deps the session services
     * @param queue the host's conversation queue
     * @param sessions the session manager
     * @param reconciler the reconciler, for the cleanup command
     */
    public VoiceCommandService(SessionDeps deps, ConversationQueue queue, SessionManager sessions, Reconciler reconciler) {
        this.deps = deps;
        this.queue = queue;
        this.sessions = sessions;
        this.reconciler = reconciler;
    }

    /** {@code !voice}: queues a voice request unless the user has a session or a request. */
    void start(CommandEvent event) {
        long guildId = event.guild().getIdLong();
        long userId = event.author().getIdLong();
        if (!enabled(event)) {
            return;
        }
        if (!event.args().isBlank()) {
            // Not a child command (those are matched before): say what exists instead of starting a session.
            String command = event.invocation();
            reply(event, "Usage: " + command + " starts a voice session; " + command + " close, " + command
                    + " sessions, " + command + " end <user> and " + command + " cleanup do the rest.");
            return;
        }
        Optional<VoiceSession> existing = sessions.registry().byUser(userId);
        if (existing.isPresent() && !previousEnded(existing.get())) {
            reply(event, StatusTexts.alreadyHasSession(existing.get()));
            return;
        }
        queue.submit(VoiceRequestHandler.TYPE, event).whenComplete((result, error) -> {
            if (error != null) {
                log.warn("Cannot queue the voice request of user '{}' in guild '{}'", userId, guildId, error);
            } else if (result.outcome() == SubmitResult.Outcome.DUPLICATE) {
                reply(event, duplicate(result.entry()));
            } else if (result.queued()) {
                log.info(
                        "Voice request '{}' of user '{}' in guild '{}' queued", result.entry().id(), userId, guildId);
            } else {
                log.info("Voice request of user '{}' in guild '{}' refused by the queue: {}", userId, guildId, result.outcome());
            }
        });
    }

    /**
     * Whether the user's previous session, which may still be finishing its cleanup, is over. The user has
     * already seen "Voice session ended" when the slot was freed, so a new {@code !voice} waits (this thread
     * may block) for the last cleanup steps rather than asking them to try again.
     */
    private static boolean previousEnded(VoiceSession session) {
        if (session.state() != SessionState.CLOSING && session.state() != SessionState.CLOSED) {
            return false;
        }
        if (!session.closed().isDone()) {
            log.info("Voice request of user '{}' waits for their previous session '{}' to finish closing",
                    session.userId(), session.key());
        }
        try {
            session.closed().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            log.info("Previous session '{}' of user '{}' still closing after {} ms", session.key(), session.userId(),
                    CLOSE_WAIT.toMillis());
            return false;
        } catch (ExecutionException e) {
            log.warn("Previous session '{}' of user '{}' ended exceptionally", session.key(), session.userId(), e);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code !voice close}: ends the user's session, or withdraws their pending request. */
    void close(CommandEvent event) {
        long userId = event.author().getIdLong();
        if (!enabled(event)) {
            return;
        }
        Optional<VoiceSession> session = sessions.registry().byUser(userId);
        if (session.isPresent()) {
            boolean done = sessions.endAndWait(session.get(), EndReason.CLOSED, CLOSE_WAIT);
            reply(event, done ? "Your voice session is closed." : "Your voice session is closing.");
        } else if (queue.cancelPending(userId).isPresent()) {
            reply(event, "Your queued voice request was cancelled.");
        } else {
            reply(event, "You have no voice session to close.");
        }
    }

    /** {@code !voice sessions}: lists the guild's active sessions. */
    void list(CommandEvent event) {
        long guildId = event.guild().getIdLong();
        if (!enabled(event)) {
            return;
        }
        List<SessionRow> rows;
        try {
            rows = deps.repository().findActiveByGuild(guildId);
        } catch (VoiceDatabaseException e) {
            log.error("Cannot list the voice sessions of guild '{}'", guildId, e);
            reply(event, "The sessions cannot be listed because of a database error.");
            return;
        }
        if (rows.isEmpty()) {
            reply(event, "No active voice sessions in this server.");
            return;
        }
        String lines = rows.stream().map(this::describe).collect(Collectors.joining("\n"));
        reply(event, "Active voice sessions (" + rows.size() + "):\n" + lines);
    }

    /** {@code !voice end <user>}: ends another user's session in this guild. */
    void end(CommandEvent event) {
        long guildId = event.guild().getIdLong();
        if (!enabled(event)) {
            return;
        }
        OptionalLong target = parseUser(event.args());
        if (target.isEmpty()) {
            reply(event, "Usage: " + event.invocation() + " <user>");
            return;
        }
        long userId = target.getAsLong();
        Optional<VoiceSession> session =
                sessions.registry().byUser(userId).filter(s -> s.guildId() == guildId);
        if (session.isEmpty()) {
            reply(event, "<@" + userId + "> has no voice session in this server.");
            return;
        }
        log.info("User '{}' ends the voice session of user '{}' in guild '{}'", event.author().getIdLong(), userId, guildId);
        boolean done = sessions.endAndWait(session.get(), EndReason.ADMIN_END, CLOSE_WAIT);
        reply(event, (done ? "Ended" : "Ending") + " the voice session of <@" + userId + ">.");
    }

    /** {@code !voice cleanup}: runs reconciliation for this guild now. */
    void cleanup(CommandEvent event) {
        long guildId = event.guild().getIdLong();
        if (!enabled(event)) {
            return;
        }
        log.info("User '{}' runs voice reconciliation in guild '{}'", event.author().getIdLong(), guildId);
        ReconcileReport report = reconciler.reconcileGuild(guildId);
        reply(event, "Cleanup done: " + report.sessionsEnded() + " orphaned session(s) ended, "
                + report.channelsDeleted() + " channel(s) deleted, " + report.channelsFlagged()
                + " channel(s) could not be deleted.");
    }

    static OptionalLong parseUser(String args) {
        Matcher matcher = USER.matcher(args.strip());
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        String id = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        try {
            return OptionalLong.of(Long.parseUnsignedLong(id));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private String describe(SessionRow row) {
        Duration age = Duration.between(row.createdAt(), deps.clock().instant());
        String state = sessions.registry().byUser(row.userId())
                .filter(s -> s.guildId() == row.guildId())
                .map(s -> s.state().name().toLowerCase(Locale.ROOT))
                .orElse("not running (cleaned at the next reconciliation)");
        String channel = row.channelId() == 0 ? "no channel yet" : StatusTexts.channel(row.channelId());
        return "- <@" + row.userId() + "> in " + channel + ", " + formatAge(age) + ", " + state;
    }

    static String formatAge(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    private static String duplicate(QueueEntry entry) {
        return entry.state() == QueueEntry.State.PENDING
                ? "You already have a voice request in the queue, position " + entry.position() + "."
                : "Your voice session is being set up.";
    }

    private boolean enabled(CommandEvent event) {
        if (deps.settings().enabledIn(event.guild().getIdLong())) {
            return true;
        }
        reply(event, StatusTexts.disabled());
        return false;
    }

    private static void reply(CommandEvent event, String text) {
        event.reply(text).whenComplete((message, error) -> {
            if (error != null) {
                log.warn(
                        "Cannot reply to user '{}' in channel '{}'",
                        event.author().getIdLong(), event.channel().getIdLong(), error);
            }
        });
    }
}
