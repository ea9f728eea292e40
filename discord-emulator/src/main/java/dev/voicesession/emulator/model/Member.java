package dev.voicesession.emulator.model;

import java.time.Instant;
import java.util.List;

/**
 * A user's membership in one guild.
 *
 * @param guildId the guild
 * @param userId the user
 * @param roleIds ids of the roles assigned, without {@code @everyone}
 * @param nick guild nickname or {@code null}
 * @param joinedAt when the user joined
 */
public record Member(long guildId, long userId, List<Long> roleIds, String nick, Instant joinedAt) {

    /** Creates a member, copying the role list. */
    public Member {
        roleIds = List.copyOf(roleIds);
    }

    /** Returns this member with another role list. */
    public Member withRoles(List<Long> newRoleIds) {
        return new Member(guildId, userId, newRoleIds, nick, joinedAt);
    }

    /** Returns this member with another nickname. */
    public Member withNick(String newNick) {
        return new Member(guildId, userId, roleIds, newNick, joinedAt);
    }
}
