package dev.voicesession.host.command;

import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandResult;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one parsed invocation: the checks, then either the refusal reply or the command itself. Called
 * on an executor thread, never on a JDA event thread.
 */
public final class CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);

    private final CommandChecks checks;

    /**
     * Creates the runner.
     *
     * @param checks the checks to run first
     */
    public CommandRunner(CommandChecks checks) {
        this.checks = checks;
    }

    /**
     * Checks and runs a command.
     *
     * @param command the command
     * @param event the invocation
     * @param context facts for the checks
     * @return {@code true} if the command ran (even if it then threw), {@code false} if it was refused
     */
    public boolean run(RegisteredCommand command, CommandEvent event, CheckContext context) {
        Optional<String> refusal = checks.check(command, event.invocation(), context);
        if (refusal.isPresent()) {
            log.debug("Command '{}' refused for user '{}': {}", command.path(), context.userId(), refusal.get());
            reply(event, refusal.get());
            return false;
        }
        log.debug("Command '{}' of plugin '{}' run by user '{}'", command.path(), command.owner(), context.userId());
        try {
            if (command.command().run(event) == CommandResult.REFUSED) {
                // A refusal the user may retry at once, such as a feature that is off in this guild.
                checks.uncount(command, context);
                log.debug("Command '{}' refused by plugin '{}' for user '{}'; cooldown not counted", command.path(),
                        command.owner(), context.userId());
            }
        } catch (RuntimeException | LinkageError e) {
            // task boundary around plugin code: report to the user and keep the bot running
            log.error("Command '{}' of plugin '{}' failed for user '{}' in channel '{}'", command.path(),
                    command.owner(), context.userId(), event.channel() == null ? 0 : event.channel().getIdLong(), e);
            reply(event, "Something went wrong while running " + event.invocation() + ".");
        }
        return true;
    }

    /** Replies; the host's events log a reply Discord refuses, with its context. */
    private static void reply(CommandEvent event, String text) {
        event.reply(text);
    }
}
