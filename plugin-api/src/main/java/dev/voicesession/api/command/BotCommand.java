package dev.voicesession.api.command;

import org.pf4j.ExtensionPoint;

/**
 * A command a plugin contributes, run both as a prefix command ({@code !voice}) and as a slash
 * command ({@code /voice}).
 *
 * <p>The host's command layer does everything around {@link #execute(CommandEvent)}: it parses the
 * prefix, name or alias and child command, refuses commands from bots and webhooks, enforces
 * guild-only and owner-only, checks the user's and the bot's permissions and the per-user cooldown,
 * and replies with what is missing. {@code execute} only does the command's own work.
 *
 * <p>{@code execute} is called on a thread that may block, never on a JDA event thread.
 */
public interface BotCommand extends ExtensionPoint {

    /**
     * Describes the command: name, aliases, help, arguments, checks and children.
     *
     * @return the command's description; the same value on every call
     */
    CommandSpec spec();

    /**
     * Runs the command once every check has passed.
     *
     * @param event the invocation, with its arguments and a way to reply
     */
    void execute(CommandEvent event);
}
