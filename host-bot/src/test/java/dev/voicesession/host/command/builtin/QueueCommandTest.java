package dev.voicesession.host.command.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.QueueEntry.State;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QueueCommandTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    @DisplayName("an empty queue says so")
    void empty() {
        assertThat(QueueCommand.format(List.of(), 1, NOW)).isEqualTo("The queue is empty (1 slot, all free).");
    }

    @Test
    @DisplayName("active requests come first, then the waiting ones in order")
    void entries() {
        List<QueueEntry> entries = List.of(
                new QueueEntry(1, "voice", 100, "user100", 5, 6, 7, NOW.minusSeconds(600), NOW.minusSeconds(300), State.ACTIVE, 0),
                new QueueEntry(2, "voice", 200, "user200", 5, 6, 8, NOW.minusSeconds(120), null, State.PENDING, 1),
                new QueueEntry(3, "voice", 300, "user300", 5, 6, 9, NOW.minusSeconds(10), null, State.PENDING, 2));

        assertThat(QueueCommand.format(entries, 2, NOW)).isEqualTo("""
                Queue: 1 of 2 slots in use, 2 waiting.
                Active: <@100> voice, for 5 minutes
                1. <@200> voice, waiting 2 minutes
                2. <@300> voice, waiting less than a minute""");
    }
}
