package dev.voicesession.emulator.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.json.EntityJson;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.ChannelType;
import dev.voicesession.emulator.model.Overwrite;
import java.util.ArrayList;
import java.util.List;

/**
 * Channel create, edit and delete and permission overwrites, for the bot (with Discord's permission checks)
 * and for a moderator (the control API, no checks).
 */
public final class ChannelService {
    private final EmulatorState state;
    private final EntityJson json;
    private final EventSink events;
    private final Access access;
    private final VoiceService voice;

    /** Creates the service. */
    public ChannelService(EmulatorState state, EntityJson json, EventSink events, Access access, VoiceService voice) {
        this.state = state;
        this.json = json;
        this.events = events;
        this.access = access;
        this.voice = voice;
    }

    /** Creates a channel from a {@code POST guilds/{id}/channels} body; dispatches CHANNEL_CREATE. */
    public Channel create(long guildId, JsonNode body, boolean asBot) {
        synchronized (state) {
            if (asBot) {
                access.botGuild(guildId);
                access.requireGuild(guildId, Permissions.MANAGE_CHANNELS);
            } else {
                state.guild(guildId).orElseThrow(DiscordException::unknownGuild);
            }
            String name = ChannelRules.name(body, true);
            ChannelType type = ChannelRules.type(body);
            Long parentId = Json.optId(body, "parent_id");
            ChannelRules.checkGuildLimit(state, guildId);
            ChannelRules.checkParent(state, guildId, parentId, type, 0L);
            List<Overwrite> overwrites;
            JsonNode overwriteArray = body.get("permission_overwrites");
            if (overwriteArray != null && overwriteArray.isArray()) {
                overwrites = ChannelRules.overwrites(overwriteArray, state, guildId);
            } else if (parentId != null) {
                overwrites = state.channel(parentId).orElseThrow().overwrites();
            } else {
                overwrites = List.of();
            }
            if (asBot) {
                access.requireGrantableOnCreate(guildId, overwrites);
            }
            int bitrate = type.isAudio() ? ChannelRules.bitrate(body, ChannelRules.DEFAULT_BITRATE) : 0;
            int userLimit = type.isAudio() ? ChannelRules.userLimit(body, 0) : 0;
            int position = body.path("position").asInt(nextPosition(guildId, type));
            Channel channel = new Channel(state.ids().next(), guildId, type, name, position, parentId,
                    textOrNull(body, "topic"), body.path("nsfw").asBoolean(false), bitrate, userLimit,
                    textOrNull(body, "rtc_region"), body.path("rate_limit_per_user").asInt(0), null, overwrites);
            state.putChannel(channel);
            events.dispatch(GatewayEvent.of("CHANNEL_CREATE", guildId, Intents.GUILDS, json.channel(channel)));
            return channel;
        }
    }

    /** Applies a {@code PATCH channels/{id}} body; dispatches CHANNEL_UPDATE. */
    public Channel modify(long channelId, JsonNode body, boolean asBot) {
        synchronized (state) {
            Channel channel = asBot ? access.visibleChannel(channelId) : existing(channelId);
            if (asBot) {
                access.requireChannel(channel, Permissions.MANAGE_CHANNELS);
            }
            Channel updated = channel;
            String name = ChannelRules.name(body, false);
            if (name != null) {
                updated = updated.withName(name);
            }
            if (body.has("parent_id")) {
                Long parentId = Json.optId(body, "parent_id");
                ChannelRules.checkParent(state, channel.guildId(), parentId, channel.type(), channel.id());
                updated = updated.withParentId(parentId);
            }
            if (body.has("topic")) {
                updated = updated.withTopic(textOrNull(body, "topic"));
            }
            if (body.has("position") && !body.get("position").isNull()) {
                updated = updated.withPosition(body.get("position").asInt());
            }
            if (body.has("nsfw") || body.has("rate_limit_per_user")) {
                updated = updated.withNsfwAndSlowmode(body.path("nsfw").asBoolean(updated.nsfw()),
                        body.path("rate_limit_per_user").asInt(updated.rateLimitPerUser()));
            }
            if (channel.type().isAudio() && (body.has("bitrate") || body.has("user_limit") || body.has("rtc_region"))) {
                String region = body.has("rtc_region") ? textOrNull(body, "rtc_region") : updated.rtcRegion();
                updated = updated.withVoice(ChannelRules.bitrate(body, updated.bitrate()),
                        ChannelRules.userLimit(body, updated.userLimit()), region);
            }
            JsonNode overwriteArray = body.get("permission_overwrites");
            if (overwriteArray != null && overwriteArray.isArray()) {
                List<Overwrite> overwrites = ChannelRules.overwrites(overwriteArray, state, channel.guildId());
                if (asBot) {
                    List<Overwrite> changed = new ArrayList<>(overwrites);
                    changed.removeAll(channel.overwrites());
                    boolean removedAny = !overwrites.containsAll(channel.overwrites());
                    if (!changed.isEmpty() || removedAny) {
                        access.requireChannel(channel, Permissions.MANAGE_ROLES);
                        access.requireGrantableOnEdit(channel, changed);
                    }
                }
                updated = updated.withOverwrites(overwrites);
            }
            return replace(updated);
        }
    }

    /** Deletes a channel; dispatches VOICE_STATE_UPDATE for anyone in it, then CHANNEL_DELETE. */
    public Channel delete(long channelId, boolean asBot) {
        synchronized (state) {
            Channel channel = asBot ? access.visibleChannel(channelId) : existing(channelId);
            if (asBot) {
                access.requireChannel(channel, Permissions.MANAGE_CHANNELS);
            }
            if (channel.type().isAudio()) {
                voice.channelDeleted(channel);
            }
            state.removeChannel(channel);
            events.dispatch(GatewayEvent.of("CHANNEL_DELETE", channel.guildId(), Intents.GUILDS, json.channel(channel)));
            if (channel.type() == ChannelType.CATEGORY) {
                for (Channel child : state.channels(channel.guildId())) {
                    if (Long.valueOf(channel.id()).equals(child.parentId())) {
                        replace(child.withParentId(null));
                    }
                }
            }
            return channel;
        }
    }

    /** Creates or replaces one overwrite ({@code PUT channels/{id}/permissions/{target}}); CHANNEL_UPDATE. */
    public Channel putOverwrite(long channelId, long targetId, JsonNode body, boolean asBot) {
        synchronized (state) {
            Channel channel = asBot ? access.visibleChannel(channelId) : existing(channelId);
            int type = ChannelRules.parseOverwriteType(body.get("type"));
            ObjectNode target = Json.object().put("id", Json.id(targetId)).put("type", type);
            target.set("allow", body.get("allow"));
            target.set("deny", body.get("deny"));
            Overwrite overwrite = ChannelRules.overwrites(Json.array().add(target), state, channel.guildId()).getFirst();
            if (asBot) {
                access.requireChannel(channel, Permissions.MANAGE_ROLES);
                access.requireGrantableOnEdit(channel, List.of(overwrite));
            }
            List<Overwrite> overwrites = new ArrayList<>(channel.overwrites());
            int index = indexOf(overwrites, targetId);
            if (index >= 0) {
                overwrites.set(index, overwrite);
            } else {
                overwrites.add(overwrite);
            }
            return replace(channel.withOverwrites(overwrites));
        }
    }

    /** Removes one overwrite ({@code DELETE channels/{id}/permissions/{target}}); CHANNEL_UPDATE. */
    public Channel deleteOverwrite(long channelId, long targetId, boolean asBot) {
        synchronized (state) {
            Channel channel = asBot ? access.visibleChannel(channelId) : existing(channelId);
            if (asBot) {
                access.requireChannel(channel, Permissions.MANAGE_ROLES);
            }
            List<Overwrite> overwrites = new ArrayList<>(channel.overwrites());
            int index = indexOf(overwrites, targetId);
            if (index < 0) {
                return channel;
            }
            overwrites.remove(index);
            return replace(channel.withOverwrites(overwrites));
        }
    }

    /** Stores a changed channel and dispatches CHANNEL_UPDATE. */
    Channel replace(Channel updated) {
        state.putChannel(updated);
        events.dispatch(GatewayEvent.of("CHANNEL_UPDATE", updated.guildId(), Intents.GUILDS, json.channel(updated)));
        return updated;
    }

    private Channel existing(long channelId) {
        return state.channel(channelId).orElseThrow(DiscordException::unknownChannel);
    }

    private int nextPosition(long guildId, ChannelType type) {
        return (int) state.channels(guildId).stream().filter(c -> c.type() == type).count();
    }

    private static int indexOf(List<Overwrite> overwrites, long targetId) {
        for (int i = 0; i < overwrites.size(); i++) {
            if (overwrites.get(i).id() == targetId) {
                return i;
            }
        }
        return -1;
    }

    private static String textOrNull(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
