package dev.voicesession.voice.command;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandResult;
import dev.voicesession.api.command.CommandSpec;
import java.time.Duration;
import java.util.List;

/**
 * {@code !voice} and {@code /voice start}: asks for a private voice session ({@link VoiceStart} is the whole
 * path). Its children are {@code close}, {@code sessions}, {@code end} and {@code cleanup}.
 */
public final class VoiceCommand implements BotCommand {

    private final VoiceStart start;
    private final CommandSpec spec;

    /**
     * Creates the command.
     *
     * @param start what {@code !voice} does
     * @param cooldown how long a user waits between two requests that were not refused
     * @param children the child commands
     */
    public VoiceCommand(VoiceStart start, Duration cooldown, List<BotCommand> children) {
        this.start = start;
        CommandSpec.Builder builder = CommandSpec.builder("voice")
                .help("Start a private voice session")
                .guildOnly()
                .cooldown(cooldown)
                .slashDefault("start");
        children.forEach(builder::child);
        this.spec = builder.build();
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public void execute(CommandEvent event) {
        run(event);
    }

    @Override
    public CommandResult run(CommandEvent event) {
        return start.start(event);
    }
}
