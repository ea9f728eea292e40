package dev.voicesession.voice.command;

import static dev.voicesession.voice.command.CommandSupport.reply;

import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandResult;
import dev.voicesession.api.queue.ConversationQueue;
import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.SubmitResult;
import dev.voicesession.voice.discord.DiscordActionException;
import dev.voicesession.voice.discord.PermissionCheck;
import dev.voicesession.voice.session.SessionDeps;
import dev.voicesession.voice.session.SessionManager;
import dev.voicesession.voice.session.SessionState;
import dev.voicesession.voice.session.StatusTexts;
import dev.voicesession.voice.session.VoiceSession;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code !voice} (and {@code /voice start}) does, from the command to a running session:
 *
 * <ol>
 *   <li>Refusals, here and at once, with exactly one reply, before anything waits in the shared queue; none
 *       counts against the user's cooldown ({@link CommandResult#REFUSED}): voice is off in this guild;
 *       arguments that name no child command; the user already has a session or a request; the bot lacks a
 *       permission where it would create the channel, or the configured category does not exist.
 *   <li>The request goes to the host's queue, whose reply becomes the user's one status message: "Creating
 *       your voice channel..." when a slot is free, the position otherwise. From then on every text of that
 *       message goes through the host's one writer of it.
 *   <li>When the slot is granted, the voice request handler passes the ticket to {@link
 *       SessionManager#onGranted}, which registers the session and, on the session's own lane, runs its setup
 *       (the claim row, the channel, the voice join: {@code SessionSetup}); {@code SessionEvents} then follows
 *       the user's join and leave and the timers, and {@code SessionCleanup} ends it once, freeing the slot.
 * </ol>
 *
 * Runs on the host's command threads, which may block.
 */
public final class VoiceStart {

    /** The queue's request type of voice sessions. */
    public static final String REQUEST_TYPE = "voice";

    private static final Logger log = LoggerFactory.getLogger(VoiceStart.class);
    /** How long a new {@code !voice} waits for the user's previous session to finish its cleanup. */
    private static final Duration PREVIOUS_WAIT = Duration.ofSeconds(10);

    private final SessionDeps deps;
    private final ConversationQueue queue;
    private final SessionManager sessions;

    /**
     * Creates the start path.
     *
     * @param deps the session services
     * @param queue the host's conversation queue
     * @param sessions the sessions
     */
    public VoiceStart(SessionDeps deps, ConversationQueue queue, SessionManager sessions) {
        this.deps = deps;
        this.queue = queue;
        this.sessions = sessions;
    }

    /**
     * Runs {@code !voice}.
     *
     * @param event the command
     * @return {@link CommandResult#REFUSED} for a refusal, {@link CommandResult#DONE} once the request is queued
     */
    public CommandResult start(CommandEvent event) {
        long guildId = event.guild().getIdLong();
        long userId = event.author().getIdLong();
        Optional<String> refusal = refusal(event, guildId, userId);
        if (refusal.isPresent()) {
            log.info("Voice request of user '{}' in guild '{}' refused before the queue: {}", userId, guildId,
                    refusal.get());
            reply(event, refusal.get());
            return CommandResult.REFUSED;
        }
        queue.submit(REQUEST_TYPE, event).whenComplete((result, error) -> {
            if (error != null) {
                log.warn("Cannot queue the voice request of user '{}' in guild '{}'", userId, guildId, error);
            } else if (result.outcome() == SubmitResult.Outcome.DUPLICATE) {
                reply(event, duplicate(result.entry()));
            } else if (result.queued()) {
                log.info("Voice request '{}' of user '{}' in guild '{}' queued", result.entry().id(), userId, guildId);
            } else {
                log.info("Voice request of user '{}' in guild '{}' refused by the queue: {}", userId, guildId,
                        result.outcome());
            }
        });
        return CommandResult.DONE;
    }

    /** The checks of step 1, in order; the first that fails is the reply. */
    private Optional<String> refusal(CommandEvent event, long guildId, long userId) {
        if (!deps.settings().enabledIn(guildId)) {
            return Optional.of(StatusTexts.disabled());
        }
        if (!event.args().isBlank()) {
            // Not a child command (those are matched before): say what exists instead of starting a session.
            String command = event.invocation();
            return Optional.of("Usage: " + command + " starts a voice session; " + command + " close, " + command
                    + " sessions, " + command + " end <user> and " + command + " cleanup do the rest.");
        }
        Optional<VoiceSession> existing = sessions.registry().byUser(userId);
        if (existing.isPresent() && !previousEnded(existing.get())) {
            return Optional.of(StatusTexts.alreadyHasSession(existing.get()));
        }
        Optional<QueueEntry> request = queue.findByUser(userId);
        if (request.isPresent()) {
            return Optional.of(duplicate(request.get()));
        }
        return missingPermissions(guildId);
    }

    /** The bot's permissions where the channel would be created, as {@code SessionSetup} checks them again. */
    private Optional<String> missingPermissions(long guildId) {
        long categoryId = deps.settings().forGuild(guildId).categoryId();
        PermissionCheck check;
        try {
            check = deps.discord().checkCreatePermissions(guildId, categoryId);
        } catch (DiscordActionException e) {
            if (e.errorCode() == ErrorResponse.UNKNOWN_CHANNEL.getCode()) {
                return Optional.of(StatusTexts.categoryMissing());
            }
            // Not known now: the setup checks again once the slot is granted, and says what it finds.
            log.warn("Cannot check the bot's permissions in guild '{}' (category '{}') before queueing", guildId,
                    categoryId, e);
            return Optional.empty();
        }
        return check.ok() ? Optional.empty() : Optional.of(StatusTexts.missingPermissions(check.missing(), check.where()));
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
            session.closed().get(PREVIOUS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            log.info("Previous session '{}' of user '{}' still closing after {} ms", session.key(), session.userId(),
                    PREVIOUS_WAIT.toMillis());
            return false;
        } catch (ExecutionException e) {
            log.warn("Previous session '{}' of user '{}' ended exceptionally", session.key(), session.userId(), e);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String duplicate(QueueEntry entry) {
        return entry.state() == QueueEntry.State.PENDING
                ? "You already have a voice request in the queue, position " + entry.position() + "."
                : "Your voice session is being set up.";
    }
}
