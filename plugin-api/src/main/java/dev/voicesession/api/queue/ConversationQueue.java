package dev.voicesession.api.queue;

import dev.voicesession.api.command.CommandEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The host's first-in, first-out queue of conversation requests.
 *
 * <p>A fixed number of slots (by default one, for one GPU) is shared by all request types. A user has
 * at most one pending or active request at a time. When a slot frees up, the oldest pending request
 * is granted and handed to the {@link RequestHandler} registered for its type; the request holds the
 * slot until the handler {@linkplain RequestTicket#complete() completes} or {@linkplain
 * RequestTicket#fail(String) fails} it, which frees the slot exactly once.
 *
 * <p>While a request waits, the host keeps the user informed through one status message, edited as
 * the request's position changes.
 */
public interface ConversationQueue {

    /**
     * Adds a request of {@code type} for the author of {@code origin}, whose reply becomes the
     * request's status message.
     *
     * @param type the request type, for example {@code voice}
     * @param origin the command that asks for it
     * @return a future with the outcome; never completed exceptionally for a refusal, only if the
     *     status message could not be sent
     */
    CompletableFuture<SubmitResult> submit(String type, CommandEvent origin);

    /**
     * Removes the user's pending request, if they have one that has not been granted.
     *
     * @param userId the user's id
     * @return the removed request, or empty if the user had no pending request
     */
    Optional<QueueEntry> cancelPending(long userId);

    /**
     * Returns the user's pending or active request.
     *
     * @param userId the user's id
     * @return the request, or empty if the user has none
     */
    Optional<QueueEntry> findByUser(long userId);

    /**
     * Returns a snapshot of the queue: active requests first, then pending ones in the order they
     * will be served.
     *
     * @return an immutable list
     */
    List<QueueEntry> entries();

    /**
     * Returns how many requests may be active at once.
     *
     * @return the number of slots, at least one
     */
    int slots();
}
