package dev.voicesession.emulator.model;

import java.util.List;

/**
 * A guild channel in the shape the emulator keeps it. Voice fields are meaningful for voice and stage
 * channels only.
 *
 * @param id snowflake id
 * @param guildId owning guild
 * @param type channel type
 * @param name channel name
 * @param position sort position
 * @param parentId parent category id or {@code null}
 * @param topic topic or {@code null}
 * @param nsfw age-restricted flag
 * @param bitrate voice bitrate in bits per second
 * @param userLimit voice user limit, 0 for none
 * @param rtcRegion voice region or {@code null} for automatic
 * @param rateLimitPerUser slow mode in seconds
 * @param lastMessageId id of the newest message or {@code null}
 * @param overwrites permission overwrites in insertion order
 */
public record Channel(
        long id,
        long guildId,
        ChannelType type,
        String name,
        int position,
        Long parentId,
        String topic,
        boolean nsfw,
        int bitrate,
        int userLimit,
        String rtcRegion,
        int rateLimitPerUser,
        Long lastMessageId,
        List<Overwrite> overwrites) {

    /** Creates a channel, copying the overwrite list. */
    public Channel {
        overwrites = List.copyOf(overwrites);
    }

    /** Returns the overwrite for a role or member id, if any. */
    public java.util.Optional<Overwrite> overwrite(long targetId) {
        return overwrites.stream().filter(o -> o.id() == targetId).findFirst();
    }

    /** Returns this channel with another name. */
    public Channel withName(String newName) {
        return new Channel(id, guildId, type, newName, position, parentId, topic, nsfw, bitrate, userLimit,
                rtcRegion, rateLimitPerUser, lastMessageId, overwrites);
    }

    /** Returns this channel with another parent category. */
    public Channel withParentId(Long newParentId) {
        return new Channel(id, guildId, type, name, position, newParentId, topic, nsfw, bitrate, userLimit,
                rtcRegion, rateLimitPerUser, lastMessageId, overwrites);
    }

    /** Returns this channel with another topic. */
    public Channel withTopic(String newTopic) {
        return new Channel(id, guildId, type, name, position, parentId, newTopic, nsfw, bitrate, userLimit,
                rtcRegion, rateLimitPerUser, lastMessageId, overwrites);
    }

    /** Returns this channel with other voice settings. */
    public Channel withVoice(int newBitrate, int newUserLimit, String newRtcRegion) {
        return new Channel(id, guildId, type, name, position, parentId, topic, nsfw, newBitrate, newUserLimit,
                newRtcRegion, rateLimitPerUser, lastMessageId, overwrites);
    }

    /** Returns this channel with another position. */
    public Channel withPosition(int newPosition) {
        return new Channel(id, guildId, type, name, newPosition, parentId, topic, nsfw, bitrate, userLimit,
                rtcRegion, rateLimitPerUser, lastMessageId, overwrites);
    }

    /** Returns this channel with other flags. */
    public Channel withNsfwAndSlowmode(boolean newNsfw, int newRateLimitPerUser) {
        return new Channel(id, guildId, type, name, position, parentId, topic, newNsfw, bitrate, userLimit,
                rtcRegion, newRateLimitPerUser, lastMessageId, overwrites);
    }

    /** Returns this channel with another newest message id. */
    public Channel withLastMessageId(Long newLastMessageId) {
        return new Channel(id, guildId, type, name, position, parentId, topic, nsfw, bitrate, userLimit,
                rtcRegion, rateLimitPerUser, newLastMessageId, overwrites);
    }

    /** Returns this channel with another overwrite list. */
    public Channel withOverwrites(List<Overwrite> newOverwrites) {
        return new Channel(id, guildId, type, name, position, parentId, topic, nsfw, bitrate, userLimit,
                rtcRegion, rateLimitPerUser, lastMessageId, newOverwrites);
    }
}
