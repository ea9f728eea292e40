package dev.voicesession.voice.session;

import static dev.voicesession.voice.session.SessionHarness.OTHER;
import static dev.voicesession.voice.session.SessionHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.voice.model.EndReason;
import dev.voicesession.voice.testing.FakeTicket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A join that waits for the gateway budget: the user is told, and the wait never fails the session. */
class SessionGatewayBudgetTest {

    @TempDir
    Path dir;

    private SessionHarness h;

    @BeforeEach
    void setUp() {
        h = new SessionHarness(dir);
        // One join and its leave per minute: the second session's join waits for the first one's to age out.
        h.discord.useBudget(2, Duration.ofSeconds(60), h.scheduler);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    @DisplayName("a join over the budget waits, says so, and connects when it fits: no connect failure")
    void joinWaitsForTheBudget() {
        VoiceSession first = h.activeSession(USER);
        h.manager.endAndWait(first, EndReason.CLOSED, Duration.ofSeconds(5));
        h.awaitClosed(first);

        FakeTicket ticket = h.grant(OTHER);
        VoiceSession second = h.driveUntilState(OTHER, SessionState.CONNECTING);
        await().atMost(Duration.ofSeconds(5)).until(() -> ticket.lastStatus() != null
                && ticket.lastStatus().contains("Discord limits how often a bot may join voice channels"));
        assertThat(ticket.lastStatus()).contains("in about").contains("1st in line");

        // Far past the 2 s connect time-out, still waiting for its turn: nothing was sent, nothing failed.
        h.scheduler.advance(Duration.ofSeconds(30));
        assertThat(second.state()).isEqualTo(SessionState.CONNECTING);
        assertThat(h.discord.joinsSent).as("only the first session's join").hasSize(1);

        h.driveUntil(() -> second.state() == SessionState.WAITING_FOR_USER);
        assertThat(h.discord.joinsSent).hasSize(2);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ticket.lastStatus().startsWith("Join <#" + second.channelId() + ">"));
        assertThat(second.closed()).isNotDone();
    }

    @Test
    @DisplayName("a session that ends while its join waits withdraws it: the join is never sent")
    void endWhileWaiting() {
        VoiceSession first = h.activeSession(USER);
        h.manager.endAndWait(first, EndReason.CLOSED, Duration.ofSeconds(5));
        h.awaitClosed(first);
        h.grant(OTHER);
        VoiceSession second = h.driveUntilState(OTHER, SessionState.CONNECTING);

        assertThat(h.manager.endAndWait(second, EndReason.CLOSED, Duration.ofSeconds(5))).isTrue();
        h.scheduler.advance(Duration.ofSeconds(120));

        assertThat(h.discord.joinsSent).as("only the first session's join").hasSize(1);
        assertThat(h.discord.exists(second.channelId())).isFalse();
        assertThat(h.row(second).orElseThrow().endReason()).isEqualTo("closed");
    }
}
