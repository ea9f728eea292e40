package dev.voicesession.host.command;

/**
 * How the host puts its slash commands on the bot's application. Discord keeps one list of commands
 * per application (and per guild); a host inside someone else's bot must not replace that list.
 */
public enum SlashRegistration {

    /**
     * The host's commands are the whole list: it replaces the list with them and answers every slash
     * command. Only for a bot that is nothing but the host, such as {@code host-bot}'s reference bot.
     */
    REPLACE,

    /**
     * The host adds its own commands one by one and removes them when their plugin stops; commands of
     * the bot and of other libraries are left as they are, and their interactions are left to them.
     */
    MERGE,

    /**
     * The host registers nothing: the operator gets {@code BotHost.slashCommandData()} and puts it in
     * the bot's own {@code updateCommands()} call. The host still answers its own commands.
     */
    HAND_OVER
}
