package dev.voicesession.host.queue;

import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The queue's calls into plugin code for texts and cancellations: a handler that throws costs its text only. */
final class HandlerCalls {

    private static final Logger log = LoggerFactory.getLogger(HandlerCalls.class);

    private HandlerCalls() {}

    static String pendingStatus(RequestHandler handler, QueueEntry entry, int position) {
        try {
            return handler.pendingStatus(entry, position);
        } catch (RuntimeException e) {
            log.error("Handler '{}' failed to describe request '{}'", handler.getClass().getName(), entry.id(), e);
            return "Your " + entry.type() + " request is queued, position " + position + ".";
        }
    }

    static String startingStatus(RequestHandler handler, QueueEntry entry) {
        try {
            return handler.startingStatus(entry);
        } catch (RuntimeException e) {
            log.error("Handler '{}' failed to describe request '{}'", handler.getClass().getName(), entry.id(), e);
            return "Your " + entry.type() + " request is starting...";
        }
    }

    static void notifyCancelled(RequestHandler handler, QueueEntry entry) {
        try {
            handler.onCancelled(entry);
        } catch (RuntimeException | LinkageError e) {
            // task boundary around plugin code
            log.error("Handler '{}' failed on the cancellation of request '{}'", handler.getClass().getName(),
                    entry.id(), e);
        }
    }
}
