package dev.voicesession.voice.command;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.voice.VoicePlugin;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/** {@code !voice end <user>}: ends another user's session. Needs Manage Channels. */
public final class EndCommand implements BotCommand {

    private final VoicePlugin plugin;
    private final CommandSpec spec;

    /**
     * Creates the command.
     *
     * @param plugin the plugin whose services it uses
     */
    public EndCommand(VoicePlugin plugin) {
        this.plugin = plugin;
        this.spec = CommandSpec.builder("end")
                .help("End a user's voice session")
                .arguments("<user>")
                .guildOnly()
                .userPermissions(Permission.MANAGE_CHANNEL)
                .option(new OptionData(OptionType.USER, "user", "Whose session to end", true))
                .build();
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public void execute(CommandEvent event) {
        plugin.services().commands().end(event);
    }
}
