package dev.voicesession.emulator.model;

/**
 * A user's connection to a voice channel in a guild.
 *
 * @param guildId the guild
 * @param userId the user
 * @param channelId the voice channel
 * @param sessionId the gateway session id (for the bot) or a generated one (for users)
 * @param selfMute muted by the user
 * @param selfDeaf deafened by the user
 * @param mute muted by the server
 * @param deaf deafened by the server
 */
public record VoiceState(
        long guildId,
        long userId,
        long channelId,
        String sessionId,
        boolean selfMute,
        boolean selfDeaf,
        boolean mute,
        boolean deaf) {}
