package dev.voicesession.host.support;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import java.util.function.Consumer;

/**
 * A command for tests: a spec and what to do.
 *
 * @param spec the spec
 * @param action what {@link #execute} does
 */
public record TestCommand(CommandSpec spec, Consumer<CommandEvent> action) implements BotCommand {

    /**
     * Creates a command that does nothing.
     *
     * @param spec the spec
     * @return the command
     */
    public static TestCommand of(CommandSpec spec) {
        return new TestCommand(spec, event -> {});
    }

    @Override
    public void execute(CommandEvent event) {
        action.accept(event);
    }
}
