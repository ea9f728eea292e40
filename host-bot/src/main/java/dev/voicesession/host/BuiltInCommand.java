package dev.voicesession.host;

/** The host's own commands; each can be left out with {@link BotHostBuilder#builtInCommands}. */
public enum BuiltInCommand {
    /** {@code help}: lists the commands the user may run. */
    HELP,
    /** {@code queue}: shows the conversation queue. */
    QUEUE,
    /** {@code reload}: owners only; re-reads the configuration file and applies what can change. */
    RELOAD,
    /** {@code shutdown}: owners only; stops the host (and, in the reference bot, the bot). */
    SHUTDOWN
}
