package dev.voicesession.emulator.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.json.EntityJson;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.VoiceState;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice states: users joining, moving and leaving (control API), the bot's op 4 requests (gateway), and
 * VOICE_SERVER_UPDATE with a token from the voice server.
 */
public final class VoiceService {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceService.class);

    private final EmulatorState state;
    private final EntityJson json;
    private final EventSink events;
    private final Access access;
    private final VoiceBackend backend;
    private final SecureRandom random = new SecureRandom();

    /** Creates the service. */
    public VoiceService(EmulatorState state, EntityJson json, EventSink events, Access access, VoiceBackend backend) {
        this.state = state;
        this.json = json;
        this.events = events;
        this.access = access;
        this.backend = backend;
    }

    /**
     * Handles op 4 from the bot: joins, moves or (with {@code channelId} null) leaves voice. Like Discord,
     * a request for a channel the bot cannot connect to is ignored.
     */
    public void botVoiceStateUpdate(String sessionId, long guildId, Long channelId, boolean selfMute, boolean selfDeaf) {
        long botId = state.bot().id();
        synchronized (state) {
            GuildData data = state.guildData(guildId).orElse(null);
            if (data == null || !data.members.containsKey(botId)) {
                LOG.debug("Ignoring op 4 for guild '{}' the bot is not in", guildId);
                return;
            }
            if (channelId == null) {
                leave(data, botId);
                return;
            }
            Channel channel = state.channel(channelId).filter(c -> c.guildId() == guildId).orElse(null);
            if (channel == null || !channel.type().isAudio()
                    || !Permissions.has(access.botIn(channel), Permissions.VIEW_CHANNEL | Permissions.CONNECT)) {
                LOG.debug("Ignoring op 4 for channel '{}': unknown, not voice, or no CONNECT", channelId);
                return;
            }
            VoiceState voiceState = new VoiceState(guildId, botId, channelId, sessionId, selfMute, selfDeaf, false, false);
            data.voiceStates.put(botId, voiceState);
            dispatchState(voiceState);
            String token = backend.authorize(guildId, botId, sessionId, channelId);
            ObjectNode server = Json.object();
            server.put("token", token);
            server.put("guild_id", Json.id(guildId));
            server.put("endpoint", backend.endpoint());
            events.dispatch(GatewayEvent.of("VOICE_SERVER_UPDATE", guildId, Intents.NONE, server));
        }
    }

    /**
     * A simulated user joins (or moves to) a voice channel by themselves; dispatches VOICE_STATE_UPDATE. As on
     * Discord, the user needs View Channel and Connect there: otherwise {@link VoiceAccessDeniedException}.
     */
    public VoiceState userJoins(long guildId, long userId, long channelId) {
        synchronized (state) {
            Channel channel = voiceChannel(guildId, userId, channelId);
            long held = access.effective(userId, channel);
            if (!Permissions.has(held, Permissions.VIEW_CHANNEL | Permissions.CONNECT)) {
                throw new VoiceAccessDeniedException("User '" + userId + "' cannot join voice channel '" + channelId
                        + "': it lacks " + missing(held, Permissions.VIEW_CHANNEL | Permissions.CONNECT)
                        + " there; only a member with Move Members can move it in (moderatorMovesMember)");
            }
            return place(guildId, userId, channel);
        }
    }

    /**
     * A moderator moves a member who is in voice into another voice channel (VOICE_STATE_UPDATE), as Discord's
     * client does with Move Members: the moderator needs Move Members and Connect in the target channel (and to
     * see it); the moved member needs neither.
     */
    public VoiceState moderatorMoves(long guildId, long moderatorId, long userId, long channelId) {
        synchronized (state) {
            Channel channel = voiceChannel(guildId, userId, channelId);
            if (state.member(guildId, moderatorId).isEmpty()) {
                throw DiscordException.unknownMember();
            }
            long held = access.effective(moderatorId, channel);
            long needed = Permissions.VIEW_CHANNEL | Permissions.CONNECT | Permissions.MOVE_MEMBERS;
            if (!Permissions.has(held, needed)) {
                throw new VoiceAccessDeniedException("Moderator '" + moderatorId + "' cannot move members into voice"
                        + " channel '" + channelId + "': it lacks " + missing(held, needed) + " there");
            }
            if (state.voiceState(guildId, userId).isEmpty()) {
                throw new IllegalStateException("User '" + userId + "' is not connected to voice in guild '"
                        + guildId + "': a moderator can only move a member who is in a voice channel");
            }
            return place(guildId, userId, channel);
        }
    }

    private Channel voiceChannel(long guildId, long userId, long channelId) {
        GuildData data = state.guildData(guildId).orElseThrow(DiscordException::unknownGuild);
        if (!data.members.containsKey(userId)) {
            throw DiscordException.unknownMember();
        }
        Channel channel = state.channel(channelId).filter(c -> c.guildId() == guildId)
                .orElseThrow(DiscordException::unknownChannel);
        if (!channel.type().isAudio()) {
            throw new IllegalArgumentException("Channel '" + channelId + "' is not a voice channel");
        }
        return channel;
    }

    private static String missing(long held, long needed) {
        StringBuilder names = new StringBuilder();
        for (long bit : new long[] {Permissions.VIEW_CHANNEL, Permissions.CONNECT, Permissions.MOVE_MEMBERS}) {
            if ((needed & bit) != 0 && (held & bit) == 0) {
                names.append(names.isEmpty() ? "" : " and ").append(bit == Permissions.VIEW_CHANNEL ? "View Channel"
                        : bit == Permissions.CONNECT ? "Connect" : "Move Members");
            }
        }
        return names.toString();
    }

    /** Puts a member in a voice channel, keeping its voice session id if it moves, and dispatches the state. */
    private VoiceState place(long guildId, long userId, Channel channel) {
        GuildData data = state.guildData(guildId).orElseThrow(DiscordException::unknownGuild);
        String sessionId = Optional.ofNullable(data.voiceStates.get(userId))
                .map(VoiceState::sessionId)
                .orElseGet(this::newSessionId);
        VoiceState voiceState = new VoiceState(guildId, userId, channel.id(), sessionId, false, false, false, false);
        data.voiceStates.put(userId, voiceState);
        dispatchState(voiceState);
        return voiceState;
    }

    /** A simulated user (or the bot, as a moderator would disconnect it) leaves voice. */
    public void leaves(long guildId, long userId) {
        synchronized (state) {
            GuildData data = state.guildData(guildId).orElseThrow(DiscordException::unknownGuild);
            if (!leave(data, userId)) {
                throw new IllegalStateException("User '" + userId + "' is not in voice in guild '" + guildId + "'");
            }
        }
    }

    /** The bot moves a member ({@code PATCH guilds/{g}/members/{u}} with {@code channel_id}). */
    public void botMovesMember(long guildId, long userId, Long channelId) {
        synchronized (state) {
            GuildData data = state.guildData(guildId).orElseThrow(DiscordException::unknownGuild);
            if (!data.voiceStates.containsKey(userId)) {
                throw new DiscordException(400, 40032, "Target user is not connected to voice.");
            }
            if (channelId == null) {
                access.requireGuild(guildId, Permissions.MOVE_MEMBERS);
                leave(data, userId);
                return;
            }
            Channel target = access.visibleChannel(channelId);
            access.requireChannel(target, Permissions.MOVE_MEMBERS | Permissions.CONNECT);
            place(guildId, userId, target);
        }
    }

    /** Everyone in a deleted channel leaves voice. */
    void channelDeleted(Channel channel) {
        GuildData data = state.guildData(channel.guildId()).orElseThrow();
        for (VoiceState voiceState : state.voiceStates(channel.guildId())) {
            if (voiceState.channelId() == channel.id()) {
                leave(data, voiceState.userId());
            }
        }
    }

    private boolean leave(GuildData data, long userId) {
        VoiceState removed = data.voiceStates.remove(userId);
        if (removed == null) {
            return false;
        }
        ObjectNode payload = json.leftVoiceState(removed.guildId(), userId, removed.sessionId());
        events.dispatch(GatewayEvent.of("VOICE_STATE_UPDATE", removed.guildId(), Intents.GUILD_VOICE_STATES, payload));
        if (userId == state.bot().id()) {
            backend.revoke(removed.guildId(), userId);
        }
        return true;
    }

    private void dispatchState(VoiceState voiceState) {
        events.dispatch(GatewayEvent.of("VOICE_STATE_UPDATE", voiceState.guildId(), Intents.GUILD_VOICE_STATES,
                json.voiceState(voiceState, true)));
    }

    private String newSessionId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
