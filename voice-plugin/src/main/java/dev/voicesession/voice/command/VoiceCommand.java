package dev.voicesession.voice.command;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.voice.VoicePlugin;
import org.pf4j.Extension;

/**
 * {@code !voice} and {@code /voice start}: asks the conversation queue for a private voice session.
 * Its children are {@code close}, {@code sessions}, {@code end} and {@code cleanup}.
 */
@Extension
public final class VoiceCommand implements BotCommand {

    private final VoicePlugin plugin;
    private final CommandSpec spec;

    /**
     * Creates the command and its children.
     *
     * @param plugin the plugin whose services it uses
     */
    public VoiceCommand(VoicePlugin plugin) {
        this.plugin = plugin;
        this.spec = CommandSpec.builder("voice")
                .help("Start a private voice session")
                .guildOnly()
                .cooldown(plugin.services().settings().startCooldown())
                .slashDefault("start")
                .child(new CloseCommand(plugin))
                .child(new SessionsCommand(plugin))
                .child(new EndCommand(plugin))
                .child(new CleanupCommand(plugin))
                .build();
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public void execute(CommandEvent event) {
        plugin.services().commands().start(event);
    }
}
