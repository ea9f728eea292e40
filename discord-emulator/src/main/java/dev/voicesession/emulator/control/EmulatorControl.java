package dev.voicesession.emulator.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.core.DiscordException;
import dev.voicesession.emulator.core.EmulatorState;
import dev.voicesession.emulator.core.GuildService;
import dev.voicesession.emulator.core.Services;
import dev.voicesession.emulator.core.VoiceAccessDeniedException;
import dev.voicesession.emulator.gateway.GatewayServer;
import dev.voicesession.emulator.gateway.IdentifyLimit;
import dev.voicesession.emulator.gateway.IdentifyLimiter;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.model.ApplicationCommand;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.ChannelType;
import dev.voicesession.emulator.model.DispatchLogEntry;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.IdentifyLogEntry;
import dev.voicesession.emulator.model.Interaction;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.emulator.model.Role;
import dev.voicesession.emulator.model.User;
import dev.voicesession.emulator.model.VoiceState;
import dev.voicesession.emulator.rest.Faults;
import dev.voicesession.emulator.rest.RequestLog;
import dev.voicesession.emulator.voice.VoiceConnectionInfo;
import dev.voicesession.emulator.voice.VoiceServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The emulator's control API from Java: seed guilds, act as users and moderators, inject gateway and voice
 * faults, and inspect what the bot did. The same operations are served over HTTP under {@code /control}.
 * Errors in arguments (unknown ids) throw {@link DiscordException} or {@link IllegalArgumentException}; an action
 * Discord's client would refuse (joining a voice channel without View Channel and Connect) throws
 * {@link VoiceAccessDeniedException}.
 */
public final class EmulatorControl {
    private final Services services;
    private final EmulatorState state;
    private final GatewayServer gateway;
    private final VoiceServer voiceServer;
    private final Faults faults;
    private final RequestLog requestLog;

    /** Creates the control API; {@code voiceServer} may be null when voice is disabled. */
    public EmulatorControl(Services services, GatewayServer gateway, VoiceServer voiceServer, Faults faults,
            RequestLog requestLog) {
        this.services = services;
        this.state = services.state();
        this.gateway = gateway;
        this.voiceServer = voiceServer;
        this.faults = faults;
        this.requestLog = requestLog;
    }

    // Seeding

    /** Creates a guild with the bot in it, holding {@link GuildService#DEFAULT_BOT_PERMISSIONS}. */
    public Guild createGuild(String name) {
        return createGuild(name, GuildService.DEFAULT_BOT_PERMISSIONS);
    }

    /**
     * Creates a guild with the bot in it, holding {@code botPermissions} through its own role (plus what
     * {@code @everyone} allows: Discord's defaults; set the guild id's role to 0 for a bot with nothing else).
     */
    public Guild createGuild(String name, long botPermissions) {
        return services.guilds().createGuild(name, botPermissions);
    }

    /**
     * Creates a guild with the bot in it, holding {@link GuildService#DEFAULT_BOT_PERMISSIONS}, whose id Discord's
     * rule {@code (guild_id >> 22) % shards} puts on {@code shard}: for tests of a sharded bot that need guilds on
     * given shards without waiting for the clock.
     *
     * @param shard  the shard, from 0
     * @param shards the bot's shard count
     */
    public Guild createGuildOnShard(String name, int shard, int shards) {
        return services.guilds().createGuild(name, GuildService.DEFAULT_BOT_PERMISSIONS, shard, shards);
    }

    /** Creates a guild the bot is not in. */
    public Guild createGuildWithoutBot(String name) {
        return services.guilds().createGuild(name, null);
    }

    /** Adds the bot to a guild (GUILD_CREATE). */
    public Member addBotToGuild(long guildId, long botPermissions) {
        return services.guilds().addBot(guildId, botPermissions);
    }

    /** Removes the bot from a guild as a kick would (it leaves voice first, then GUILD_DELETE). */
    public void removeBotFromGuild(long guildId) {
        if (state.voiceState(guildId, state.bot().id()).isPresent()) {
            services.voice().leaves(guildId, state.bot().id());
        }
        services.guilds().removeBot(guildId);
    }

    /** Creates a role (GUILD_ROLE_CREATE). */
    public Role createRole(long guildId, String name, long permissions) {
        return services.guilds().createRole(guildId, name, permissions);
    }

    /** Changes a role's permissions (GUILD_ROLE_UPDATE). */
    public Role setRolePermissions(long guildId, long roleId, long permissions) {
        return services.guilds().setRolePermissions(guildId, roleId, permissions);
    }

    /** The role the bot got when it joined the guild. */
    public Role botRole(long guildId) {
        return services.guilds().botRole(guildId);
    }

    /** Sets the permissions of the bot's role in a guild (GUILD_ROLE_UPDATE). */
    public Role setBotPermissions(long guildId, long permissions) {
        return setRolePermissions(guildId, botRole(guildId).id(), permissions);
    }

    /** Adds a simulated user as a member with the given roles (GUILD_MEMBER_ADD). */
    public Member addMember(long guildId, String userName, long... roleIds) {
        return services.guilds().addMember(guildId, userName, roleIds);
    }

    /** Creates a text channel. */
    public Channel createTextChannel(long guildId, String name) {
        return createChannel(guildId, name, ChannelType.TEXT, null);
    }

    /** Creates a text channel in a category. */
    public Channel createTextChannel(long guildId, String name, Long parentId) {
        return createChannel(guildId, name, ChannelType.TEXT, parentId);
    }

    /** Creates a voice channel. */
    public Channel createVoiceChannel(long guildId, String name) {
        return createChannel(guildId, name, ChannelType.VOICE, null);
    }

    /** Creates a voice channel in a category. */
    public Channel createVoiceChannel(long guildId, String name, Long parentId) {
        return createChannel(guildId, name, ChannelType.VOICE, parentId);
    }

    /** Creates a category. */
    public Channel createCategory(long guildId, String name) {
        return createChannel(guildId, name, ChannelType.CATEGORY, null);
    }

    /** Creates a channel of any supported type (CHANNEL_CREATE), as the guild owner would. */
    public Channel createChannel(long guildId, String name, ChannelType type, Long parentId) {
        ObjectNode body = Json.object().put("name", name).put("type", type.id());
        if (parentId != null) {
            body.put("parent_id", Json.id(parentId));
        }
        return services.channels().create(guildId, body, false);
    }

    /** Sets a permission overwrite as a moderator would (CHANNEL_UPDATE); {@code type} 0 role, 1 member. */
    public Channel setOverwrite(long channelId, long targetId, int type, long allow, long deny) {
        ObjectNode body = Json.object().put("type", type).put("allow", Long.toString(allow))
                .put("deny", Long.toString(deny));
        return services.channels().putOverwrite(channelId, targetId, body, false);
    }

    // Acting as users

    /** A user posts a message (MESSAGE_CREATE). */
    public Message userSendsMessage(long channelId, long userId, String content) {
        return services.messages().userSends(channelId, userId, content);
    }

    /** Another bot (not the emulated bot) joins a guild as a member. */
    public Member addBotMember(long guildId, String userName, long... roleIds) {
        return services.guilds().addMember(guildId, userName, true, roleIds);
    }

    /** A user sends the bot a direct message (MESSAGE_CREATE without guild_id, DIRECT_MESSAGES intent). */
    public Message userSendsDirectMessage(long userId, String content) {
        return services.messages().userSendsDirect(userId, content);
    }

    /** Messages of the direct message channel between the bot and a user, oldest first (created on first use). */
    public List<Message> directMessages(long userId) {
        state.user(userId).orElseThrow(DiscordException::unknownUser);
        return state.messages(state.directChannel(userId));
    }

    /** The direct message channel between the bot and a user (created on first use), for {@link #messages}. */
    public long directMessageChannel(long userId) {
        return state.directChannel(userId);
    }

    /** A webhook named {@code name} (a new one each call) posts in a channel: the message carries webhook_id. */
    public Message webhookSendsMessage(long channelId, String name, String content) {
        return services.messages().webhookSends(channelId, state.addWebhook(name).id(), content);
    }

    /** A user runs a slash command (INTERACTION_CREATE); options by name, typed by the command's definition. */
    public Interaction userRunsSlashCommand(long guildId, long channelId, long userId, String command,
            Map<String, ?> options) {
        return services.interactions().userRunsSlashCommand(guildId, channelId, userId, command, options);
    }

    /**
     * A user joins a voice channel by themselves (VOICE_STATE_UPDATE). Like Discord's client, this needs View
     * Channel and Connect in the channel: without them it throws {@link VoiceAccessDeniedException} and nothing
     * is dispatched. To put a member where it may not go by itself, use {@link #moderatorMovesMember}.
     */
    public VoiceState userJoinsVoice(long guildId, long userId, long channelId) {
        return services.voice().userJoins(guildId, userId, channelId);
    }

    /**
     * A moderator ({@code moderatorId}, a member with Move Members, View Channel and Connect in the target)
     * moves a member who is in voice into {@code channelId}, which the member may not be able to join by itself
     * (VOICE_STATE_UPDATE). Throws {@link VoiceAccessDeniedException} if the moderator lacks a permission, and
     * {@link IllegalStateException} if the member is not in voice (Discord can only move connected members).
     */
    public VoiceState moderatorMovesMember(long guildId, long moderatorId, long userId, long channelId) {
        return services.voice().moderatorMoves(guildId, moderatorId, userId, channelId);
    }

    /**
     * A user moves to another voice channel by themselves (VOICE_STATE_UPDATE); the same permissions as
     * {@link #userJoinsVoice} apply.
     */
    public VoiceState userMovesVoice(long guildId, long userId, long channelId) {
        if (state.voiceState(guildId, userId).isEmpty()) {
            throw new IllegalStateException("User '" + userId + "' is not in voice in guild '" + guildId + "'");
        }
        return services.voice().userJoins(guildId, userId, channelId);
    }

    /** A user leaves voice (VOICE_STATE_UPDATE with channel_id null). */
    public void userLeavesVoice(long guildId, long userId) {
        services.voice().leaves(guildId, userId);
    }

    /** A user's client disconnects: it leaves voice if connected, otherwise nothing happens. */
    public void userDisconnects(long guildId, long userId) {
        if (state.voiceState(guildId, userId).isPresent()) {
            services.voice().leaves(guildId, userId);
        }
    }

    // Moderator actions and faults

    /** A moderator deletes a channel (CHANNEL_DELETE; users in it leave voice first). */
    public void moderatorDeletesChannel(long channelId) {
        services.channels().delete(channelId, false);
    }

    /** A moderator renames a channel (CHANNEL_UPDATE). */
    public Channel moderatorEditsChannel(long channelId, String newName) {
        return moderatorEditsChannel(channelId, Map.of("name", newName));
    }

    /** A moderator edits a channel with the fields of a {@code PATCH channels/{id}} body (CHANNEL_UPDATE). */
    public Channel moderatorEditsChannel(long channelId, Map<String, ?> changes) {
        return services.channels().modify(channelId, Json.MAPPER.valueToTree(changes), false);
    }

    /** A moderator disconnects the bot from voice (VOICE_STATE_UPDATE for the bot with channel_id null). */
    public void disconnectBotFromVoice(long guildId) {
        services.voice().leaves(guildId, state.bot().id());
    }

    /** Drops every gateway connection: resumable (close 4000) or not (close 4009, session invalidated). */
    public void dropGateway(boolean resumable) {
        gateway.drop(resumable);
    }

    /**
     * Switches the application's privileged intents (Server Members, Presence, Message Content) on or off,
     * as the developer portal does: an IDENTIFY asking for one that is off is closed with 4014 Disallowed
     * intent(s). All are on by default.
     *
     * @param allowed a mask of the privileged intent bits that are on ({@code Intents.PRIVILEGED} for all)
     */
    public void allowPrivilegedIntents(int allowed) {
        gateway.allowPrivilegedIntents(allowed);
    }

    /**
     * Holds every IDENTIFY until {@link #releaseIdentify()}: a client that has to start a new session
     * (after a drop without resume) stays connected but gets no READY, like a gateway slow to start sessions.
     */
    public void holdIdentify() {
        gateway.holdIdentify();
    }

    /** Answers the IDENTIFYs held since {@link #holdIdentify()}, in order, and stops holding. */
    public void releaseIdentify() {
        gateway.releaseIdentify();
    }

    /**
     * Replaces the identify limit ({@code max_concurrency}, the window per bucket, the session starts per
     * period) and enforces it; the session starts left begin again at the new total.
     *
     * @param limit the limit to enforce from now on
     */
    public void setIdentifyLimit(IdentifyLimit limit) {
        gateway.identifyLimiter().limit(limit);
    }

    /** The identify limit. */
    public IdentifyLimit identifyLimit() {
        return gateway.identifyLimiter().limit();
    }

    /**
     * Switches the identify limit on or off (off: every IDENTIFY is accepted). An emulator enforces it unless its
     * rate limits are off and no limit was set; {@link #setIdentifyLimit} switches it on.
     *
     * @param enforced whether IDENTIFYs over the limit are refused
     */
    public void enforceIdentifyLimit(boolean enforced) {
        gateway.identifyLimiter().enforce(enforced);
    }

    /** Whether IDENTIFYs over the identify limit are refused. */
    public boolean identifyLimitEnforced() {
        return gateway.identifyLimiter().enforced();
    }

    /** The session start limit as {@code GET gateway/bot} reports it now (total, remaining, reset, buckets). */
    public IdentifyLimiter.SessionStartLimit sessionStartLimit() {
        return gateway.identifyLimiter().sessionStartLimit();
    }

    /** Every IDENTIFY the gateway judged (valid token, intents and shard), oldest first, with its outcome. */
    public List<IdentifyLogEntry> identifies() {
        return gateway.identifyLimiter().log();
    }

    /** The bot's current token (a new one after the session start limit was exceeded). */
    public String botToken() {
        return state.botToken();
    }

    /** Sends op 7 RECONNECT to every connected session. */
    public void requestGatewayReconnect() {
        gateway.requestReconnect();
    }

    /** Sends op 9 INVALID_SESSION to every connected session. */
    public void invalidateGatewaySessions(boolean resumable) {
        gateway.invalidateSessions(resumable);
    }

    /** Makes the voice server refuse (true) or accept (false) connections. */
    public void setVoiceUnreachable(boolean unreachable) {
        requireVoice().setUnreachable(unreachable);
    }

    /** REST fault injection. */
    public Faults faults() {
        return faults;
    }

    // Inspection

    /** The bot user. */
    public User bot() {
        return state.bot();
    }

    /** A user by id. */
    public Optional<User> user(long userId) {
        return state.user(userId);
    }

    /** Every guild. */
    public List<Guild> guilds() {
        return state.guilds();
    }

    /** A guild. */
    public Optional<Guild> guild(long guildId) {
        return state.guild(guildId);
    }

    /** Roles of a guild. */
    public List<Role> roles(long guildId) {
        return state.roles(guildId);
    }

    /** Members of a guild. */
    public List<Member> members(long guildId) {
        return state.members(guildId);
    }

    /** Channels of a guild with their overwrites. */
    public List<Channel> channels(long guildId) {
        return state.channels(guildId);
    }

    /** A channel. */
    public Optional<Channel> channel(long channelId) {
        return state.channel(channelId);
    }

    /** Effective permissions of a member in a channel, computed as Discord does. */
    public long effectivePermissions(long channelId, long memberId) {
        Channel channel = state.channel(channelId).orElseThrow(DiscordException::unknownChannel);
        return services.access().effective(memberId, channel);
    }

    /** Effective permissions in a channel of every member of its guild, by user id. */
    public Map<Long, Long> effectivePermissions(long channelId) {
        Channel channel = state.channel(channelId).orElseThrow(DiscordException::unknownChannel);
        Map<Long, Long> result = new LinkedHashMap<>();
        state.members(channel.guildId()).forEach(m -> result.put(m.userId(), services.access().effective(m.userId(),
                channel)));
        return result;
    }

    /** A user's voice state in a guild. */
    public Optional<VoiceState> voiceState(long guildId, long userId) {
        return state.voiceState(guildId, userId);
    }

    /** Every voice state of a guild. */
    public List<VoiceState> voiceStates(long guildId) {
        return state.voiceStates(guildId);
    }

    /** The bot's voice connection in a guild as the voice server sees it. */
    public VoiceConnectionInfo botVoiceConnection(long guildId) {
        return requireVoice().connection(guildId);
    }

    /** Messages of a channel, oldest first, with edit history and deleted ones. */
    public List<Message> messages(long channelId) {
        return state.messages(channelId);
    }

    /** A message by id. */
    public Optional<Message> message(long messageId) {
        return state.message(messageId);
    }

    /** An interaction with everything the bot answered. */
    public Optional<Interaction> interaction(long interactionId) {
        return state.interaction(interactionId);
    }

    /** Every interaction. */
    public List<Interaction> interactions() {
        return state.interactions();
    }

    /** Commands the bot registered for a guild, or globally with {@code null}. */
    public List<ApplicationCommand> commands(Long guildId) {
        return state.commands(guildId);
    }

    /** Every REST request answered so far. */
    public List<RequestLogEntry> requestLog() {
        return requestLog.entries();
    }

    /** REST requests answered for one method and route template. */
    public List<RequestLogEntry> requestLog(String method, String route) {
        return requestLog.entries(method, route);
    }

    /** Every gateway dispatch sent so far (bounded), oldest first, with monotonic timestamps. */
    public List<DispatchLogEntry> gatewayDispatches() {
        return gateway.dispatchLog().entries();
    }

    /** Gateway dispatches of one event type, e.g. {@code MESSAGE_CREATE}. */
    public List<DispatchLogEntry> gatewayDispatches(String type) {
        return gateway.dispatchLog().entries(type);
    }

    /** Forgets the request log and the dispatch log (not the emulator's text log). */
    public void clearTrafficLogs() {
        requestLog.clear();
        gateway.dispatchLog().clear();
    }

    /**
     * Tells {@code listener} of every REST request answered from now on, on the thread that answered it, once
     * its response is ready. It must be quick and must not throw.
     */
    public void addRequestListener(Consumer<RequestLogEntry> listener) {
        requestLog.addListener(listener);
    }

    /** Stops a listener added with {@link #addRequestListener(Consumer)}. */
    public void removeRequestListener(Consumer<RequestLogEntry> listener) {
        requestLog.removeListener(listener);
    }

    /**
     * Tells {@code listener} of every gateway dispatch from now on, on the thread that dispatched it. It must be
     * quick and must not throw.
     */
    public void addDispatchListener(Consumer<DispatchLogEntry> listener) {
        gateway.dispatchLog().addListener(listener);
    }

    /** Stops a listener added with {@link #addDispatchListener(Consumer)}. */
    public void removeDispatchListener(Consumer<DispatchLogEntry> listener) {
        gateway.dispatchLog().removeListener(listener);
    }

    /** Ids of gateway sessions that receive events. */
    public List<String> gatewaySessions() {
        return gateway.sessionIds();
    }

    /** Number of open gateway websocket connections. */
    public int openGatewayConnections() {
        return gateway.openConnections();
    }

    private VoiceServer requireVoice() {
        if (voiceServer == null) {
            throw new IllegalStateException("This emulator runs without a voice server");
        }
        return voiceServer;
    }
}
