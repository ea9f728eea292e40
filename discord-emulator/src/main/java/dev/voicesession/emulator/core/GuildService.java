package dev.voicesession.emulator.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.json.EntityJson;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Role;
import dev.voicesession.emulator.model.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Guilds, roles and members: seeding from the control API and the gateway events that follow. */
public final class GuildService {
    /** What a bot gets when added without explicit permissions: enough for voice sessions. */
    public static final long DEFAULT_BOT_PERMISSIONS = Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES
            | Permissions.EMBED_LINKS | Permissions.ATTACH_FILES | Permissions.READ_MESSAGE_HISTORY
            | Permissions.MANAGE_CHANNELS | Permissions.MANAGE_ROLES | Permissions.MANAGE_MESSAGES
            | Permissions.CONNECT | Permissions.SPEAK | Permissions.USE_VAD | Permissions.MOVE_MEMBERS;

    private final EmulatorState state;
    private final EntityJson json;
    private final EventSink events;

    /** Creates the service. */
    public GuildService(EmulatorState state, EntityJson json, EventSink events) {
        this.state = state;
        this.json = json;
        this.events = events;
    }

    /** Creates a guild owned by a new simulated user, with the bot added if {@code botPermissions} is set. */
    public Guild createGuild(String name, Long botPermissions) {
        return createGuild(name, botPermissions, 0, 1);
    }

    /**
     * Creates a guild as {@link #createGuild(String, Long)} does, with an id that Discord's sharding rule
     * puts on {@code shard} of {@code shards}.
     */
    public Guild createGuild(String name, Long botPermissions, int shard, int shards) {
        synchronized (state) {
            User owner = state.addUser(name + "-owner", false);
            long id = shards == 1 ? state.ids().next() : state.ids().nextOnShard(shard, shards);
            Guild guild = new Guild(id, name, owner.id());
            GuildData data = state.newGuild(guild);
            data.roles.put(guild.id(), new Role(guild.id(), guild.id(), "@everyone", Permissions.DEFAULT_EVERYONE, 0,
                    0, false, false));
            data.members.put(owner.id(), new Member(guild.id(), owner.id(), List.of(), null, Instant.now()));
            if (botPermissions != null) {
                addBot(guild.id(), botPermissions);
            }
            return guild;
        }
    }

    /** Adds the bot to a guild with a role holding the given permissions; dispatches GUILD_CREATE. */
    public Member addBot(long guildId, long permissions) {
        synchronized (state) {
            GuildData data = data(guildId);
            long botId = state.bot().id();
            if (data.members.containsKey(botId)) {
                throw new IllegalStateException("The bot is already in guild '" + guildId + "'");
            }
            Role role = new Role(state.ids().next(), guildId, state.bot().username(), permissions,
                    data.roles.size(), 0, false, false);
            data.roles.put(role.id(), role);
            Member member = new Member(guildId, botId, List.of(role.id()), null, Instant.now());
            data.members.put(botId, member);
            events.dispatch(GatewayEvent.of("GUILD_CREATE", guildId, Intents.GUILDS, json.guildCreate(data.guild)));
            return member;
        }
    }

    /** Removes the bot from a guild, as a kick would; dispatches GUILD_DELETE without {@code unavailable}. */
    public void removeBot(long guildId) {
        synchronized (state) {
            GuildData data = data(guildId);
            long botId = state.bot().id();
            if (data.members.remove(botId) == null) {
                throw new IllegalStateException("The bot is not in guild '" + guildId + "'");
            }
            data.voiceStates.remove(botId);
            ObjectNode payload = Json.object().put("id", Json.id(guildId));
            events.dispatch(GatewayEvent.of("GUILD_DELETE", guildId, Intents.GUILDS, payload));
        }
    }

    /** Creates a role; dispatches GUILD_ROLE_CREATE. */
    public Role createRole(long guildId, String name, long permissions) {
        synchronized (state) {
            GuildData data = data(guildId);
            Role role = new Role(state.ids().next(), guildId, name, permissions, data.roles.size(), 0, false, true);
            data.roles.put(role.id(), role);
            ObjectNode payload = Json.object().put("guild_id", Json.id(guildId));
            payload.set("role", json.role(role));
            events.dispatch(GatewayEvent.of("GUILD_ROLE_CREATE", guildId, Intents.GUILDS, payload));
            return role;
        }
    }

    /** Changes a role's permissions; dispatches GUILD_ROLE_UPDATE. */
    public Role setRolePermissions(long guildId, long roleId, long permissions) {
        synchronized (state) {
            GuildData data = data(guildId);
            Role role = data.roles.get(roleId);
            if (role == null) {
                throw DiscordException.unknownRole();
            }
            Role updated = role.withPermissions(permissions);
            data.roles.put(roleId, updated);
            ObjectNode payload = Json.object().put("guild_id", Json.id(guildId));
            payload.set("role", json.role(updated));
            events.dispatch(GatewayEvent.of("GUILD_ROLE_UPDATE", guildId, Intents.GUILDS, payload));
            return updated;
        }
    }

    /** The role the bot got when it was added to a guild. */
    public Role botRole(long guildId) {
        synchronized (state) {
            Member bot = state.member(guildId, state.bot().id())
                    .orElseThrow(() -> new IllegalStateException("The bot is not in guild '" + guildId + "'"));
            return data(guildId).roles.get(bot.roleIds().getFirst());
        }
    }

    /** Adds a simulated user (new, or existing by name) as a member; dispatches GUILD_MEMBER_ADD. */
    public Member addMember(long guildId, String username, long... roleIds) {
        return addMember(guildId, username, false, roleIds);
    }

    /** Adds a simulated user, a bot account if {@code bot} (new, or existing by name), as a member. */
    public Member addMember(long guildId, String username, boolean bot, long... roleIds) {
        synchronized (state) {
            GuildData data = data(guildId);
            User user = state.userByName(username).orElseGet(() -> state.addUser(username, bot));
            List<Long> roles = new ArrayList<>();
            for (long roleId : roleIds) {
                if (!data.roles.containsKey(roleId)) {
                    throw DiscordException.unknownRole();
                }
                roles.add(roleId);
            }
            Member member = new Member(guildId, user.id(), roles, null, Instant.now());
            data.members.put(user.id(), member);
            ObjectNode payload = json.member(member);
            payload.put("guild_id", Json.id(guildId));
            events.dispatch(GatewayEvent.of("GUILD_MEMBER_ADD", guildId, Intents.GUILD_MEMBERS, payload));
            return member;
        }
    }

    /** Replaces a member's roles; dispatches GUILD_MEMBER_UPDATE. */
    public Member setMemberRoles(long guildId, long userId, long... roleIds) {
        synchronized (state) {
            GuildData data = data(guildId);
            Member member = data.members.get(userId);
            if (member == null) {
                throw DiscordException.unknownMember();
            }
            Member updated = member.withRoles(Arrays.stream(roleIds).boxed().toList());
            data.members.put(userId, updated);
            dispatchMemberUpdate(updated);
            return updated;
        }
    }

    /** Changes a member's nickname; dispatches GUILD_MEMBER_UPDATE. */
    public Member setNickname(long guildId, long userId, String nick) {
        synchronized (state) {
            GuildData data = data(guildId);
            Member member = data.members.get(userId);
            if (member == null) {
                throw DiscordException.unknownMember();
            }
            Member updated = member.withNick(nick);
            data.members.put(userId, updated);
            dispatchMemberUpdate(updated);
            return updated;
        }
    }

    private void dispatchMemberUpdate(Member member) {
        ObjectNode payload = json.member(member);
        payload.put("guild_id", Json.id(member.guildId()));
        events.dispatch(GatewayEvent.of("GUILD_MEMBER_UPDATE", member.guildId(), Intents.GUILD_MEMBERS, payload));
    }

    private GuildData data(long guildId) {
        return state.guildData(guildId).orElseThrow(DiscordException::unknownGuild);
    }
}
