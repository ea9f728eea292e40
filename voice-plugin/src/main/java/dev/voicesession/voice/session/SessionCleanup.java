package dev.voicesession.voice.session;

import dev.voicesession.api.queue.RequestTicket;
import dev.voicesession.voice.db.SessionRow;
import dev.voicesession.voice.db.VoiceDatabaseException;
import dev.voicesession.voice.discord.DeleteOutcome;
import dev.voicesession.voice.model.EndReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a session, exactly once. Runs on the session's lane: the first end request moves the session
 * to CLOSING and every later one is ignored, whatever the order of events. The steps, in order: read
 * the row, cancel timers, leave voice, delete the channel (retried with backoff, then flagged), free
 * the queue slot, end the row last.
 */
final class SessionCleanup {

    private static final Logger log = LoggerFactory.getLogger(SessionCleanup.class);

    /** How many times a row's end is written again after the database failed, before reconciliation takes over. */
    static final int END_ATTEMPTS = 8;

    private final SessionDeps deps;
    private final SessionTimers timers;
    private final LongConsumer leftovers;

    SessionCleanup(SessionDeps deps, SessionTimers timers, LongConsumer leftovers) {
        this.deps = deps;
        this.timers = timers;
        this.leftovers = leftovers;
    }

    /**
     * Starts ending the session. Lane only.
     *
     * @param session the session
     * @param reason why it ends
     */
    void end(VoiceSession session, EndReason reason) {
        if (!session.state().isLive()) {
            log.debug(
                    "Session '{}' is already {} (reason '{}'); end reason '{}' ignored",
                    session.key(), session.state(), session.endReason() == null ? "-" : session.endReason().code(),
                    reason.code());
            return;
        }
        session.moveTo(SessionState.CLOSING);
        session.endReason(reason);
        session.closingSince(deps.clock().instant());
        log.info(
                "Ending voice session '{}' (row '{}', user '{}', guild '{}', channel '{}'): reason '{}'",
                session.key(), session.rowId(), session.userId(), session.guildId(), session.channelId(), reason.code());

        long guildId = session.guildId();
        long channelId = session.channelId();
        Optional<SessionRow> row = readRow(session);
        if (row.isPresent()) {
            guildId = row.get().guildId();
            channelId = row.get().channelId() != 0 ? row.get().channelId() : channelId;
        }
        timers.cancelAll(session);
        if (channelId == 0) {
            finish(session, !session.channelMayExist(), "none created");
            return;
        }
        if (reason == EndReason.BOT_REMOVED) {
            log.warn(
                    "Channel '{}' of session '{}' stays: the bot is no longer in guild '{}'; it is flagged and deleted"
                            + " if the bot comes back",
                    channelId, session.key(), guildId);
            finish(session, false, "flagged");
            return;
        }
        if (deps.discord().leaveVoice(guildId, channelId)) {
            log.debug("Bot left voice channel '{}' of session '{}'", channelId, session.key());
        }
        if (reason == EndReason.CHANNEL_DELETED) {
            // Discord told us the channel is gone: nothing to delete, and no request for a channel that is gone.
            finish(session, true, "deleted by someone else");
            return;
        }
        deleteChannel(session, guildId, channelId, 1);
    }

    private Optional<SessionRow> readRow(VoiceSession session) {
        if (session.rowId() == 0) {
            return Optional.empty();
        }
        try {
            return deps.repository().findById(session.rowId());
        } catch (VoiceDatabaseException e) {
            log.warn(
                    "Cannot read row '{}' of session '{}' before cleanup; using the ids in memory",
                    session.rowId(), session.key(), e);
            return Optional.empty();
        }
    }

    private void deleteChannel(VoiceSession session, long guildId, long channelId, int attempt) {
        DeleteOutcome outcome = deps.discord().deleteChannel(guildId, channelId);
        int attempts = deps.settings().deleteAttempts();
        switch (outcome) {
            case DELETED, ALREADY_GONE -> {
                log.info(
                        "Channel '{}' of session '{}' {} (attempt {})",
                        channelId, session.key(), outcome == DeleteOutcome.DELETED ? "deleted" : "was already gone",
                        attempt);
                finish(session, true, outcome == DeleteOutcome.DELETED ? "deleted" : "already gone");
            }
            case NO_ACCESS -> {
                log.error(
                        "Cannot delete channel '{}' of session '{}' in guild '{}': no access; flagged for reconciliation",
                        channelId, session.key(), guildId);
                finish(session, false, "flagged");
            }
            case FAILED -> {
                if (attempt < attempts) {
                    Duration wait = deps.settings().deleteBackoff().multipliedBy(1L << (attempt - 1));
                    log.warn(
                            "Deleting channel '{}' of session '{}' failed (attempt {} of {}); retrying in {} ms",
                            channelId, session.key(), attempt, attempts, wait.toMillis());
                    timers.later(session, wait, () -> deleteChannel(session, guildId, channelId, attempt + 1));
                } else {
                    log.error(
                            "Giving up deleting channel '{}' of session '{}' in guild '{}' after {} attempts; flagged"
                                    + " for reconciliation",
                            channelId, session.key(), guildId, attempts);
                    finish(session, false, "flagged");
                }
            }
        }
    }

    private void finish(VoiceSession session, boolean channelGone, String channelOutcome) {
        EndReason reason = session.endReason();
        deps.registry().releaseGuild(session);
        freeSlot(session, reason);
        Instant now = deps.clock().instant();
        if (session.rowId() != 0) {
            try {
                deps.repository().endSession(session.rowId(), reason, now, channelGone ? now : null);
            } catch (VoiceDatabaseException e) {
                log.error(
                        "Cannot end row '{}' of session '{}' (user '{}', guild '{}', channel '{}') with reason '{}';"
                                + " trying again later",
                        session.rowId(), session.key(), session.userId(), session.guildId(), session.channelId(),
                        reason.code(), e);
                deps.registry().rowEnding(session.rowId());
                retryEnd(session.rowId(), reason, now, channelGone ? now : null, 1,
                        deps.settings().cleanupRetryDelay());
            }
        }
        session.moveTo(SessionState.CLOSED);
        deps.registry().remove(session);
        if (!channelGone && reason != EndReason.BOT_REMOVED) {
            // A channel that could not be deleted, or a create whose answer never came: try again later.
            leftovers.accept(session.guildId());
        }
        log.info(
                "Voice session '{}' (row '{}', user '{}', guild '{}', channel '{}') closed: reason '{}', channel {},"
                        + " cleanup took {} ms",
                session.key(), session.rowId(), session.userId(), session.guildId(), session.channelId(), reason.code(),
                channelOutcome, Duration.between(session.closingSince(), now).toMillis());
        session.closed().complete(reason);
    }

    /** Writes a row's end again after the database failed, with growing pauses, on a thread that may block. */
    private void retryEnd(long rowId, EndReason reason, Instant endedAt, Instant deletedAt, int attempt, Duration pause) {
        deps.scheduler().schedule(pause, () -> deps.scheduler().execute(() -> {
            try {
                deps.repository().endSession(rowId, reason, endedAt, deletedAt);
                deps.registry().rowEnded(rowId);
                log.info("Row '{}' ended with reason '{}' after {} failed attempt(s)", rowId, reason.code(), attempt);
            } catch (VoiceDatabaseException e) {
                if (attempt + 1 < END_ATTEMPTS) {
                    log.warn("Cannot end row '{}' (attempt {}); trying again in {} ms", rowId, attempt + 1,
                            pause.toMillis() * 2, e);
                    retryEnd(rowId, reason, endedAt, deletedAt, attempt + 1, pause.multipliedBy(2));
                } else {
                    deps.registry().rowEnded(rowId);
                    log.error("Giving up ending row '{}' after {} attempts; the next reconciliation ends it", rowId,
                            END_ATTEMPTS, e);
                }
            }
        }));
    }

    private void freeSlot(VoiceSession session, EndReason reason) {
        RequestTicket ticket = session.ticket();
        boolean freed;
        try {
            if (session.failureMessage() != null) {
                // The host shows it, through the status message's one writer, after every earlier text.
                freed = ticket.fail(session.failureMessage());
            } else {
                freed = ticket.complete();
                StatusUpdates.show(session, StatusTexts.ended(reason));
            }
        } catch (RuntimeException e) {
            // A boundary into the host: whatever its queue throws, the row must still be ended below.
            log.error("The host failed freeing the queue slot of session '{}' (user '{}')", session.key(), session.userId(), e);
            return;
        }
        if (!freed) {
            log.warn("Queue slot of session '{}' was already free", session.key());
        }
    }
}
