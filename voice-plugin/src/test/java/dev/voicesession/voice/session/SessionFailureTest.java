package dev.voicesession.voice.session;

import static dev.voicesession.voice.session.SessionHarness.GUILD;
import static dev.voicesession.voice.session.SessionHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import dev.voicesession.api.Scheduler;
import dev.voicesession.voice.db.SessionRow;
import dev.voicesession.voice.discord.DeleteOutcome;
import dev.voicesession.voice.discord.DiscordActionException;
import dev.voicesession.voice.model.EndReason;
import dev.voicesession.voice.testing.FakeDiscord;
import dev.voicesession.voice.testing.FakeTicket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.Permission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFailureTest {

    @TempDir
    Path dir;

    private SessionHarness h;

    @BeforeEach
    void setUp() {
        h = new SessionHarness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    @DisplayName("a bot without Manage Channels gets a reply naming it; no channel, no row, slot freed")
    void missingPermission() {
        h.discord.missing = EnumSet.of(Permission.MANAGE_CHANNEL);

        FakeTicket ticket = h.grant(USER);

        await().until(ticket::isDone);
        assertThat(ticket.failMessage()).contains("Manage Channels").contains("category 'Voice'");
        assertThat(h.discord.createCalls).hasValue(0);
        assertThat(h.repository.findAllActive()).isEmpty();
        assertThat(h.allRows()).isEmpty();
        assertThat(ticket.failCalls).as("one refusal").hasValue(1);
        await().until(() -> h.registry.byUser(USER).isEmpty());
    }

    @Test
    @DisplayName("Discord refusing the create with 50013 names the permissions; the claim row is ended, nothing remains")
    void discordRefuses() {
        h.discord.createFailure = new DiscordActionException(
                "refused", 50013, Set.of(Permission.VOICE_CONNECT), false, null);

        FakeTicket ticket = h.grant(USER);

        await().until(ticket::isDone);
        assertThat(ticket.failMessage()).contains("Connect");
        assertThat(h.discord.channels()).isEmpty();
        // The row is ended last, after the slot is freed.
        await().until(() -> h.repository.findAllActive().isEmpty());
        assertThat(h.allRows()).as("nothing left to reconcile").isEmpty();
    }

    @Test
    @DisplayName("a database error before creating leaves no channel and no row, and tells the user")
    void databaseErrorAtClaim() {
        h.database.execute("ALTER TABLE voice_sessions RENAME TO broken");

        FakeTicket ticket = h.grant(USER);

        await().until(ticket::isDone);
        assertThat(ticket.failMessage()).contains("database error");
        assertThat(h.discord.createCalls).hasValue(0);
        assertThat(ticket.failCalls).as("one refusal").hasValue(1);
        assertThat(h.discord.channels()).isEmpty();
    }

    @Test
    @DisplayName("a database error recording the channel deletes the channel and ends the claim row")
    void databaseErrorAtRecord() {
        h.database.execute("CREATE TRIGGER fail_record BEFORE UPDATE OF channel_id ON voice_sessions"
                + " BEGIN SELECT RAISE(ABORT, 'injected failure'); END");

        FakeTicket ticket = h.grant(USER);

        await().until(ticket::isDone);
        assertThat(ticket.failMessage()).contains("database error");
        assertThat(h.discord.createCalls).hasValue(1);
        await().until(() -> h.discord.channels().isEmpty());
        await().until(() -> h.repository.findAllActive().isEmpty());
        assertThat(h.allRows()).isEmpty();
    }

    @Test
    @DisplayName("a create that times out after Discord made the channel leaves a claim that reconciliation resolves")
    void ambiguousCreate() {
        h.discord.createFailure = new DiscordActionException("timed out", 0, Set.of(), true, null);
        h.discord.createSucceedsButFails = true;

        FakeTicket ticket = h.grant(USER);
        await().until(ticket::isDone);
        await().until(() -> h.registry.byUser(USER).isEmpty());

        assertThat(h.discord.channels()).hasSize(1);
        SessionRow claim = h.allRows().getFirst();
        assertThat(claim.isClaim()).isTrue();
        assertThat(claim.endReason()).isEqualTo("create_failed");
        assertThat(claim.channelDeletedAt()).as("flagged").isNull();

        h.reconciler.reconcileGuild(GUILD);

        assertThat(h.discord.channels()).isEmpty();
        assertThat(h.allRows()).isEmpty();
    }

    @Test
    @DisplayName("a moderator deleting the channel ends the session with 'channel_deleted'")
    void channelDeleted() {
        VoiceSession session = h.activeSession(USER);

        h.discord.deleteByModerator(session.channelId());
        h.manager.onChannelDeleted(GUILD, session.channelId());

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.CHANNEL_DELETED);
        assertThat(h.row(session).orElseThrow().channelDeletedAt()).as("Unknown Channel counts as deleted").isNotNull();
    }

    @Test
    @DisplayName("a bot kicked from voice reconnects and the session goes on")
    void reconnects() {
        VoiceSession session = h.activeSession(USER);

        h.discord.kickBot(GUILD);
        h.manager.onVoiceUpdate(GUILD, 900, true, session.channelId(), 0);

        h.driveUntil(() -> h.discord.connectCalls.get() == 2 && !session.recovering());
        assertThat(session.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(h.discord.connectedChannel(GUILD)).isEqualTo(session.channelId());
    }

    @Test
    @DisplayName("a bot removed from the channel while its connection is being made gets back in once connected")
    void kickedWhileConnecting() {
        h.discord.connectNever = true;
        h.grant(USER);
        VoiceSession session = h.driveUntilState(USER, SessionState.CONNECTING);

        h.manager.onVoiceUpdate(GUILD, FakeDiscord.BOT, true, session.channelId(), 0);
        awaitLane(session);
        assertThat(session.state()).as("still connecting: the removal is checked once connected")
                .isEqualTo(SessionState.CONNECTING);
        // JDA still reports the connection it was making as CONNECTED, as it can right after a removal.
        h.discord.connectNever = false;
        h.discord.openConnection(GUILD, session.channelId());

        h.driveUntil(() -> h.discord.connectCalls.get() == 3 && !session.recovering());
        assertThat(h.discord.connectedChannel(GUILD)).isEqualTo(session.channelId());
        assertThat(session.state()).isEqualTo(SessionState.WAITING_FOR_USER);
        assertThat(h.discord.connectCalls).as("the first connect, the handshake finishing, one reconnect").hasValue(3);
    }

    @Test
    @DisplayName("a bot kicked from voice that cannot reconnect ends the session with 'voice_lost'")
    void voiceLost() {
        VoiceSession session = h.activeSession(USER);
        h.discord.connectNever = true;

        h.discord.kickBot(GUILD);
        h.manager.onVoiceUpdate(GUILD, 900, true, session.channelId(), 0);

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.VOICE_LOST);
        assertThat(h.discord.exists(session.channelId())).isFalse();
        assertThat(h.discord.connectCalls).as("one connect and two reconnect attempts").hasValue(3);
    }

    @Test
    @DisplayName("the bot removed from the guild ends the session with 'bot_removed' and flags the channel")
    void botRemoved() {
        VoiceSession session = h.activeSession(USER);

        h.discord.removeGuild(GUILD);
        h.manager.onGuildLeft(GUILD);

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.BOT_REMOVED);
        SessionRow row = h.row(session).orElseThrow();
        assertThat(row.endReason()).isEqualTo("bot_removed");
        assertThat(row.channelDeletedAt()).isNull();
        assertThat(h.discord.deleteCalls).hasValue(0);
    }

    @Test
    @DisplayName("a failed delete is retried with backoff and succeeds")
    void deleteRetried() {
        VoiceSession session = h.activeSession(USER);
        h.discord.deleteFailures = 2;

        h.manager.end(session, EndReason.CLOSED);
        // Each retry is scheduled on the lane right after its failed attempt: move the clock only once it is.
        await().until(() -> h.discord.deleteCalls.get() == 1 && session.pendingTask() != null);
        Scheduler.ScheduledTask first = session.pendingTask();
        h.scheduler.advance(Duration.ofMillis(500));
        await().until(() -> h.discord.deleteCalls.get() == 2 && session.pendingTask() != first);
        h.scheduler.advance(Duration.ofMillis(1000));

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.CLOSED);
        assertThat(h.discord.deleteCalls).hasValue(3);
        assertThat(h.discord.exists(session.channelId())).isFalse();
        assertThat(h.row(session).orElseThrow().channelDeletedAt()).isNotNull();
        List<Instant> tries = h.discord.deleteTimes;
        assertThat(Duration.between(tries.get(0), tries.get(1))).as("first backoff").isEqualTo(Duration.ofMillis(500));
        assertThat(Duration.between(tries.get(1), tries.get(2))).as("doubled").isEqualTo(Duration.ofMillis(1000));
    }

    @Test
    @DisplayName("a delete that never succeeds is flagged: the row ends, the slot is freed, the channel stays findable")
    void deleteFlagged() {
        VoiceSession session = h.activeSession(USER);
        h.discord.deleteFailures = 100;
        h.discord.deleteFailure = DeleteOutcome.FAILED;

        h.manager.end(session, EndReason.CLOSED);

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.CLOSED);
        assertThat(h.discord.deleteCalls).hasValue(4);
        assertThat(((FakeTicket) session.ticket()).isDone()).isTrue();
        assertThat(h.allRows()).extracting(SessionRow::channelId).containsExactly(session.channelId());
        assertThat(h.row(session).orElseThrow().endedAt()).as("the row ends").isNotNull();
        assertThat(h.row(session).orElseThrow().channelDeletedAt()).as("the channel is not marked deleted").isNull();

        h.discord.deleteFailures = 0;
        h.reconciler.reconcileGuild(GUILD);
        assertThat(h.discord.exists(session.channelId())).isFalse();
        assertThat(h.allRows()).isEmpty();
    }

    @Test
    @DisplayName("a grant for a disabled guild is refused without touching Discord or the database")
    void disabledGuild() {
        FakeTicket ticket = new FakeTicket(USER, GUILD + 1);

        h.manager.onGranted(ticket);

        assertThat(ticket.failMessage()).isEqualTo(StatusTexts.disabled());
        assertThat(h.discord.createCalls).hasValue(0);
        assertThat(h.registry.all()).isEmpty();
    }

    @Test
    @DisplayName("a second grant in a guild with a session is refused: the bot has one voice channel per guild")
    void guildBusy() {
        h.waitingSession(USER);

        FakeTicket second = h.grant(SessionHarness.OTHER);

        assertThat(second.failMessage()).contains("Another voice session is running in this server");
        assertThat(h.discord.createCalls).hasValue(1);
    }

    @Test
    @DisplayName("shutdown ends every session with 'shutdown' and refuses new grants")
    void shutdown() {
        VoiceSession session = h.activeSession(USER);

        assertThat(h.manager.shutdown(Duration.ofSeconds(5))).isZero();

        assertThat(session.closed().join()).isEqualTo(EndReason.SHUTDOWN);
        assertThat(h.row(session).orElseThrow().endReason()).isEqualTo("shutdown");
        FakeTicket late = h.grant(SessionHarness.OTHER);
        assertThat(late.failMessage()).contains("shutting down");
    }

    @Test
    @DisplayName("a host that throws while freeing the slot does not stop the cleanup: the row still ends")
    void hostThrowsOnFree() {
        VoiceSession session = h.activeSession(USER);
        ((FakeTicket) session.ticket()).throwOnFree = true;

        h.manager.end(session, EndReason.CLOSED);

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.CLOSED);
        assertThat(h.row(session).orElseThrow().endReason()).isEqualTo("closed");
        assertThat(h.registry.all()).isEmpty();
        assertThat(((FakeTicket) session.ticket()).completeCalls).as("the slot was freed once, and threw").hasValue(1);
    }

    /** Waits until the session's lane has run everything queued on it so far. */
    private static void awaitLane(VoiceSession session) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        session.lane().submit(() -> reached.complete(null));
        await().atMost(Duration.ofSeconds(5)).until(reached::isDone);
    }
}
