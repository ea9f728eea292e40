package dev.voicesession.host.queue;

import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.RequestTicket;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A granted request. The first of {@link #complete()} and {@link #fail(String)} wins a compare-and-set
 * and frees the slot; every later call returns {@code false} and does nothing. Its status message is edited
 * through the request's one {@link StatusUpdater}.
 */
final class Ticket implements RequestTicket {

    private final ConversationQueueImpl queue;
    private final Request request;
    private final QueueEntry entry;
    private final StatusUpdater status;
    private final AtomicBoolean done = new AtomicBoolean();

    Ticket(ConversationQueueImpl queue, Request request, QueueEntry entry, StatusUpdater status) {
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
        return status.view();
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
            // Through the message's one writer: after the handler's texts, and once even if the handler showed it.
            status.show(userMessage);
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
