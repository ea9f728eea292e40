package dev.voicesession.api.queue;

import dev.voicesession.api.command.StatusMessage;

/**
 * A granted request, handed to its {@link RequestHandler}. It holds a queue slot until {@link
 * #complete()} or {@link #fail(String)} is called; whichever comes first frees the slot, and every
 * later call does nothing and returns {@code false}. Both are safe to call from any thread.
 */
public interface RequestTicket {

    /**
     * Returns a snapshot of the request as it was granted.
     *
     * @return the request
     */
    QueueEntry entry();

    /**
     * Returns the request's status message, to show the user its progress.
     *
     * @return the status message
     */
    StatusMessage status();

    /**
     * Marks the request as done and frees its slot.
     *
     * @return {@code true} if this call freed the slot
     */
    boolean complete();

    /**
     * Marks the request as failed, frees its slot and, if {@code userMessage} is not blank, shows it
     * in the status message.
     *
     * @param userMessage what to tell the user, or {@code null}
     * @return {@code true} if this call freed the slot
     */
    boolean fail(String userMessage);

    /**
     * Tells whether the request was completed or failed.
     *
     * @return {@code true} once the slot is freed
     */
    boolean isDone();
}
