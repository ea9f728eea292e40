package dev.voicesession.host.command;

import java.util.Set;
import java.util.function.Function;
import net.dv8tion.jda.api.Permission;

/**
 * What the checks need to know about an invocation, taken from JDA by the listener so that the
 * checks themselves are plain logic.
 *
 * @param userId the invoking user
 * @param owner whether the user is one of the bot's owners
 * @param inGuild whether the command ran in a guild (not in a direct message)
 * @param missingUserPermissions returns which of the given permissions the member lacks in the
 *     channel
 * @param missingBotPermissions returns which of the given permissions the bot lacks in the channel
 */
public record CheckContext(
        long userId,
        boolean owner,
        boolean inGuild,
        Function<Set<Permission>, Set<Permission>> missingUserPermissions,
        Function<Set<Permission>, Set<Permission>> missingBotPermissions) {}
