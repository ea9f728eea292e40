package dev.voicesession.emulator.core;

import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Overwrite;
import java.util.Collection;

/** Permission checks for requests the bot makes, with the error codes Discord answers. */
public final class Access {
    private final EmulatorState state;

    /** Creates the checks over the given state. */
    public Access(EmulatorState state) {
        this.state = state;
    }

    /** The guild, if it exists and the bot is in it: 404 10004 otherwise, 403 50001 if the bot is not in it. */
    public Guild botGuild(long guildId) {
        Guild guild = state.guild(guildId).orElseThrow(DiscordException::unknownGuild);
        if (state.member(guildId, state.bot().id()).isEmpty()) {
            throw DiscordException.missingAccess();
        }
        return guild;
    }

    /** The channel, if it exists and the bot can see it: 404 10003, else 403 50001. */
    public Channel visibleChannel(long channelId) {
        Channel channel = state.channel(channelId).orElseThrow(DiscordException::unknownChannel);
        if (state.member(channel.guildId(), state.bot().id()).isEmpty()) {
            throw DiscordException.unknownChannel();
        }
        if (!Permissions.has(botIn(channel), Permissions.VIEW_CHANNEL)) {
            throw DiscordException.missingAccess();
        }
        return channel;
    }

    /** Effective permissions of any member in a channel; 0 if not a member. */
    public long effective(long userId, Channel channel) {
        Guild guild = state.guild(channel.guildId()).orElseThrow(DiscordException::unknownGuild);
        Member member = state.member(guild.id(), userId).orElse(null);
        if (member == null) {
            return 0L;
        }
        return Permissions.effective(guild.id(), guild.ownerId(), state.roleMap(guild.id()), member, channel);
    }

    /** Guild-level permissions of any member; 0 if not a member. */
    public long base(long guildId, long userId) {
        Guild guild = state.guild(guildId).orElseThrow(DiscordException::unknownGuild);
        return state.member(guildId, userId)
                .map(m -> Permissions.base(guildId, guild.ownerId(), state.roleMap(guildId), m))
                .orElse(0L);
    }

    /** The bot's effective permissions in a channel. */
    public long botIn(Channel channel) {
        return effective(state.bot().id(), channel);
    }

    /** The bot's guild-level permissions. */
    public long botBase(long guildId) {
        return base(guildId, state.bot().id());
    }

    /** Requires guild-level permissions of the bot: 403 50013 otherwise. */
    public void requireGuild(long guildId, long permissions) {
        if (!Permissions.has(botBase(guildId), permissions)) {
            throw DiscordException.missingPermissions();
        }
    }

    /** Requires channel permissions of the bot: 403 50013 otherwise. */
    public void requireChannel(Channel channel, long permissions) {
        if (!Permissions.has(botIn(channel), permissions)) {
            throw DiscordException.missingPermissions();
        }
    }

    /**
     * Checks that the bot may write the given overwrites on channel creation: it can only allow or deny
     * permissions it holds in the guild, and only an administrator may put MANAGE_ROLES in an overwrite.
     */
    public void requireGrantableOnCreate(long guildId, Collection<Overwrite> overwrites) {
        long held = botBase(guildId);
        boolean admin = held == Permissions.ALL;
        for (Overwrite overwrite : overwrites) {
            long bits = overwrite.allow() | overwrite.deny();
            if (!admin && ((bits & Permissions.MANAGE_ROLES) != 0 || !Permissions.has(held, bits))) {
                throw DiscordException.missingPermissions();
            }
        }
    }

    /**
     * Checks that the bot may write overwrites on an existing channel: only permissions it has in the guild
     * or the parent category, unless it has an explicit MANAGE_ROLES overwrite in the channel.
     */
    public void requireGrantableOnEdit(Channel channel, Collection<Overwrite> changed) {
        long botId = state.bot().id();
        long held = botBase(channel.guildId());
        if (held == Permissions.ALL || hasManageRolesOverwrite(channel, botId)) {
            return;
        }
        if (channel.parentId() != null) {
            held |= state.channel(channel.parentId()).map(this::botIn).orElse(0L);
        }
        for (Overwrite overwrite : changed) {
            if (!Permissions.has(held, overwrite.allow() | overwrite.deny())) {
                throw DiscordException.missingPermissions();
            }
        }
    }

    private boolean hasManageRolesOverwrite(Channel channel, long botId) {
        Member bot = state.member(channel.guildId(), botId).orElse(null);
        if (bot == null) {
            return false;
        }
        return channel.overwrites().stream()
                .filter(o -> o.id() == botId || bot.roleIds().contains(o.id()))
                .anyMatch(o -> (o.allow() & Permissions.MANAGE_ROLES) != 0);
    }
}
