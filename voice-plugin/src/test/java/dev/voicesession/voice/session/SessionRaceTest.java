package dev.voicesession.voice.session;

import static dev.voicesession.voice.session.SessionHarness.GUILD;
import static dev.voicesession.voice.session.SessionHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.voice.db.SessionRow;
import dev.voicesession.voice.model.EndReason;
import dev.voicesession.voice.testing.FakeTicket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionRaceTest {

    @TempDir
    Path dir;

    @RepeatedTest(5)
    @DisplayName("every end event at once, from many threads: cleanup runs exactly once")
    void cleanupRunsOnce() throws InterruptedException {
        try (SessionHarness h = new SessionHarness(dir.resolve("run-" + System.nanoTime()))) {
            VoiceSession session = h.activeSession(USER);
            long channel = session.channelId();
            List<Runnable> events = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                events.add(() -> h.manager.end(session, EndReason.CLOSED));
                events.add(() -> h.manager.onChannelDeleted(GUILD, channel));
                events.add(() -> h.manager.onGuildLeft(GUILD));
                events.add(() -> h.manager.end(session, EndReason.ADMIN_END));
                events.add(() -> {
                    h.discord.userLeaves(channel, USER);
                    h.manager.onVoiceUpdate(GUILD, USER, false, channel, 0);
                });
                events.add(() -> h.manager.shutdown(Duration.ofSeconds(5)));
            }

            runConcurrently(events);
            EndReason reason = h.awaitClosed(session);

            FakeTicket ticket = (FakeTicket) session.ticket();
            assertThat(ticket.completeCalls.get() + ticket.failCalls.get()).as("slot freed once").isEqualTo(1);
            assertThat(ticket.statusTexts()).as("at most one end shown")
                    .filteredOn(t -> t.startsWith("Voice session ended")).hasSizeLessThanOrEqualTo(1);
            assertThat(h.registry.all()).isEmpty();
            assertThat(h.discord.deleteCalls.get()).isLessThanOrEqualTo(1);
            SessionRow row = h.row(session).orElseThrow();
            assertThat(row.endReason()).isEqualTo(reason.code());
        }
    }

    @Test
    @DisplayName("a user in the channel when the join timer fires wins: one outcome")
    void joinAtExpiryWins() {
        try (SessionHarness h = new SessionHarness(dir)) {
            VoiceSession session = h.waitingSession(USER);
            h.discord.userJoins(session.channelId(), USER);

            h.scheduler.advance(Duration.ofSeconds(60));
            h.awaitState(session, SessionState.ACTIVE);
            h.manager.onVoiceUpdate(GUILD, USER, false, 0, session.channelId());
            h.scheduler.advance(Duration.ofSeconds(1));

            FakeTicket ticket = (FakeTicket) session.ticket();
            assertThat(session.joinTimer()).isNull();
            assertThat(ticket.statusTexts()).as("shown active once").filteredOn(t -> t.startsWith("Voice session active"))
                    .hasSize(1);
            assertThat(ticket.statusTexts()).noneMatch(t -> t.startsWith("Voice session ended"));
            assertThat(h.row(session).orElseThrow().endedAt()).isNull();
        }
    }

    @RepeatedTest(20)
    @DisplayName("a join event racing the timer's expiry has exactly one outcome, consistent everywhere")
    void joinRacesExpiry() throws InterruptedException {
        try (SessionHarness h = new SessionHarness(dir.resolve("run-" + System.nanoTime()))) {
            VoiceSession session = h.waitingSession(USER);
            long channel = session.channelId();

            runConcurrently(List.of(
                    () -> h.scheduler.advance(Duration.ofSeconds(60)),
                    () -> h.userJoins(session)));
            h.driveUntil(() -> session.state() == SessionState.ACTIVE || session.closed().isDone());

            boolean joined = session.state() == SessionState.ACTIVE;
            List<String> texts = ((FakeTicket) session.ticket()).statusTexts();
            long active = texts.stream().filter(t -> t.startsWith("Voice session active")).count();
            long expired = texts.stream().filter(t -> t.equals("Voice session ended: you did not join in time.")).count();
            assertThat(active + expired).as("exactly one outcome shown").isEqualTo(1);
            assertThat(active == 1).isEqualTo(joined);
            if (joined) {
                assertThat(h.discord.exists(channel)).isTrue();
                assertThat(h.row(session).orElseThrow().endedAt()).isNull();
            } else {
                assertThat(h.discord.exists(channel)).isFalse();
                assertThat(h.row(session).orElseThrow().endReason()).isEqualTo("timeout");
            }
        }
    }

    private static void runConcurrently(List<Runnable> tasks) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(tasks.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            for (Runnable task : tasks) {
                pool.execute(() -> {
                    try {
                        start.await();
                        task.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
            }
            start.countDown();
            done.await();
        }
    }
}
