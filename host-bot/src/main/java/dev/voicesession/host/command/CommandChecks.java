package dev.voicesession.host.command;

import dev.voicesession.api.command.CommandSpec;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.dv8tion.jda.api.Permission;

/**
 * The checks run before a command, in Chewtils' order: guild-only, owner-only, the user's
 * permissions, the bot's permissions, then the per-user cooldown. The first that fails gives the
 * reply, which says what is missing. As in Chewtils, the bot's owners skip cooldowns; permissions are
 * checked only in guilds (a direct message has none).
 */
public final class CommandChecks {

    private final CooldownTracker cooldowns;

    /**
     * Creates the checks.
     *
     * @param cooldowns the cooldown state
     */
    public CommandChecks(CooldownTracker cooldowns) {
        this.cooldowns = cooldowns;
    }

    /**
     * Checks whether the command may run; starts its cooldown if it may.
     *
     * @param command the command
     * @param invocation how it was written, for example {@code !voice}
     * @param context facts about the invocation
     * @return empty if it may run, otherwise the refusal to reply with
     */
    public Optional<String> check(RegisteredCommand command, String invocation, CheckContext context) {
        CommandSpec spec = command.spec();
        if (spec.guildOnly() && !context.inGuild()) {
            return Optional.of(invocation + " only works in a server, not in direct messages.");
        }
        if (spec.ownerOnly() && !context.owner()) {
            return Optional.of(invocation + " can only be used by the bot's owners.");
        }
        if (context.inGuild()) {
            Set<Permission> userMissing = context.missingUserPermissions().apply(spec.userPermissions());
            if (!userMissing.isEmpty()) {
                return Optional.of("You need the " + describe(userMissing) + " in this channel to use " + invocation
                        + ".");
            }
            Set<Permission> botMissing = context.missingBotPermissions().apply(spec.botPermissions());
            if (!botMissing.isEmpty()) {
                return Optional.of("I need the " + describe(botMissing) + " in this channel to run " + invocation
                        + "; ask a server admin to grant it.");
            }
        }
        if (!context.owner()) {
            Optional<Duration> wait = cooldowns.tryStart(command.path(), context.userId(), spec.cooldown());
            if (wait.isPresent()) {
                return Optional.of(invocation + " is on cooldown for you; try again in " + seconds(wait.get()) + ".");
            }
        }
        return Optional.empty();
    }

    /**
     * Takes back the cooldown {@link #check} started, for a run the command refused at once ({@link
     * dev.voicesession.api.command.CommandResult#REFUSED}).
     *
     * @param command the command
     * @param context facts about the invocation
     */
    public void uncount(RegisteredCommand command, CheckContext context) {
        if (!context.owner() && !command.spec().cooldown().isZero()) {
            cooldowns.cancel(command.path(), context.userId());
        }
    }

    /**
     * Names permissions for a reply, for example {@code Manage Channels and Move Members permissions}.
     *
     * @param permissions at least one permission
     * @return the names, sorted, with the word permission or permissions
     */
    static String describe(Set<Permission> permissions) {
        List<String> names = permissions.stream()
                .sorted(Comparator.comparing(Permission::getName))
                .map(Permission::getName)
                .toList();
        if (names.size() == 1) {
            return names.getFirst() + " permission";
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast() + " permissions";
    }

    private static String seconds(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }
}
