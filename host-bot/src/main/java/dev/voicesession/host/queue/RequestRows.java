package dev.voicesession.host.queue;

import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.api.queue.QueueEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation queue's rows: what {@link ConversationQueueImpl} asks of its {@link RequestStore}, each
 * call made through the {@link StoreWriter}. The queue calls it under its lock, so the writes keep the order
 * of its state changes. A request the store could not keep has a negative id, and no writes.
 */
final class RequestRows {

    private static final Logger log = LoggerFactory.getLogger(RequestRows.class);

    /**
     * The outcome of an insert.
     *
     * @param id the new request's id (negative when the store could not keep it), or 0 for a duplicate
     * @param duplicate the user's other request, which the store holds, or {@code null}
     */
    record Inserted(long id, QueueEntry duplicate) {}

    private final StoreWriter writer;
    private final LongPredicate ownsGuild;
    private final AtomicLong unstoredIds = new AtomicLong();

    /**
     * Creates the rows.
     *
     * @param writer writes to the store, in order
     * @param ownsGuild tells whether this process serves a guild
     */
    RequestRows(StoreWriter writer, LongPredicate ownsGuild) {
        this.writer = writer;
        this.ownsGuild = ownsGuild;
    }

    /**
     * Inserts a new request's row, waiting for it: the row exists before the status message does. The store
     * refusing the user (one request per user) makes a duplicate, except for a row of this process's guilds
     * that is not in line here (a row whose delete failed earlier), which goes, once the restore is done.
     *
     * @param row the request
     * @param replaceLeftOvers whether a row of this process's guilds that {@code inLine} does not know is a
     *     left-over (true once the restore put every row of this process back in line)
     * @param inLine tells whether a request id is in line or holds a slot here
     * @return the id, or the duplicate
     */
    Inserted insert(StoredRequest row, boolean replaceLeftOvers, LongPredicate inLine) {
        for (int attempt = 1; ; attempt++) {
            try {
                return new Inserted(writer.call(() -> writer.store().insert(row)).join(), null);
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof DuplicateRequestException refused)) {
                    long id = unstoredIds.decrementAndGet();
                    log.error("Request '{}' of user '{}' could not be stored: it is served, but a restart would lose it",
                            id, row.userId(), e.getCause());
                    return new Inserted(id, null);
                }
                StoredRequest other = refused.existing();
                if (attempt == 1 && other == null) {
                    continue; // it ended while the refusal was read
                }
                if (attempt == 1 && replaceLeftOvers && ownsGuild.test(other.guildId()) && !inLine.test(other.id())) {
                    log.warn("Request '{}' of user '{}' is in the queue's store but not in line; deleting the left-over"
                            + " row", other.id(), other.userId());
                    delete(other.id());
                    continue;
                }
                if (other == null) {
                    long id = unstoredIds.decrementAndGet();
                    log.warn("Request '{}' of user '{}' could not be stored (the store keeps refusing it): it is served,"
                            + " but a restart would lose it", id, row.userId());
                    return new Inserted(id, null);
                }
                return new Inserted(0, entryOf(other));
            }
        }
    }

    /** Describes the user's other request, which the store refused the new one for. */
    private QueueEntry entryOf(StoredRequest other) {
        boolean waiting = other.state() == StoredRequest.State.WAITING;
        int position = 0;
        if (waiting) {
            try {
                position = writer.call(() -> writer.store().position(other)).join();
            } catch (CompletionException e) {
                log.warn("Cannot tell the position of request '{}' of user '{}'", other.id(), other.userId(), e.getCause());
            }
        }
        return new QueueEntry(other.id(), other.type(), other.userId(), other.userName(), other.guildId(),
                other.channelId(), other.status() == null ? 0 : other.status().messageId(), other.createdAt(),
                other.grantedAt(), waiting ? QueueEntry.State.PENDING : QueueEntry.State.ACTIVE, position);
    }

    /**
     * Records a request's status message.
     *
     * @param id the request
     * @param status the message
     */
    void recordStatus(long id, StatusMessage status) {
        if (id > 0) {
            StatusRef ref = StatusRef.of(status);
            writer.run("record the status message of request '" + id + "'", () -> writer.store().recordStatus(id, ref));
        }
    }

    /**
     * Marks a request active.
     *
     * @param id the request
     * @param grantedAt when it got its slot
     * @return completed once written (or failed and logged)
     */
    CompletableFuture<Void> markActive(long id, Instant grantedAt) {
        if (id <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return writer.run("mark request '" + id + "' active", () -> writer.store().markActive(id, grantedAt));
    }

    /**
     * Deletes a request's row.
     *
     * @param id the request
     * @return completed once deleted (or failed and logged)
     */
    CompletableFuture<Void> delete(long id) {
        if (id <= 0) {
            return CompletableFuture.completedFuture(null);
        }
        return writer.run("delete request '" + id + "'", () -> writer.store().delete(id));
    }

    /**
     * Reads the rows of one state, waiting for them.
     *
     * @param state the state
     * @return the rows in line order
     * @throws RuntimeException what the store threw
     */
    List<StoredRequest> list(StoredRequest.State state) {
        try {
            return writer.call(() -> writer.store().list(state)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Runs a grant round of the cluster's slots, in order with the writes, waiting for it.
     *
     * @param cluster the cluster's slots
     * @param ready this process's requests that may be granted
     * @return the round, or {@link ClusterSlots.Round#NONE} if it failed (logged; the next round tries again)
     */
    ClusterSlots.Round round(ClusterSlots cluster, java.util.Set<Long> ready) {
        try {
            return writer.call(() -> cluster.round(ready)).join();
        } catch (CompletionException e) {
            log.warn("A grant round of the cluster's queue failed; the next one tries again: {}",
                    TransientFailures.describe(e));
            return ClusterSlots.Round.NONE;
        }
    }

    /**
     * Renews this process's leases, in order with the writes.
     *
     * @param cluster the cluster's slots
     * @return completed once renewed (or failed and logged)
     */
    CompletableFuture<Void> renew(ClusterSlots cluster) {
        return writer.run("renew the leases of process '" + cluster.owner() + "'", cluster::renew);
    }

    /**
     * Makes rows this process's, in order with the writes.
     *
     * @param cluster the cluster's slots
     * @param ids the rows
     * @return completed once taken over (or failed and logged)
     */
    CompletableFuture<Void> takeOver(ClusterSlots cluster, List<Long> ids) {
        return writer.run("take over " + ids.size() + " request(s)", () -> cluster.takeOver(ids));
    }

    /**
     * Waits until the store has every write made so far.
     *
     * @param deadline how long to wait
     */
    void flush(Duration deadline) {
        writer.flush(deadline);
    }

    /** Drops the writes not made yet. */
    void abandon() {
        writer.abandon();
    }
}
