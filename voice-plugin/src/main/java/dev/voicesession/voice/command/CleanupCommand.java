package dev.voicesession.voice.command;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.voice.VoicePlugin;
import net.dv8tion.jda.api.Permission;

/** {@code !voice cleanup}: runs reconciliation for the guild now. Needs Manage Channels. */
public final class CleanupCommand implements BotCommand {

    private final VoicePlugin plugin;
    private final CommandSpec spec;

    /**
     * Creates the command.
     *
     * @param plugin the plugin whose services it uses
     */
    public CleanupCommand(VoicePlugin plugin) {
        this.plugin = plugin;
        this.spec = CommandSpec.builder("cleanup")
                .help("Delete voice channels and sessions left over by earlier runs")
                .guildOnly()
                .userPermissions(Permission.MANAGE_CHANNEL)
                .build();
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public void execute(CommandEvent event) {
        plugin.services().commands().cleanup(event);
    }
}
