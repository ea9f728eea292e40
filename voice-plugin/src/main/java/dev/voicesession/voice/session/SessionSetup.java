package dev.voicesession.voice.session;

import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.voice.config.ChannelNames;
import dev.voicesession.voice.config.GuildVoiceSettings;
import dev.voicesession.voice.db.VoiceDatabaseException;
import dev.voicesession.voice.discord.ChannelBlueprint;
import dev.voicesession.voice.discord.DiscordActionException;
import dev.voicesession.voice.discord.PermissionCheck;
import dev.voicesession.voice.discord.VoicePermissions;
import dev.voicesession.voice.model.EndReason;
import java.util.Set;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a granted session from CREATING to CONNECTING: checks the bot's permissions, writes the
 * claim row, creates the channel, records it and starts the voice connection. Any failure ends the
 * session through {@link SessionCleanup}, so no channel, row or slot stays behind. Lane only.
 */
final class SessionSetup {

    private static final Logger log = LoggerFactory.getLogger(SessionSetup.class);

    private final SessionDeps deps;
    private final ConnectWaiter waiter;
    private final SessionEvents events;
    private final SessionCleanup cleanup;

    SessionSetup(SessionDeps deps, ConnectWaiter waiter, SessionEvents events, SessionCleanup cleanup) {
        this.deps = deps;
        this.waiter = waiter;
        this.events = events;
        this.cleanup = cleanup;
    }

    void start(VoiceSession session) {
        if (session.state() != SessionState.CREATING) {
            return;
        }
        StatusUpdates.show(session, StatusTexts.creating());
        if (!deps.settings().enabledIn(session.guildId())) {
            fail(session, EndReason.DISABLED, StatusTexts.disabled());
            return;
        }
        if (!permitted(session) || !claim(session) || !createChannel(session)) {
            return;
        }
        session.moveTo(SessionState.CONNECTING);
        StatusUpdates.showProgress(session, StatusTexts.connecting(session.channelId()));
        waiter.connect(session, true, result -> {
            switch (result.outcome()) {
                case CONNECTED -> {
                    log.info("Bot connected to voice channel '{}' of session '{}'", session.channelId(), session.key());
                    events.onConnected(session);
                }
                case TIMED_OUT -> {
                    log.warn(
                            "Bot did not reach CONNECTED in channel '{}' of session '{}' within {} ms of joining",
                            session.channelId(), session.key(), session.settings().connectTimeout().toMillis());
                    fail(session, EndReason.CONNECT_FAILED, StatusTexts.connectFailed());
                }
                case REFUSED -> {
                    log.error(
                            "Cannot connect to voice channel '{}' of session '{}' in guild '{}'",
                            session.channelId(), session.key(), session.guildId(), result.error());
                    fail(session, EndReason.CONNECT_FAILED, StatusTexts.connectFailed());
                }
            }
        });
    }

    private boolean permitted(VoiceSession session) {
        GuildVoiceSettings settings = session.settings();
        PermissionCheck check;
        try {
            check = deps.discord().checkCreatePermissions(session.guildId(), settings.categoryId());
        } catch (DiscordActionException e) {
            log.warn(
                    "Cannot check permissions for a voice channel in guild '{}' (category '{}') for user '{}'",
                    session.guildId(), settings.categoryId(), session.userId(), e);
            boolean categoryGone = e.errorCode() == ErrorResponse.UNKNOWN_CHANNEL.getCode();
            fail(session, EndReason.CREATE_FAILED, categoryGone ? StatusTexts.categoryMissing() : StatusTexts.createFailed());
            return false;
        }
        if (!check.ok()) {
            log.warn(
                    "Bot lacks {} in {} of guild '{}'; no voice channel for user '{}'",
                    VoicePermissions.describe(check.missing()), check.where(), session.guildId(), session.userId());
            fail(session, EndReason.CREATE_FAILED, StatusTexts.missingPermissions(check.missing(), check.where()));
            return false;
        }
        return true;
    }

    /** Writes the claim row before anything exists on Discord, so a crash leaves something to find. */
    private boolean claim(VoiceSession session) {
        try {
            StatusMessage status = session.ticket().status();
            session.rowId(deps.repository().insertClaim(session.userId(), session.guildId(),
                    session.settings().categoryId(), status.channelId(), status.messageId(), deps.clock().instant()));
            return true;
        } catch (VoiceDatabaseException e) {
            log.error(
                    "Cannot write the claim of session '{}' for user '{}' in guild '{}'; nothing was created",
                    session.key(), session.userId(), session.guildId(), e);
            fail(session, EndReason.CREATE_FAILED, StatusTexts.databaseError());
            return false;
        }
    }

    private boolean createChannel(VoiceSession session) {
        GuildVoiceSettings settings = session.settings();
        String name = ChannelNames.render(settings.channelNameTemplate(), userName(session), session.userId());
        long channelId;
        try {
            channelId = deps.discord().createChannel(new ChannelBlueprint(
                    session.guildId(), settings.categoryId(), name, session.userId(),
                    "Private voice session " + session.rowId() + " for user " + session.userId()));
        } catch (DiscordActionException e) {
            session.channelMayExist(e.ambiguous());
            if (e.isPermissionError()) {
                Set<Permission> missing = missingAfterRefusal(session, e);
                log.warn(
                        "Discord refused a voice channel in guild '{}' for user '{}' (code {}): missing {}",
                        session.guildId(), session.userId(), e.errorCode(), VoicePermissions.describe(missing), e);
                fail(session, EndReason.CREATE_FAILED, StatusTexts.missingPermissions(missing, whereOf(session)));
            } else {
                log.error(
                        "Cannot create a voice channel in guild '{}' for user '{}' (session '{}', row '{}')",
                        session.guildId(), session.userId(), session.key(), session.rowId(), e);
                fail(session, EndReason.CREATE_FAILED, StatusTexts.createFailed());
            }
            return false;
        }
        session.channelId(channelId);
        deps.registry().indexChannel(session);
        log.info(
                "Created voice channel '{}' for user '{}' in guild '{}' (session '{}', row '{}')",
                channelId, session.userId(), session.guildId(), session.key(), session.rowId());
        try {
            deps.repository().recordChannel(session.rowId(), channelId);
            return true;
        } catch (VoiceDatabaseException e) {
            log.error(
                    "Cannot record channel '{}' on row '{}' (user '{}', guild '{}'); removing the channel",
                    channelId, session.rowId(), session.userId(), session.guildId(), e);
            fail(session, EndReason.CREATE_FAILED, StatusTexts.databaseError());
            return false;
        }
    }

    /**
     * The user's name for the channel: the one the command carried, so that naming the channel costs no
     * request; a lookup only when the host did not know it.
     */
    private String userName(VoiceSession session) {
        String carried = session.ticket().entry().userName();
        return carried.isBlank() ? deps.discord().userName(session.guildId(), session.userId()) : carried;
    }

    private Set<Permission> missingAfterRefusal(VoiceSession session, DiscordActionException e) {
        if (!e.missing().isEmpty()) {
            return e.missing();
        }
        try {
            PermissionCheck check =
                    deps.discord().checkCreatePermissions(session.guildId(), session.settings().categoryId());
            return check.ok() ? VoicePermissions.REQUIRED : check.missing();
        } catch (DiscordActionException again) {
            return VoicePermissions.REQUIRED;
        }
    }

    private String whereOf(VoiceSession session) {
        try {
            return deps.discord().checkCreatePermissions(session.guildId(), session.settings().categoryId()).where();
        } catch (DiscordActionException e) {
            return "this server";
        }
    }

    private void fail(VoiceSession session, EndReason reason, String userMessage) {
        session.failureMessage(userMessage);
        cleanup.end(session, reason);
    }
}
