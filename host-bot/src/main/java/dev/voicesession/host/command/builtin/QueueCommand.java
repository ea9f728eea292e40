package dev.voicesession.host.command.builtin;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.api.queue.ConversationQueue;
import dev.voicesession.api.queue.QueueEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code !queue}: who holds a slot and who waits, in order. Mentions in the reply never ping. */
public final class QueueCommand implements BotCommand {

    private static final int MAX_LINES = 20;

    private final ConversationQueue queue;
    private final Clock clock;
    private final CommandSpec spec = CommandSpec.builder("queue")
            .aliases("q")
            .help("Shows the conversation queue")
            .build();

    /**
     * Creates the command.
     *
     * @param queue the queue to show
     * @param clock the clock for waiting times
     */
    public QueueCommand(ConversationQueue queue, Clock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public void execute(CommandEvent event) {
        event.reply(format(queue.entries(), queue.slots(), clock.instant()));
    }

    /**
     * Formats a queue snapshot.
     *
     * @param entries active requests first, then pending ones in order
     * @param slots the number of slots
     * @param now the current time
     * @return the reply text
     */
    static String format(List<QueueEntry> entries, int slots, Instant now) {
        if (entries.isEmpty()) {
            return "The queue is empty (" + slots(slots) + ", all free).";
        }
        long active = entries.stream().filter(entry -> entry.state() == QueueEntry.State.ACTIVE).count();
        StringBuilder text = new StringBuilder("Queue: " + active + " of " + slots(slots) + " in use, "
                + (entries.size() - active) + " waiting.\n");
        int lines = 0;
        for (QueueEntry entry : entries) {
            if (lines++ == MAX_LINES) {
                text.append("... and ").append(entries.size() - MAX_LINES).append(" more.\n");
                break;
            }
            if (entry.state() == QueueEntry.State.ACTIVE) {
                text.append("Active: <@").append(entry.userId()).append("> ").append(entry.type())
                        .append(", for ").append(minutes(entry.grantedAt(), now)).append('\n');
            } else {
                text.append(entry.position()).append(". <@").append(entry.userId()).append("> ").append(entry.type())
                        .append(", waiting ").append(minutes(entry.createdAt(), now)).append('\n');
            }
        }
        return text.toString().strip();
    }

    private static String slots(int slots) {
        return slots == 1 ? "1 slot" : slots + " slots";
    }

    private static String minutes(Instant since, Instant now) {
        long minutes = since == null ? 0 : Duration.between(since, now).toMinutes();
        return minutes < 1 ? "less than a minute" : minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
