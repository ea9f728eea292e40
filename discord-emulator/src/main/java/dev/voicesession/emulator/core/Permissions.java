package dev.voicesession.emulator.core;

import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Overwrite;
import dev.voicesession.emulator.model.Role;
import java.util.Map;

/**
 * Permission bits and Discord's permission computation: base permissions from roles, then channel
 * overwrites for {@code @everyone}, roles and the member, then the implicit rules.
 */
public final class Permissions {
    /** Create instant invite. */
    public static final long CREATE_INSTANT_INVITE = 1L;
    /** Administrator: every permission, overwrites ignored. */
    public static final long ADMINISTRATOR = 1L << 3;
    /** Manage channels. */
    public static final long MANAGE_CHANNELS = 1L << 4;
    /** Add reactions. */
    public static final long ADD_REACTIONS = 1L << 6;
    /** View channel. */
    public static final long VIEW_CHANNEL = 1L << 10;
    /** Send messages. */
    public static final long SEND_MESSAGES = 1L << 11;
    /** Send TTS messages. */
    public static final long SEND_TTS_MESSAGES = 1L << 12;
    /** Manage messages. */
    public static final long MANAGE_MESSAGES = 1L << 13;
    /** Embed links. */
    public static final long EMBED_LINKS = 1L << 14;
    /** Attach files. */
    public static final long ATTACH_FILES = 1L << 15;
    /** Read message history. */
    public static final long READ_MESSAGE_HISTORY = 1L << 16;
    /** Mention everyone. */
    public static final long MENTION_EVERYONE = 1L << 17;
    /** Connect to voice. */
    public static final long CONNECT = 1L << 20;
    /** Speak in voice. */
    public static final long SPEAK = 1L << 21;
    /** Move members between voice channels. */
    public static final long MOVE_MEMBERS = 1L << 24;
    /** Use voice activity detection. */
    public static final long USE_VAD = 1L << 25;
    /** Manage roles (and channel overwrites). */
    public static final long MANAGE_ROLES = 1L << 28;
    /**
     * Every permission bit Discord documents (topics/permissions, "Bitwise Permission Flags"): bits 0 to 46 and
     * 48 to 52. Bit 47 is not documented, and nothing at or above bit 53 is, so serialized permissions are always
     * the decimal string of a non-negative number (a client library's placeholder for unknown bits, such as
     * JDA's {@code Permission.UNKNOWN} at bit 63, never leaks in).
     */
    public static final long ALL = ((1L << 47) - 1) | (((1L << 53) - 1) & ~((1L << 48) - 1));
    /** Discord's default {@code @everyone} permissions for a new guild. */
    public static final long DEFAULT_EVERYONE = CREATE_INSTANT_INVITE | ADD_REACTIONS | VIEW_CHANNEL | SEND_MESSAGES
            | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY | CONNECT | SPEAK | USE_VAD;

    private Permissions() {}

    /** Guild-level permissions of a member: owner and administrator get everything. */
    public static long base(long guildId, long ownerId, Map<Long, Role> roles, Member member) {
        if (member.userId() == ownerId) {
            return ALL;
        }
        Role everyone = roles.get(guildId);
        long permissions = everyone == null ? 0 : everyone.permissions();
        for (long roleId : member.roleIds()) {
            Role role = roles.get(roleId);
            if (role != null) {
                permissions |= role.permissions();
            }
        }
        return (permissions & ADMINISTRATOR) != 0 ? ALL : permissions;
    }

    /** Effective permissions of a member in a channel, as Discord computes them. */
    public static long effective(long guildId, long ownerId, Map<Long, Role> roles, Member member, Channel channel) {
        long base = base(guildId, ownerId, roles, member);
        if (base == ALL) {
            return ALL;
        }
        long permissions = applyOverwrites(base, guildId, member, channel);
        return applyImplicit(permissions, channel);
    }

    /** Applies a channel's overwrites to base permissions, in Discord's documented order. */
    public static long applyOverwrites(long base, long guildId, Member member, Channel channel) {
        long permissions = base;
        Overwrite everyone = channel.overwrite(guildId).orElse(null);
        if (everyone != null) {
            permissions &= ~everyone.deny();
            permissions |= everyone.allow();
        }
        long allow = 0;
        long deny = 0;
        for (long roleId : member.roleIds()) {
            Overwrite role = channel.overwrite(roleId).orElse(null);
            if (role != null && role.type() == Overwrite.ROLE) {
                allow |= role.allow();
                deny |= role.deny();
            }
        }
        permissions &= ~deny;
        permissions |= allow;
        Overwrite own = channel.overwrite(member.userId()).orElse(null);
        if (own != null && own.type() == Overwrite.MEMBER) {
            permissions &= ~own.deny();
            permissions |= own.allow();
        }
        return permissions;
    }

    /**
     * Discord's implicit rule: without VIEW_CHANNEL, or without CONNECT in a voice channel, a member has no
     * access to the channel at all (discord-api-docs issue 1522), so no permission in it.
     */
    private static long applyImplicit(long permissions, Channel channel) {
        boolean view = (permissions & VIEW_CHANNEL) != 0;
        boolean connect = !channel.type().isAudio() || (permissions & CONNECT) != 0;
        return view && connect ? permissions : 0;
    }

    /**
     * Permission bits as Discord serializes them: the decimal string of the documented bits among {@code bits}.
     */
    public static String serialize(long bits) {
        return Long.toString(bits & ALL);
    }

    /** Whether every bit of {@code required} is set in {@code held}. */
    public static boolean has(long held, long required) {
        return (held & required) == required;
    }
}
