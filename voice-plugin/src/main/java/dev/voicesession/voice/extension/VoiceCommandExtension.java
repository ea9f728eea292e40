package dev.voicesession.voice.extension;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandResult;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.voice.VoicePlugin;
import dev.voicesession.voice.command.VoiceCommand;
import org.pf4j.Extension;

/** Contributes {@code !voice} and its children ({@link VoiceCommand}) to the host. */
@Extension
public final class VoiceCommandExtension implements BotCommand {

    private final VoiceCommand command;

    /**
     * Creates the extension.
     *
     * @param plugin the started plugin, whose command it contributes
     */
    public VoiceCommandExtension(VoicePlugin plugin) {
        this.command = plugin.wiring().voiceCommand();
    }

    @Override
    public CommandSpec spec() {
        return command.spec();
    }

    @Override
    public void execute(CommandEvent event) {
        command.execute(event);
    }

    @Override
    public CommandResult run(CommandEvent event) {
        return command.run(event);
    }
}
