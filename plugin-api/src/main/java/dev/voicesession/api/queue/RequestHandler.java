package dev.voicesession.api.queue;

import org.pf4j.ExtensionPoint;

/**
 * Serves the {@link ConversationQueue} requests of one type.
 *
 * <p>Exactly one handler may be registered per type; a request whose type has no handler is refused
 * with a reply that says so.
 */
public interface RequestHandler extends ExtensionPoint {

    /**
     * Returns the request type this handler serves.
     *
     * @return the type, for example {@code voice}
     */
    String type();

    /**
     * Serves a request that was just granted a slot. Called on a thread that may block. The handler
     * must eventually call {@link RequestTicket#complete()} or {@link RequestTicket#fail(String)}; if
     * this method throws, the host fails the ticket.
     *
     * @param ticket the granted request
     */
    void onGranted(RequestTicket ticket);

    /**
     * Returns the status text for a pending request.
     *
     * @param entry the request
     * @param position its 1-based position among pending requests
     * @return the text of the status message
     */
    default String pendingStatus(QueueEntry entry, int position) {
        return "Your " + entry.type() + " request is queued, position " + position + ".";
    }

    /**
     * Returns the first text of the status message of a request that a free slot will take at once, so the
     * user is not first told that they wait in line. The host then hands the request to {@link
     * #onGranted(RequestTicket)} as soon as the message is sent.
     *
     * @param entry the request
     * @return the text of the status message
     */
    default String startingStatus(QueueEntry entry) {
        return "Your " + entry.type() + " request is starting...";
    }

    /**
     * Called when a pending request leaves the queue without being granted, because the user
     * cancelled it or the host is shutting down.
     *
     * @param entry the request
     */
    default void onCancelled(QueueEntry entry) {}
}
