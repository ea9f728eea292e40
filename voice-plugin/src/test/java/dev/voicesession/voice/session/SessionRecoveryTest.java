package dev.voicesession.voice.session;

import static dev.voicesession.voice.session.SessionHarness.GUILD;
import static dev.voicesession.voice.session.SessionHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.voice.discord.DeleteOutcome;
import dev.voicesession.voice.model.EndReason;
import dev.voicesession.voice.testing.ManualScheduler;
import dev.voicesession.voice.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a session does about events it never got, cleanups that left something behind, and failed edits. */
class SessionRecoveryTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a channel deleted while the gateway was away ends the session once the gateway is back")
    void channelDeletedWhileAway() {
        try (SessionHarness h = new SessionHarness(dir)) {
            VoiceSession session = h.activeSession(USER);
            h.discord.deleteByModerator(session.channelId());

            h.manager.onSessionRecreated();

            assertThat(h.awaitClosed(session)).isEqualTo(EndReason.CHANNEL_DELETED);
            assertThat(h.row(session).orElseThrow().endReason()).isEqualTo("channel_deleted");
        }
    }

    @Test
    @DisplayName("a user who left while the gateway was away ends the session once the gateway is back")
    void userLeftWhileAway() {
        try (SessionHarness h = new SessionHarness(dir)) {
            VoiceSession session = h.activeSession(USER);
            h.discord.userLeaves(session.channelId(), USER);

            h.manager.onSessionRecreated();

            assertThat(h.awaitClosed(session)).isEqualTo(EndReason.USER_LEFT);
            assertThat(h.discord.exists(session.channelId())).isFalse();
        }
    }

    @Test
    @DisplayName("a session that is fine is left alone after the gateway is back")
    void nothingMissed() {
        try (SessionHarness h = new SessionHarness(dir)) {
            VoiceSession session = h.activeSession(USER);

            h.manager.onSessionRecreated();
            h.scheduler.advance(Duration.ofSeconds(5));

            assertThat(session.state()).isEqualTo(SessionState.ACTIVE);
            assertThat(h.leftovers).isEmpty();
        }
    }

    @Test
    @DisplayName("a channel that could not be deleted is reported as left behind, for a later reconciliation")
    void flaggedChannelReported() {
        try (SessionHarness h = new SessionHarness(dir)) {
            VoiceSession session = h.activeSession(USER);
            h.discord.deleteFailure = DeleteOutcome.NO_ACCESS;
            h.discord.deleteFailures = 1;

            h.userLeaves(session);

            assertThat(h.awaitClosed(session)).isEqualTo(EndReason.USER_LEFT);
            assertThat(h.leftovers).containsExactly(GUILD);
            assertThat(h.row(session).orElseThrow().channelDeletedAt()).isNull();
        }
    }
}
