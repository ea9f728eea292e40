package dev.voicesession.voice.session;

import static dev.voicesession.voice.session.SessionHarness.GUILD;
import static dev.voicesession.voice.session.SessionHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.voice.discord.DeleteOutcome;
import dev.voicesession.voice.testing.ManualScheduler;
import dev.voicesession.voice.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
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

    @Test
    @DisplayName("an edit with no answer is tried again; a newer text replaces one still waiting")
    void statusWriterRetries() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
        try (ManualScheduler scheduler = new ManualScheduler(clock)) {
            RecordingStatus status = new RecordingStatus();
            StatusWriter writer = new StatusWriter(() -> status, scheduler, "a test session");

            status.failures = 2;
            writer.show("Join #c within 60 s.");
            drive(scheduler, () -> "Join #c within 60 s.".equals(status.shown));
            assertThat(status.attempts()).hasSize(3);

            status.failures = 1;
            writer.show("Voice session active in #c.");
            writer.show("Voice session ended: you closed it.");
            drive(scheduler, () -> "Voice session ended: you closed it.".equals(status.shown));
            assertThat(status.attempts()).as("the active text is not tried again once a newer one waits")
                    .filteredOn("Voice session active in #c."::equals).hasSize(1);
            assertThat(status.attempts().getLast()).isEqualTo("Voice session ended: you closed it.");
        }
    }

    /** Advances the manual clock in small steps until {@code condition} holds (timers fire on other threads). */
    private static void drive(ManualScheduler scheduler, java.util.concurrent.Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (condition.call()) {
                return true;
            }
            scheduler.advance(Duration.ofMillis(50));
            return condition.call();
        });
    }

    @Test
    @DisplayName("after an edit that may still land late, the newest text is shown once more, once")
    void statusWriterConfirms() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
        try (ManualScheduler scheduler = new ManualScheduler(clock)) {
            RecordingStatus status = new RecordingStatus();
            StatusWriter writer = new StatusWriter(() -> status, scheduler, "a test session");

            status.failures = 1;
            writer.show("Voice session ended: you closed it.");
            drive(scheduler, () -> status.attempts().size() == 2);
            drive(scheduler, () -> status.attempts().size() == 3);
            scheduler.advance(StatusWriter.CONFIRM_AFTER.multipliedBy(4));

            assertThat(status.attempts()).containsExactly("Voice session ended: you closed it.",
                    "Voice session ended: you closed it.", "Voice session ended: you closed it.");
            assertThat(status.shown).isEqualTo("Voice session ended: you closed it.");
        }
    }

    @Test
    @DisplayName("an edit Discord refuses is not tried again")
    void statusWriterGivesUpOnRefusal() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
        try (ManualScheduler scheduler = new ManualScheduler(clock)) {
            RecordingStatus status = new RecordingStatus();
            status.refuse = true;
            StatusWriter writer = new StatusWriter(() -> status, scheduler, "a test session");

            writer.show("Voice session ended: you closed it.");
            scheduler.advance(Duration.ofMinutes(1));

            assertThat(status.attempts()).hasSize(1);
        }
    }

    /** A status message whose edits fail as told: no answer in time, or a refusal. */
    private static final class RecordingStatus implements StatusMessage {
        private final List<String> attempts = new ArrayList<>();
        volatile int failures;
        volatile boolean refuse;
        volatile String shown;

        synchronized List<String> attempts() {
            return List.copyOf(attempts);
        }

        @Override
        public long messageId() {
            return 1;
        }

        @Override
        public long channelId() {
            return 2;
        }

        @Override
        public synchronized CompletableFuture<Void> edit(String content) {
            attempts.add(content);
            if (refuse) {
                return CompletableFuture.failedFuture(new IllegalStateException("Missing Access"));
            }
            if (failures > 0) {
                failures--;
                return CompletableFuture.failedFuture(new TimeoutException("no answer"));
            }
            shown = content;
            return CompletableFuture.completedFuture(null);
        }
    }
}
