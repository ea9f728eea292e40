package dev.voicesession.voice.discord;

import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The Discord operations the session logic needs, by id. Every method may block (REST calls wait for
 * their answer within the configured time-out), so call them only from a thread that may block,
 * never from a JDA event thread. The JDA implementation is {@link JdaDiscordActions}; tests use a
 * fake.
 */
public interface DiscordActions {

    /**
     * Returns the bot's user id.
     *
     * @return the id
     */
    long selfId();

    /**
     * Tells whether the bot is in the guild and the guild is available.
     *
     * @param guildId the guild
     * @return {@code true} if the guild is in the cache and available
     */
    boolean hasGuild(long guildId);

    /**
     * Checks the bot's permissions for creating a session channel in {@code categoryId}: Manage
     * Channels, View Channel, Connect and Speak there, and every bit it would put into an overwrite.
     *
     * @param guildId the guild
     * @param categoryId the category, or 0 for none
     * @return what is missing
     * @throws DiscordActionException if the guild is unavailable or the category does not exist
     */
    PermissionCheck checkCreatePermissions(long guildId, long categoryId);

    /**
     * Returns the user's name for the channel name template.
     *
     * @param guildId the guild
     * @param userId the user
     * @return the name, or the id as text if it cannot be found
     */
    String userName(long guildId, long userId);

    /**
     * Creates a private voice channel: {@code @everyone} denied view and connect, the user and the
     * bot allowed view, connect and speak.
     *
     * @param blueprint what to create
     * @return the new channel's id
     * @throws DiscordActionException if Discord refused or did not answer in time
     */
    long createChannel(ChannelBlueprint blueprint);

    /**
     * Asks the gateway budget of the guild's shard for a voice join ({@link GatewayBudget}). If the ticket says
     * {@link GatewayBudget.Ticket#immediate()}, the caller may call {@link #openConnection} now and {@code
     * whenAllowed} never runs; otherwise {@code whenAllowed} runs, on a scheduler thread, once the join fits.
     * Every join is followed by {@link #leaveVoice} for the guild, which frees the leave it reserved.
     *
     * @param guildId the guild
     * @param whenAllowed what opens the connection later; must not block
     * @return the join's ticket
     */
    GatewayBudget.Ticket requestVoiceJoin(long guildId, Runnable whenAllowed);

    /**
     * Registers a listener told the guild id whenever the bot's voice connection status changes in a guild
     * where {@link #openConnection} was called. It runs on a JDA thread: it must not block.
     *
     * @param listener the listener
     */
    void addVoiceStatusListener(LongConsumer listener);

    /**
     * Starts connecting the bot to a voice channel; {@link #isConnected} tells when it is done, and the
     * listeners of {@link #addVoiceStatusListener} hear of each status change. Call it only with a join the
     * gateway budget allowed ({@link #requestVoiceJoin}).
     *
     * @throws DiscordActionException if the channel is gone or the bot may not connect
     */
    void openConnection(long guildId, long channelId);

    /**
     * Tells whether the bot's voice connection in the guild is CONNECTED to the channel.
     *
     * @return {@code true} once connected
     */
    boolean isConnected(long guildId, long channelId);

    /**
     * Leaves voice in the guild if the bot is in, or connecting to, the channel.
     *
     * @return {@code true} if the bot was there
     */
    boolean leaveVoice(long guildId, long channelId);

    /**
     * Tells whether the channel still exists: the cache first, then a REST fetch by id.
     *
     * @return {@code false} only when Discord says Unknown Channel or the cache of an available guild
     *     lacks it and the fetch agrees
     */
    boolean channelExists(long guildId, long channelId);

    /**
     * Replaces the text of one of the bot's messages, mentions off, without waiting for Discord's answer;
     * a refusal or a failure is logged. Used to tell a user that a session an earlier run left has ended.
     *
     * @param guildId the guild the message's channel is in
     * @param channelId the message's channel
     * @param messageId the message
     * @param content the new text
     */
    void editMessage(long guildId, long channelId, long messageId, String content);

    /**
     * Deletes a channel: through the cache if it is there, otherwise by id over REST using the stored
     * guild id. Unknown Channel counts as deleted.
     *
     * @return what happened
     */
    DeleteOutcome deleteChannel(long guildId, long channelId);

    /**
     * Returns the ids of the members in the voice channel who are not bots.
     *
     * @return the ids, empty if none or the channel is gone
     */
    Set<Long> humansInChannel(long guildId, long channelId);

    /**
     * Lists the guild's voice channels with the facts reconciliation matches on.
     *
     * @param guildId the guild
     * @return the channels, empty if the guild is unavailable
     */
    List<ChannelFacts> voiceChannels(long guildId);
}
