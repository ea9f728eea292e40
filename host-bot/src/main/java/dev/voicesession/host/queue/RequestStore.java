package dev.voicesession.host.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the conversation queue keeps its requests, so that they outlive the process: one row per waiting
 * or active request. The queue calls it from one writer thread at a time, in the order of its state
 * changes ({@link StoreWriter}).
 */
public interface RequestStore {

    /**
     * Stores a new waiting request.
     *
     * @param request the request; its id is ignored
     * @return the new row's id, larger than 0
     * @throws DuplicateRequestException if the user already has a row
     * @throws dev.voicesession.host.db.DatabaseException if the database fails
     */
    long insert(StoredRequest request);

    /**
     * Records the request's status message.
     *
     * @param id the request
     * @param status where the message is
     */
    void recordStatus(long id, StatusRef status);

    /**
     * Marks a request as holding a slot.
     *
     * @param id the request
     * @param grantedAt when it got the slot
     */
    void markActive(long id, Instant grantedAt);

    /**
     * Deletes a request that ended.
     *
     * @param id the request
     */
    void delete(long id);

    /**
     * Lists the requests of one state.
     *
     * @param state the state
     * @return the requests in line order: by arrival, then id
     */
    List<StoredRequest> list(StoredRequest.State state);

    /**
     * Finds the user's request.
     *
     * @param userId the user
     * @return the request, if the user has one
     */
    Optional<StoredRequest> findByUser(long userId);

    /**
     * Counts the waiting requests in line before a waiting one, itself included: its position.
     *
     * @param request a waiting request
     * @return its 1-based position among every stored waiting request
     */
    int position(StoredRequest request);
}
