package dev.voicesession.voice.reconcile;

import dev.voicesession.voice.db.SessionRow;
import dev.voicesession.voice.db.VoiceDatabaseException;
import dev.voicesession.voice.discord.ChannelFacts;
import dev.voicesession.voice.discord.DeleteOutcome;
import dev.voicesession.voice.model.EndReason;
import dev.voicesession.voice.session.SessionDeps;
import dev.voicesession.voice.session.StatusTexts;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans what earlier runs left: per enabled guild, every active row that no live session owns is
 * ended with reason {@code orphan} after its channel is deleted (by the stored guild id), every
 * ended row whose channel was never confirmed gone is retried, and every claim row whose channel id
 * was never recorded is resolved with {@link OwnChannelRule}. No other channel is touched. Runs on
 * a thread that may block.
 *
 * <p>Every run (at start, {@code !voice cleanup}, follow-ups) stays within this process's guilds: a bot whose
 * shards run in several processes shares one table, and the rows and channels of a guild whose shard another
 * process runs are that process's to clean, even while that process is down. Whether a guild is this
 * process's comes from its id and the shard range ({@code DiscordClient.servesGuild}), never from the guild
 * cache, which also lacks this process's own guilds while they are unavailable.
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final SessionDeps deps;
    private final LongPredicate servesGuild;
    private final OwnChannelRule rule;

    /**
     * Creates the reconciler.
     *
     * @param deps the session services
     * @param servesGuild tells whether this process runs a guild's shard ({@code DiscordClient::servesGuild})
     */
    public Reconciler(SessionDeps deps, LongPredicate servesGuild) {
        this.deps = deps;
        this.servesGuild = servesGuild;
        this.rule = new OwnChannelRule(deps.settings().createTimeout());
    }

    /**
     * Reconciles several guilds.
     *
     * @param guildIds the guilds the bot is in
     * @return the sum of what was done
     */
    public ReconcileReport reconcileAll(Collection<Long> guildIds) {
        return guildIds.stream().map(this::reconcileGuild).reduce(ReconcileReport.EMPTY, ReconcileReport::plus);
    }

    /**
     * Reconciles one guild, if voice is enabled there.
     *
     * @param guildId the guild
     * @return what was done
     */
    public ReconcileReport reconcileGuild(long guildId) {
        return reconcileGuild(guildId, false);
    }

    /**
     * Reconciles one guild, if voice is enabled there.
     *
     * @param guildId the guild
     * @param patient {@code true} to leave a claim unresolved while its channel could still appear (its create
     *     request may be carried out late), so that a later run finds the channel; {@code false} to resolve
     *     every claim now, as startup does
     * @return what was done
     */
    public synchronized ReconcileReport reconcileGuild(long guildId, boolean patient) {
        if (!servesGuild.test(guildId)) {
            log.debug("Reconciliation skips guild '{}': another process of the bot runs its shard", guildId);
            return ReconcileReport.EMPTY;
        }
        if (!deps.settings().enabledIn(guildId)) {
            log.debug("Reconciliation skips guild '{}': voice is disabled there", guildId);
            return ReconcileReport.EMPTY;
        }
        if (!deps.discord().hasGuild(guildId)) {
            log.info("Reconciliation skips guild '{}': the guild is not available", guildId);
            return ReconcileReport.EMPTY;
        }
        Instant started = deps.clock().instant();
        List<SessionRow> rows;
        try {
            rows = deps.repository().findUnreconciled(guildId);
        } catch (VoiceDatabaseException e) {
            log.error("Cannot reconcile guild '{}': the session rows cannot be read", guildId, e);
            return ReconcileReport.EMPTY;
        }
        ReconcileReport report = ReconcileReport.EMPTY;
        for (SessionRow row : rows) {
            if (isLive(row)) {
                continue;
            }
            try {
                report = report.plus(row.isClaim() ? resolveClaim(row, patient) : resolveRecorded(row));
            } catch (VoiceDatabaseException e) {
                log.error(
                        "Cannot reconcile row '{}' (user '{}', guild '{}', channel '{}')",
                        row.id(), row.userId(), row.guildId(), row.channelId(), e);
            }
        }
        log.info(
                "Reconciled guild '{}': {} session(s) ended, {} channel(s) deleted, {} flagged, took {} ms",
                guildId, report.sessionsEnded(), report.channelsDeleted(), report.channelsFlagged(),
                Duration.between(started, deps.clock().instant()).toMillis());
        return report;
    }

    /**
     * Tells whether the guild still has something to clean up: a row no live session owns whose channel
     * was not confirmed deleted, or that is not ended.
     *
     * @param guildId the guild
     * @return {@code true} if a later run has work to do (also while the guild is unavailable, for example
     *     during a reconnect); {@code false} when voice is disabled there or another process runs the guild's
     *     shard, since no run of this process touches it then
     */
    public boolean hasLeftovers(long guildId) {
        if (!servesGuild.test(guildId) || !deps.settings().enabledIn(guildId)) {
            return false;
        }
        return deps.repository().findUnreconciled(guildId).stream().anyMatch(row -> !isLive(row));
    }

    private boolean isLive(SessionRow row) {
        if (deps.registry().isEnding(row.id())) {
            return true;
        }
        return row.isActive()
                && deps.registry().byUser(row.userId())
                        .filter(s -> s.guildId() == row.guildId())
                        .filter(s -> s.rowId() == row.id() || s.rowId() == 0)
                        .isPresent();
    }

    private ReconcileReport resolveRecorded(SessionRow row) {
        deps.discord().leaveVoice(row.guildId(), row.channelId());
        DeleteOutcome outcome = deps.discord().deleteChannel(row.guildId(), row.channelId());
        Instant now = deps.clock().instant();
        boolean gone = outcome.gone();
        if (row.isActive()) {
            deps.repository().endSession(row.id(), EndReason.ORPHAN, now, gone ? now : null);
            tellUser(row);
        } else if (gone) {
            deps.repository().markChannelDeleted(row.id(), now);
            tellUserAfterRemoval(row);
        }
        log(row, row.channelId(), outcome);
        return new ReconcileReport(row.isActive() ? 1 : 0, gone ? 1 : 0, gone ? 0 : 1);
    }

    private ReconcileReport resolveClaim(SessionRow row, boolean patient) {
        if (deps.registry().byUser(row.userId())
                .filter(s -> s.guildId() == row.guildId() && s.channelId() == 0)
                .isPresent()) {
            // The user's new session is creating its channel: that channel would match this claim too.
            log.debug("Claim row '{}' waits: user '{}' has a session being set up in guild '{}'", row.id(), row.userId(),
                    row.guildId());
            return ReconcileReport.EMPTY;
        }
        long botId = deps.discord().selfId();
        List<ChannelFacts> matches = deps.discord().voiceChannels(row.guildId()).stream()
                .filter(channel -> rule.matches(row, channel, botId))
                .filter(channel -> deps.registry().byChannel(channel.channelId()).isEmpty())
                .filter(channel -> !deps.repository().isKnownChannel(channel.channelId()))
                .toList();
        if (matches.isEmpty() && patient && rule.mayStillAppear(row, deps.clock().instant())) {
            log.info(
                    "Claim row '{}' (user '{}', guild '{}') has no channel yet; its create request may still be"
                            + " carried out, so it is checked again later",
                    row.id(), row.userId(), row.guildId());
            return ReconcileReport.EMPTY;
        }
        if (matches.isEmpty()) {
            log.info(
                    "Claim row '{}' (user '{}', guild '{}') has no channel: none was created", row.id(), row.userId(),
                    row.guildId());
        }
        int deleted = 0;
        for (ChannelFacts channel : matches) {
            // The row records the channel found (a later run deletes it by id if this delete fails).
            deps.repository().recordChannel(row.id(), channel.channelId());
            deps.discord().leaveVoice(row.guildId(), channel.channelId());
            DeleteOutcome outcome = deps.discord().deleteChannel(row.guildId(), channel.channelId());
            log(row, channel.channelId(), outcome);
            if (outcome.gone()) {
                deleted++;
            }
        }
        boolean allGone = deleted == matches.size();
        Instant now = deps.clock().instant();
        if (row.isActive()) {
            deps.repository().endSession(row.id(), EndReason.ORPHAN, now, allGone ? now : null);
            tellUser(row);
        } else if (allGone) {
            deps.repository().markChannelDeleted(row.id(), now);
        }
        return new ReconcileReport(row.isActive() ? 1 : 0, deleted, matches.size() - deleted);
    }

    /**
     * Shows the end in the status message of a session an earlier run left, so its user does not keep
     * reading that it is active. The row is ended first: a crash in between leaves a stale text, never a
     * session ended twice.
     */
    private void tellUser(SessionRow row) {
        if (row.hasStatusMessage()) {
            deps.discord().editMessage(row.guildId(), row.statusChannelId(), row.statusMessageId(),
                    StatusTexts.ended(EndReason.ORPHAN));
        }
    }

    /**
     * A session that ended because the bot was removed from the guild could not tell its user then (the bot
     * could not reach the message): now that the bot is back and the channel is gone, it does.
     */
    private void tellUserAfterRemoval(SessionRow row) {
        if (row.hasStatusMessage() && EndReason.BOT_REMOVED.code().equals(row.endReason())) {
            deps.discord().editMessage(row.guildId(), row.statusChannelId(), row.statusMessageId(),
                    StatusTexts.ended(EndReason.BOT_REMOVED));
        }
    }

    private static void log(SessionRow row, long channelId, DeleteOutcome outcome) {
        if (outcome.gone()) {
            log.info(
                    "Reconciled row '{}' (user '{}', guild '{}'): channel '{}' {}, reason 'orphan'",
                    row.id(), row.userId(), row.guildId(), channelId,
                    outcome == DeleteOutcome.DELETED ? "deleted" : "already gone");
        } else {
            log.warn(
                    "Reconciled row '{}' (user '{}', guild '{}'): channel '{}' could not be deleted ({}); flagged",
                    row.id(), row.userId(), row.guildId(), channelId, outcome);
        }
    }
}
