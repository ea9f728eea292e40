package dev.voicesession.voice.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.voice.testing.ManualScheduler;
import dev.voicesession.voice.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GatewayBudgetTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final Set<Long> guilds = ConcurrentHashMap.newKeySet();
    private final List<Long> sent = new CopyOnWriteArrayList<>();
    private final GatewayBudget budget = new GatewayBudget(6, WINDOW, clock, scheduler, guilds::contains);

    @AfterEach
    void close() {
        scheduler.close();
    }

    private GatewayBudget.Ticket join(long guildId) {
        guilds.add(guildId);
        GatewayBudget.Ticket ticket = budget.requestJoin(0, guildId, () -> sent.add(guildId));
        if (ticket.immediate()) {
            sent.add(guildId);
        }
        return ticket;
    }

    @Test
    @DisplayName("Each join reserves its leave: three joins fill a budget of six, the fourth waits")
    void joinReservesItsLeave() {
        assertThat(join(1).immediate()).isTrue();
        assertThat(join(2).immediate()).isTrue();
        assertThat(join(3).immediate()).isTrue();

        GatewayBudget.Ticket fourth = join(4);

        assertThat(fourth.immediate()).isFalse();
        assertThat(fourth.position()).isEqualTo(1);
        assertThat(sent).containsExactly(1L, 2L, 3L);
        assertThat(budget.usage(0)).containsExactly(3, 3, 1);
    }

    @Test
    @DisplayName("A leave never waits and uses the room its join reserved")
    void leaveNeverWaits() {
        join(1);
        join(2);
        join(3);

        budget.left(0, 1, true);
        budget.left(0, 2, true);

        assertThat(budget.usage(0)).containsExactly(5, 1, 0);
        assertThat(join(5).immediate()).as("5 in the window, 1 reserved: no room for 2 more").isFalse();
    }

    @Test
    @DisplayName("Waiting joins go in order as the oldest payloads leave the window, with the wait foretold")
    void waitingJoinsGoInOrder() {
        join(1);
        clock.advance(Duration.ofSeconds(10));
        join(2);
        clock.advance(Duration.ofSeconds(10));
        join(3);
        budget.left(0, 1, true);
        budget.left(0, 2, true);
        budget.left(0, 3, true);
        GatewayBudget.Ticket fourth = join(4);
        GatewayBudget.Ticket fifth = join(5);

        // The join needs two payloads out of the window (sent at 0 s and 10 s), the next one four.
        assertThat(fourth.expectedWait()).contains(Duration.ofSeconds(50));
        assertThat(fifth.expectedWait()).contains(Duration.ofSeconds(60));
        assertThat(fifth.position()).isEqualTo(2);

        scheduler.advance(Duration.ofSeconds(49));
        assertThat(sent).containsExactly(1L, 2L, 3L);
        scheduler.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 4);
        assertThat(sent).containsExactly(1L, 2L, 3L, 4L);
        scheduler.advance(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> sent.size() == 5);
        assertThat(sent).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    @DisplayName("A join in a guild that already holds a reserved leave costs one payload")
    void reconnectCostsOne() {
        join(1);
        join(2);
        join(3);
        clock.advance(Duration.ofSeconds(61));

        assertThat(join(1).immediate()).as("3 reserved, 1 for the join").isTrue();
        assertThat(budget.usage(0)).containsExactly(1, 3, 0);
    }

    @Test
    @DisplayName("A cancelled join never runs; a reserved leave of a guild the bot left is dropped")
    void cancelAndGuildGone() {
        join(1);
        join(2);
        join(3);
        GatewayBudget.Ticket fourth = join(4);
        fourth.cancel();
        GatewayBudget.Ticket fifth = join(5);
        assertThat(fifth.position()).isEqualTo(1);

        guilds.remove(1L);
        guilds.remove(2L);
        scheduler.advance(WINDOW);

        await().atMost(Duration.ofSeconds(5)).until(() -> sent.contains(5L));
        assertThat(sent).containsExactly(1L, 2L, 3L, 5L);
        assertThat(budget.usage(0)).containsExactly(1, 2, 0);
    }

    @Test
    @DisplayName("The wait is unknown while room depends on sessions leaving voice")
    void unknownWait() {
        GatewayBudget small = new GatewayBudget(2, WINDOW, clock, scheduler, guild -> true);
        assertThat(small.requestJoin(0, 1, () -> { }).immediate()).isTrue();
        clock.advance(WINDOW);

        GatewayBudget.Ticket second = small.requestJoin(0, 2, () -> { });

        assertThat(second.immediate()).isFalse();
        assertThat(second.expectedWait()).isEqualTo(Optional.empty());
    }
}
