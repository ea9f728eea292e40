package dev.voicesession.emulator.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.core.EmulatorState;
import dev.voicesession.emulator.core.Permissions;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.ChannelType;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Overwrite;
import dev.voicesession.emulator.model.Role;
import dev.voicesession.emulator.model.User;
import dev.voicesession.emulator.model.VoiceState;

/**
 * Renders users, members, roles, channels, voice states and guilds in the full shape Discord sends, with
 * every key JDA 6's {@code EntityBuilder} reads (a missing key makes JDA drop the whole payload).
 */
public final class EntityJson {
    private final EmulatorState state;

    /** Creates a renderer over the given state. */
    public EntityJson(EmulatorState state) {
        this.state = state;
    }

    /** A user object. */
    public ObjectNode user(User user) {
        ObjectNode json = Json.object();
        json.put("id", Json.id(user.id()));
        json.put("username", user.username());
        json.put("global_name", user.globalName());
        json.put("discriminator", "0");
        json.putNull("avatar");
        json.put("bot", user.bot());
        json.put("system", false);
        json.putNull("banner");
        json.putNull("accent_color");
        json.put("flags", 0);
        json.put("public_flags", 0);
        json.put("premium_type", 0);
        json.putNull("avatar_decoration_data");
        json.putNull("collectibles");
        json.putNull("primary_guild");
        return json;
    }

    /** The current user object as {@code GET users/@me} and READY return it. */
    public ObjectNode selfUser() {
        ObjectNode json = user(state.bot());
        json.put("verified", true);
        json.put("mfa_enabled", false);
        json.putNull("email");
        json.put("locale", "en-US");
        return json;
    }

    /** A role object. */
    public ObjectNode role(Role role) {
        ObjectNode json = Json.object();
        json.put("id", Json.id(role.id()));
        json.put("name", role.name());
        json.put("color", role.color());
        ObjectNode colors = json.putObject("colors");
        colors.put("primary_color", role.color());
        colors.putNull("secondary_color");
        colors.putNull("tertiary_color");
        json.put("hoist", role.hoist());
        json.putNull("icon");
        json.putNull("unicode_emoji");
        json.put("position", role.position());
        json.put("permissions", Permissions.serialize(role.permissions()));
        json.put("managed", false);
        json.put("mentionable", role.mentionable());
        json.put("flags", 0);
        return json;
    }

    /** A guild member object with its user. */
    public ObjectNode member(Member member) {
        ObjectNode json = Json.object();
        json.set("user", user(state.user(member.userId()).orElseThrow()));
        json.put("nick", member.nick());
        json.putNull("avatar");
        json.putNull("banner");
        ArrayNode roles = json.putArray("roles");
        member.roleIds().forEach(id -> roles.add(Json.id(id)));
        json.put("joined_at", Json.time(member.joinedAt()));
        json.putNull("premium_since");
        json.put("deaf", false);
        json.put("mute", false);
        json.put("flags", 0);
        json.put("pending", false);
        json.putNull("communication_disabled_until");
        json.putNull("avatar_decoration_data");
        return json;
    }

    /** A permission overwrite object. */
    public ObjectNode overwrite(Overwrite overwrite) {
        ObjectNode json = Json.object();
        json.put("id", Json.id(overwrite.id()));
        json.put("type", overwrite.type());
        json.put("allow", Permissions.serialize(overwrite.allow()));
        json.put("deny", Permissions.serialize(overwrite.deny()));
        return json;
    }

    /** A guild channel object with the keys of its type. */
    public ObjectNode channel(Channel channel) {
        ObjectNode json = Json.object();
        json.put("id", Json.id(channel.id()));
        json.put("type", channel.type().id());
        json.put("guild_id", Json.id(channel.guildId()));
        json.put("name", channel.name());
        json.put("position", channel.position());
        ArrayNode overwrites = json.putArray("permission_overwrites");
        channel.overwrites().forEach(o -> overwrites.add(overwrite(o)));
        if (channel.parentId() == null) {
            json.putNull("parent_id");
        } else {
            json.put("parent_id", Json.id(channel.parentId()));
        }
        json.put("nsfw", channel.nsfw());
        json.put("flags", 0);
        if (channel.type() == ChannelType.CATEGORY) {
            return json;
        }
        if (channel.lastMessageId() == null) {
            json.putNull("last_message_id");
        } else {
            json.put("last_message_id", Json.id(channel.lastMessageId()));
        }
        json.put("rate_limit_per_user", channel.rateLimitPerUser());
        if (channel.type().isAudio()) {
            json.put("bitrate", channel.bitrate());
            json.put("user_limit", channel.userLimit());
            json.put("rtc_region", channel.rtcRegion());
            json.put("video_quality_mode", 1);
        } else {
            json.put("topic", channel.topic());
            json.put("default_auto_archive_duration", 60);
        }
        return json;
    }

    /** A voice state object; {@code withGuildAndMember} false gives the GUILD_CREATE form. */
    public ObjectNode voiceState(VoiceState voiceState, boolean withGuildAndMember) {
        ObjectNode json = voiceStateBase(voiceState.guildId(), voiceState.userId(), withGuildAndMember);
        json.put("channel_id", Json.id(voiceState.channelId()));
        json.put("session_id", voiceState.sessionId());
        json.put("deaf", voiceState.deaf());
        json.put("mute", voiceState.mute());
        json.put("self_deaf", voiceState.selfDeaf());
        json.put("self_mute", voiceState.selfMute());
        json.put("self_video", false);
        json.put("self_stream", false);
        json.put("suppress", false);
        json.putNull("request_to_speak_timestamp");
        return json;
    }

    /** The voice state Discord sends when a user leaves voice: {@code channel_id} null. */
    public ObjectNode leftVoiceState(long guildId, long userId, String sessionId) {
        ObjectNode json = voiceStateBase(guildId, userId, true);
        json.set("channel_id", NullNode.getInstance());
        json.put("session_id", sessionId);
        json.put("deaf", false);
        json.put("mute", false);
        json.put("self_deaf", false);
        json.put("self_mute", false);
        json.put("self_video", false);
        json.put("self_stream", false);
        json.put("suppress", false);
        json.putNull("request_to_speak_timestamp");
        return json;
    }

    private ObjectNode voiceStateBase(long guildId, long userId, boolean withGuildAndMember) {
        ObjectNode json = Json.object();
        if (withGuildAndMember) {
            json.put("guild_id", Json.id(guildId));
            state.member(guildId, userId).ifPresent(m -> json.set("member", member(m)));
        }
        json.put("user_id", Json.id(userId));
        return json;
    }

    /** The guild object as {@code GET guilds/{id}} returns it (no members or channels). */
    public ObjectNode guild(Guild guild) {
        ObjectNode json = Json.object();
        json.put("id", Json.id(guild.id()));
        json.put("name", guild.name());
        json.putNull("icon");
        json.putNull("description");
        json.putNull("splash");
        json.putNull("discovery_splash");
        json.putArray("features");
        json.putArray("emojis");
        json.putArray("stickers");
        json.putNull("banner");
        json.put("owner_id", Json.id(guild.ownerId()));
        json.putNull("application_id");
        json.putNull("region");
        json.putNull("afk_channel_id");
        json.put("afk_timeout", 300);
        json.putNull("system_channel_id");
        json.put("widget_enabled", false);
        json.putNull("widget_channel_id");
        json.put("verification_level", 0);
        ArrayNode roles = json.putArray("roles");
        state.roles(guild.id()).forEach(r -> roles.add(role(r)));
        json.put("default_message_notifications", 0);
        json.put("mfa_level", 0);
        json.put("explicit_content_filter", 0);
        json.put("max_presences", 25000);
        json.put("max_members", 250000);
        json.putNull("vanity_url_code");
        json.put("premium_tier", 0);
        json.put("premium_subscription_count", 0);
        json.put("system_channel_flags", 0);
        json.put("preferred_locale", "en-US");
        json.putNull("rules_channel_id");
        json.putNull("public_updates_channel_id");
        json.putNull("safety_alerts_channel_id");
        json.put("nsfw_level", 0);
        // Sent by Discord and required by its OpenAPI description, though not in the documentation's table.
        json.put("nsfw", false);
        json.putNull("home_header");
        json.put("max_video_channel_users", 25);
        json.put("max_stage_video_channel_users", 50);
        json.put("premium_progress_bar_enabled", false);
        json.putNull("incidents_data");
        return json;
    }

    /** The GUILD_CREATE payload: the guild with channels, members, voice states and the gateway-only keys. */
    public ObjectNode guildCreate(Guild guild) {
        ObjectNode json = guild(guild);
        long botId = state.bot().id();
        state.member(guild.id(), botId)
                .ifPresent(m -> json.put("joined_at", Json.time(m.joinedAt())));
        json.put("large", false);
        json.put("unavailable", false);
        var members = state.members(guild.id());
        json.put("member_count", members.size());
        ArrayNode voiceStates = json.putArray("voice_states");
        state.voiceStates(guild.id()).forEach(v -> voiceStates.add(voiceState(v, false)));
        ArrayNode memberArray = json.putArray("members");
        members.forEach(m -> memberArray.add(member(m)));
        ArrayNode channels = json.putArray("channels");
        state.channels(guild.id()).forEach(c -> channels.add(channel(c)));
        json.putArray("threads");
        json.putArray("presences");
        json.putArray("stage_instances");
        json.putArray("guild_scheduled_events");
        json.putArray("soundboard_sounds");
        return json;
    }

    /** An unavailable guild object, as READY lists guilds. */
    public ObjectNode unavailableGuild(long guildId) {
        ObjectNode json = Json.object();
        json.put("id", Json.id(guildId));
        json.put("unavailable", true);
        return json;
    }
}
