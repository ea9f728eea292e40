package dev.voicesession.api.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * A read-only snapshot of one request in the {@link ConversationQueue}.
 *
 * @param id the request's id, unique for the life of the host process
 * @param type the request type, for example {@code voice}
 * @param userId the requesting user's id
 * @param userName the requesting user's name (Discord username) as the command carried it, or empty when
 *     not known; saves a plugin a REST lookup to name things after the user
 * @param guildId the guild the request came from
 * @param channelId the text channel the request came from
 * @param statusMessageId the id of the status message, or 0 if it is not known yet
 * @param createdAt when the request was queued
 * @param grantedAt when the request got a slot, or {@code null} while pending
 * @param state whether the request waits or holds a slot
 * @param position the 1-based position among pending requests, or 0 for an active one
 */
public record QueueEntry(
        long id,
        String type,
        long userId,
        String userName,
        long guildId,
        long channelId,
        long statusMessageId,
        Instant createdAt,
        Instant grantedAt,
        State state,
        int position) {

    /** Checks the components. */
    public QueueEntry {
        Objects.requireNonNull(userName, "userName");
    }

    /** Where a request is in its life. */
    public enum State {
        /** Waiting for a slot. */
        PENDING,
        /** Holding a slot until its handler completes or fails it. */
        ACTIVE
    }
}
