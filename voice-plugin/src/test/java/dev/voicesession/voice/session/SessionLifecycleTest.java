package dev.voicesession.voice.session;

import static dev.voicesession.voice.session.SessionHarness.CATEGORY;
import static dev.voicesession.voice.session.SessionHarness.GUILD;
import static dev.voicesession.voice.session.SessionHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.voice.db.SessionRow;
import dev.voicesession.voice.discord.ChannelFacts;
import dev.voicesession.voice.discord.VoicePermissions;
import dev.voicesession.voice.model.EndReason;
import dev.voicesession.voice.testing.FakeDiscord;
import dev.voicesession.voice.testing.FakeTicket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLifecycleTest {

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
    @DisplayName("a granted request creates a private channel in the category, connects the bot and starts the join timer")
    void grantedRequest() {
        FakeTicket ticket = h.grant(USER);
        VoiceSession session = h.driveUntilState(USER, SessionState.WAITING_FOR_USER);

        FakeDiscord.Channel channel = h.discord.channels().get(session.channelId());
        assertThat(channel.categoryId()).isEqualTo(CATEGORY);
        assertThat(channel.name()).isEqualTo("Voice-user" + USER);
        assertThat(channel.overwrites()).containsOnly(
                Map.entry(GUILD, new ChannelFacts.Overwrite(false, 0, VoicePermissions.EVERYONE_DENY)),
                Map.entry(USER, new ChannelFacts.Overwrite(true, VoicePermissions.MEMBER_ALLOW, 0)),
                Map.entry(FakeDiscord.BOT, new ChannelFacts.Overwrite(true, VoicePermissions.MEMBER_ALLOW, 0)));
        assertThat(h.discord.connectedChannel(GUILD)).isEqualTo(session.channelId());

        SessionRow row = h.row(session).orElseThrow();
        assertThat(row.state()).isEqualTo(SessionRow.ACTIVE);
        assertThat(row.channelId()).isEqualTo(session.channelId());
        assertThat(row.createdAt()).isNotNull();
        assertThat(row.isActive()).isTrue();

        assertThat(ticket.statusTexts()).first().isEqualTo("Creating your voice channel...");
        assertThat(ticket.lastStatus()).isEqualTo("Join <#" + session.channelId() + "> within 60 s.");
        assertThat(ticket.statusTexts()).as("a connection faster than a second shows no 'joining' text")
                .noneMatch(text -> text.contains("is joining"));
        assertThat(ticket.isDone()).as("the slot is held while the session lives").isFalse();
        assertThat(h.discord.createCalls).as("one channel created").hasValue(1);
        assertThat(h.discord.exists(session.channelId())).isTrue();
        assertThat(session.joinTimer()).as("the join timer runs").isNotNull();
    }

    @Test
    @DisplayName("a voice connection that takes longer than a second shows 'the bot is joining' until it fails")
    void slowConnectionShowsProgress() {
        h.discord.connectNever = true;
        FakeTicket ticket = h.grant(USER);
        VoiceSession session = h.driveUntilState(USER, SessionState.CONNECTING);
        String joining = "Channel <#" + session.channelId() + "> is ready; the bot is joining it...";

        h.scheduler.advance(Duration.ofMillis(800));
        assertThat(ticket.statusTexts()).doesNotContain(joining);
        h.scheduler.advance(Duration.ofMillis(300));
        await().atMost(Duration.ofSeconds(5)).until(() -> joining.equals(ticket.lastStatus()));

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.CONNECT_FAILED);
        assertThat(ticket.lastStatus()).contains("could not join your voice channel");
    }

    @Test
    @DisplayName("when the user does not join in time, the channel is deleted and the row ended with 'timeout'")
    void joinTimeout() {
        VoiceSession session = h.waitingSession(USER);
        FakeTicket ticket = (FakeTicket) session.ticket();

        h.scheduler.advance(Duration.ofSeconds(60));

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.TIMEOUT);
        assertThat(h.discord.exists(session.channelId())).isFalse();
        assertThat(h.discord.connectedChannel(GUILD)).isNull();
        SessionRow row = h.row(session).orElseThrow();
        assertThat(row.endedAt()).isNotNull();
        assertThat(row.endReason()).isEqualTo("timeout");
        assertThat(row.channelDeletedAt()).isNotNull();
        assertThat(ticket.completeCalls).hasValue(1);
        assertThat(ticket.lastStatus()).isEqualTo("Voice session ended: you did not join in time.");
        assertThat(ticket.statusTexts()).as("ended once").filteredOn(t -> t.startsWith("Voice session ended")).hasSize(1);
        assertThat(h.registry.byUser(USER)).isEmpty();
    }

    @Test
    @DisplayName("a join within the timeout cancels the timer and the session stays active")
    void joinCancelsTimer() {
        VoiceSession session = h.activeSession(USER);

        h.scheduler.advance(Duration.ofSeconds(120));

        assertThat(session.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(h.row(session).orElseThrow().endedAt()).isNull();
        assertThat(session.joinTimer()).as("the join timer was cancelled").isNull();
        assertThat(h.discord.exists(session.channelId())).isTrue();
        assertThat(((FakeTicket) session.ticket()).lastStatus()).startsWith("Voice session active in");
    }

    @Test
    @DisplayName("when the user leaves after joining, the channel is deleted, the bot leaves and the row ends")
    void userLeaves() {
        VoiceSession session = h.activeSession(USER);

        h.userLeaves(session);

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.USER_LEFT);
        assertThat(h.discord.exists(session.channelId())).isFalse();
        assertThat(h.discord.connectedChannel(GUILD)).isNull();
        assertThat(h.row(session).orElseThrow().endReason()).isEqualTo("user_left");
    }

    @Test
    @DisplayName("the session is its user's: it ends 'user_left' when they leave, whoever else stays; another member"
            + " coming and going changes nothing")
    void endsWithItsUserWhoeverStays() {
        VoiceSession session = h.activeSession(USER);
        h.discord.userJoins(session.channelId(), SessionHarness.OTHER);
        h.manager.onVoiceUpdate(SessionHarness.GUILD, SessionHarness.OTHER, false, session.channelId(), 0);
        h.scheduler.advance(Duration.ofSeconds(1));
        assertThat(session.state()).isEqualTo(SessionState.ACTIVE);

        h.userLeaves(session);
        assertThat(session.state()).as("waits for a deletion that may follow").isEqualTo(SessionState.ACTIVE);
        h.scheduler.advance(Duration.ofSeconds(1));

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.USER_LEFT);
    }

    @Test
    @DisplayName("the user's leave followed by the channel's deletion ends 'channel_deleted', with no delete sent")
    void leaveThenDeletion() {
        VoiceSession session = h.activeSession(USER);
        h.discord.userJoins(session.channelId(), SessionHarness.OTHER);

        h.userLeaves(session);
        h.discord.deleteByModerator(session.channelId());
        h.manager.onChannelDeleted(SessionHarness.GUILD, session.channelId());

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.CHANNEL_DELETED);
        assertThat(h.discord.deleteCalls).hasValue(0);
        assertThat(h.row(session).orElseThrow().channelDeletedAt()).isNotNull();
        assertThat(((FakeTicket) session.ticket()).statusTexts()).last()
                .isEqualTo("Voice session ended: the channel was deleted.");
    }

    @Test
    @DisplayName("close ends the session at once with reason 'closed' and frees the slot once")
    void close() {
        VoiceSession session = h.activeSession(USER);

        assertThat(h.manager.endAndWait(session, EndReason.CLOSED, Duration.ofSeconds(5))).isTrue();

        assertThat(h.row(session).orElseThrow().endReason()).isEqualTo("closed");
        assertThat(((FakeTicket) session.ticket()).completeCalls).hasValue(1);
        assertThat(h.discord.deleteCalls).as("the channel deleted once").hasValue(1);
        assertThat(h.discord.exists(session.channelId())).isFalse();
        assertThat(h.row(session).orElseThrow().channelDeletedAt()).isNotNull();
    }

    @Test
    @DisplayName("a session reaching its maximum length ends with 'max_length'")
    void maxLength() {
        h.close();
        h = new SessionHarness(dir.resolve("max"), Map.of("maxSessionLength", "10m"));
        VoiceSession session = h.activeSession(USER);

        h.scheduler.advance(Duration.ofMinutes(10));

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.MAX_LENGTH);
    }

    @Test
    @DisplayName("a user already in the channel when the bot connects makes the session active without a timer")
    void userFirst() {
        h.discord.connectNever = true;
        h.grant(USER);
        VoiceSession session = h.driveUntilState(USER, SessionState.CONNECTING);
        h.userJoins(session);
        h.discord.connectNever = false;
        h.discord.openConnection(GUILD, session.channelId());

        h.driveUntil(() -> session.state() == SessionState.ACTIVE);

        assertThat(session.joinTimer()).as("no join timer").isNull();
        assertThat(((FakeTicket) session.ticket()).statusTexts()).noneMatch(t -> t.startsWith("Join "));
    }

    @Test
    @DisplayName("a bot that never reaches CONNECTED ends the session with 'connect_failed' and a clear status")
    void connectTimeout() {
        h.discord.connectNever = true;
        FakeTicket ticket = h.grant(USER);
        VoiceSession session = h.driveUntilState(USER, SessionState.CONNECTING);

        assertThat(h.awaitClosed(session)).isEqualTo(EndReason.CONNECT_FAILED);
        assertThat(h.discord.exists(session.channelId())).isFalse();
        assertThat(ticket.failCalls).hasValue(1);
        assertThat(ticket.failMessage()).contains("could not join your voice channel");
        assertThat(h.row(session).orElseThrow().endReason()).isEqualTo("connect_failed");
    }
}
