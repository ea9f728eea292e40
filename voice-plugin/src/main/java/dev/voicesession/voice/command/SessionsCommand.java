package dev.voicesession.voice.command;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.voice.VoicePlugin;
import net.dv8tion.jda.api.Permission;

/** {@code !voice sessions}: lists the guild's active sessions with user, channel and age. Needs Manage Channels. */
public final class SessionsCommand implements BotCommand {

    private final VoicePlugin plugin;
    private final CommandSpec spec;

    /**
     * Creates the command.
     *
     * @param plugin the plugin whose services it uses
     */
    public SessionsCommand(VoicePlugin plugin) {
        this.plugin = plugin;
        this.spec = CommandSpec.builder("sessions")
                .help("List the active voice sessions in this server")
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
        plugin.services().commands().list(event);
    }
}
