package dev.voicesession.host.queue;

import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.RequestTicket;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A granted request. The first of {@link #complete()} and {@link #fail(String)} wins a compare-and-set
 * and frees the slot; every later call returns {@code false} and does nothing.
 */
final class Ticket implements RequestTicket {

    private static final Logger log = LoggerFactory.getLogger(Ticket.class);

    private final ConversationQueueImpl queue;
    private final Request request;
    private final QueueEntry entry;
    private final StatusMessage status;
    private final AtomicBoolean done = new AtomicBoolean();

    Ticket(ConversationQueueImpl queue, Request request, QueueEntry entry, StatusMessage status) {
        this.queue = queue;
        this.request = request;
        this.entry = entry;
        this.status = status;
    }

    @Override
    public QueueEntry entry() {
        return entry;
    }

    @Override
    public StatusMessage status() {
        return status;
    }

    @Override
    public boolean complete() {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        queue.release(request);
        return true;
    }

    @Override
    public boolean fail(String userMessage) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        queue.release(request);
        if (userMessage != null && !userMessage.isBlank()) {
            status.edit(userMessage).whenComplete((ignored, error) -> {
                if (error != null) {
                    log.warn("Cannot show the failure of request '{}' in status message '{}'", entry.id(),
                            status.messageId(), error);
                }
            });
        }
        return true;
    }

    @Override
    public boolean isDone() {
        return done.get();
    }

    @Override
    public String toString() {
        return "Ticket[request=" + entry.id() + ", type=" + entry.type() + ", user=" + entry.userId() + "]";
    }
}
