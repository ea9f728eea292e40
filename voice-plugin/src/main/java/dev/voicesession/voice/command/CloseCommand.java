package dev.voicesession.voice.command;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.voice.VoicePlugin;

/** {@code !voice close} and {@code /voice close}: ends the user's own session at once. */
public final class CloseCommand implements BotCommand {

    private final VoicePlugin plugin;
    private final CommandSpec spec;

    /**
     * Creates the command.
     *
     * @param plugin the plugin whose services it uses
     */
    public CloseCommand(VoicePlugin plugin) {
        this.plugin = plugin;
        this.spec = CommandSpec.builder("close")
                .help("End your voice session, or withdraw your queued request")
                .guildOnly()
                .build();
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public void execute(CommandEvent event) {
        plugin.services().commands().close(event);
    }
}
