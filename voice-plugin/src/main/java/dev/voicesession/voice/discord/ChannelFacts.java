package dev.voicesession.voice.discord;

import java.time.Instant;
import java.util.Map;

/**
 * What reconciliation reads of a voice channel to decide whether the plugin created it.
 *
 * @param channelId the channel
 * @param categoryId its parent category, or 0 for none
 * @param createdAt its creation time, from its snowflake
 * @param overwrites its permission overwrites by target id (member or role)
 */
public record ChannelFacts(long channelId, long categoryId, Instant createdAt, Map<Long, Overwrite> overwrites) {

    /** Copies the components. */
    public ChannelFacts {
        overwrites = Map.copyOf(overwrites);
    }

    /**
     * One permission overwrite.
     *
     * @param member {@code true} for a member overwrite, {@code false} for a role
     * @param allow the allowed bits
     * @param deny the denied bits
     */
    public record Overwrite(boolean member, long allow, long deny) {}
}
