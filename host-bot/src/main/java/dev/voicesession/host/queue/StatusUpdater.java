package dev.voicesession.host.queue;

import dev.voicesession.api.command.StatusMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edits one status message so that the last requested text wins: at most one edit is in flight,
 * updates that arrive meanwhile collapse into the newest, and an update older (by sequence number)
 * than one already seen is ignored. Once closed, no further edits are started.
 */
final class StatusUpdater {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdater.class);

    private final StatusMessage status;
    private long latestSequence = Long.MIN_VALUE;
    private String desired;
    private String shown;
    private boolean inFlight;
    private boolean closed;

    StatusUpdater(StatusMessage status, String shown) {
        this.status = status;
        this.shown = shown;
    }

    /**
     * Asks for {@code text} to be shown.
     *
     * @param sequence increases with every update the queue computes for this request
     * @param text the new text
     */
    synchronized void update(long sequence, String text) {
        if (closed || sequence <= latestSequence) {
            return;
        }
        latestSequence = sequence;
        desired = text;
        if (!inFlight) {
            sendNext();
        }
    }

    /** Stops editing: the handler owns the message from now on. */
    synchronized void close() {
        closed = true;
        desired = null;
    }

    private void sendNext() {
        if (desired == null || desired.equals(shown)) {
            desired = null;
            return;
        }
        String text = desired;
        desired = null;
        inFlight = true;
        status.edit(text).whenComplete((ignored, error) -> {
            if (error != null) {
                log.warn("Cannot update status message '{}' in channel '{}'", status.messageId(), status.channelId(),
                        error);
            }
            synchronized (this) {
                inFlight = false;
                shown = text;
                if (!closed) {
                    sendNext();
                }
            }
        });
    }
}
