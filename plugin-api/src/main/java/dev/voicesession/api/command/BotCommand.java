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
 * <p>{@code execute} (through {@link #run(CommandEvent)}) is called on a thread that may block, never on a
 * JDA event thread.
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

    /**
     * Runs the command once every check has passed and tells the host what came of it. The host calls this
     * method; the default runs {@link #execute(CommandEvent)} and returns {@link CommandResult#DONE}. A command
     * that can refuse at once overrides it (and lets {@code execute} call it), returning {@link
     * CommandResult#REFUSED} so that the refusal does not start the user's cooldown.
     *
     * @param event the invocation, with its arguments and a way to reply
     * @return {@link CommandResult#DONE}, or {@link CommandResult#REFUSED} for a refusal the user should be
     *     able to retry at once
     */
    default CommandResult run(CommandEvent event) {
        execute(event);
        return CommandResult.DONE;
    }
}
