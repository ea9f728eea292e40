package dev.voicesession.voice.discord;

/**
 * What a session channel is created with. Together with the channel's creation time, these facts let
 * reconciliation recognise a channel whose id was never recorded.
 *
 * @param guildId the guild
 * @param categoryId the parent category, or 0 for none
 * @param name the sanitized channel name
 * @param userId the user allowed view, connect and speak
 * @param reason the audit-log reason
 */
public record ChannelBlueprint(long guildId, long categoryId, String name, long userId, String reason) {}
