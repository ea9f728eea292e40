package dev.voicesession.voice.db;

import java.time.Instant;

/**
 * One row of {@code voice_sessions}.
 *
 * @param id the row id
 * @param userId the user the session is for
 * @param guildId the guild the channel is in
 * @param channelId the voice channel, or 0 while the row is a {@linkplain #isClaim() claim} (the column is
 *     NULL until the channel exists, or until reconciliation finds the channel of a claim a crash left)
 * @param createdAt when the row was written
 * @param endedAt when the session ended, or {@code null} while it is active
 * @param endReason why it ended (an {@code EndReason} code), or {@code null}
 * @param state {@value #CREATING} while the row is a claim, {@value #ACTIVE} once its channel is recorded,
 *     {@value #ENDED} once it ended
 * @param categoryId the category the channel was created in, or 0 for none
 * @param channelDeletedAt when the channel was confirmed gone, or {@code null}
 * @param statusChannelId the channel of the session's status message, or 0 if unknown
 * @param statusMessageId the session's status message, or 0 if unknown
 */
public record SessionRow(
        long id,
        long userId,
        long guildId,
        long channelId,
        Instant createdAt,
        Instant endedAt,
        String endReason,
        String state,
        long categoryId,
        Instant channelDeletedAt,
        long statusChannelId,
        long statusMessageId) {

    /** State of an active row written before its channel was created. */
    public static final String CREATING = "creating";
    /** State of an active row whose channel id is recorded. */
    public static final String ACTIVE = "active";
    /** State of an ended row. */
    public static final String ENDED = "ended";

    /**
     * Tells whether the session is active ({@code ended_at IS NULL}).
     *
     * @return {@code true} while the session has not ended
     */
    public boolean isActive() {
        return endedAt == null;
    }

    /**
     * Tells whether the row knows where its status message is.
     *
     * @return {@code true} if both the channel and the message id are known
     */
    public boolean hasStatusMessage() {
        return statusChannelId != 0 && statusMessageId != 0;
    }

    /**
     * Tells whether the row is a write-ahead claim whose channel id was never recorded, active or ended.
     *
     * @return {@code true} if the row names no channel
     */
    public boolean isClaim() {
        return channelId == 0;
    }
}
