package dev.voicesession.host.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * A request as the {@link RequestStore} keeps it.
 *
 * @param id the row's id, which is the request's id; 0 for a row not inserted yet
 * @param type the request type
 * @param userId the requesting user
 * @param userName the user's name as the command carried it, or empty
 * @param guildId the guild, or 0 in a direct message
 * @param channelId the channel of the command
 * @param arrival the request's place in line ({@link ArrivalClock})
 * @param state whether it waits or holds a slot
 * @param createdAt when it was queued
 * @param grantedAt when it got its slot, or {@code null} while it waits
 * @param command how to reach the user again through the command
 * @param status the status message once sent, or {@code null}
 */
public record StoredRequest(
        long id,
        String type,
        long userId,
        String userName,
        long guildId,
        long channelId,
        long arrival,
        State state,
        Instant createdAt,
        Instant grantedAt,
        CommandRef command,
        StatusRef status) {

    /** Where a stored request is in its life. */
    public enum State {
        /** In line. */
        WAITING,
        /** Holding a slot. */
        ACTIVE
    }

    /** Checks the components. */
    public StoredRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(command, "command");
    }

    /**
     * Returns this request with its row id.
     *
     * @param rowId the id the store gave it
     * @return the copy
     */
    StoredRequest withId(long rowId) {
        return new StoredRequest(rowId, type, userId, userName, guildId, channelId, arrival, state, createdAt,
                grantedAt, command, status);
    }
}
