package dev.voicesession.api.queue;

/**
 * The outcome of {@link ConversationQueue#submit}.
 *
 * @param outcome what happened to the request
 * @param entry the new request, or the user's existing one for {@link Outcome#DUPLICATE}; {@code null}
 *     otherwise
 */
public record SubmitResult(Outcome outcome, QueueEntry entry) {

    /** What happened to a submitted request. */
    public enum Outcome {
        /** The request was queued (and may already have been granted). */
        QUEUED,
        /** The user already has a pending or active request, which {@code entry} describes. */
        DUPLICATE,
        /** No plugin handles the request type; the user was told. */
        NO_HANDLER,
        /** The host is shutting down and takes no new requests; the user was told. */
        CLOSED
    }

    /**
     * Tells whether the request was queued.
     *
     * @return {@code true} for {@link Outcome#QUEUED}
     */
    public boolean queued() {
        return outcome == Outcome.QUEUED;
    }
}
