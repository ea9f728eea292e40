package dev.voicesession.host.queue;

import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.RequestHandler;
import java.time.Instant;

/**
 * The queue's mutable record of one request. Every field is read and written under the queue's lock
 * only; the rest of the code sees {@link QueueEntry} snapshots.
 */
final class Request {

    /** Where a request is in its life, in more detail than {@link QueueEntry.State}. */
    enum Phase {
        /** Queued; its status message is being sent, so it cannot be granted yet. */
        SENDING_STATUS,
        /** Queued with its status message: can be granted when it reaches the head. */
        PENDING,
        /** Holds a slot. */
        ACTIVE,
        /** Left the queue: completed, failed, cancelled, or its status message could not be sent. */
        GONE
    }

    /** The row's id in the store; negative for a request the store could not keep. */
    final long id;
    final String type;
    final RequestHandler handler;
    final RequestOrigin origin;
    /** The place in line: the origin's arrival, or the one the queue gave a request without it. */
    final long arrival;
    final Instant createdAt;
    Instant grantedAt;
    Phase phase = Phase.SENDING_STATUS;
    StatusMessage status;
    StatusUpdater updater;
    /** The position the status message shows or is about to show; 0 when none yet. */
    int shownPosition;
    /** Increases with every position update computed for this request, see {@link StatusUpdater}. */
    long updateSequence;

    Request(long id, String type, RequestHandler handler, RequestOrigin origin, long arrival, Instant createdAt) {
        this.id = id;
        this.type = type;
        this.handler = handler;
        this.origin = origin;
        this.arrival = arrival;
        this.createdAt = createdAt;
    }

    boolean isPending() {
        return phase == Phase.SENDING_STATUS || phase == Phase.PENDING;
    }

    QueueEntry snapshot(int position) {
        return new QueueEntry(
                id,
                type,
                origin.userId(),
                origin.userName(),
                origin.guildId(),
                origin.channelId(),
                status == null ? 0 : status.messageId(),
                createdAt,
                grantedAt,
                phase == Phase.ACTIVE ? QueueEntry.State.ACTIVE : QueueEntry.State.PENDING,
                phase == Phase.ACTIVE ? 0 : position);
    }
}
