package dev.voicesession.host.command.builtin;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;

/** {@code !shutdown}: owner-only; stops the bot in order once the reply is sent. */
public final class ShutdownCommand implements BotCommand {

    private final Runnable shutdown;
    private final CommandSpec spec = CommandSpec.builder("shutdown")
            .help("Stops the bot (owners only)")
            .ownerOnly()
            .build();

    /**
     * Creates the command.
     *
     * @param shutdown starts the host's orderly shutdown and returns at once
     */
    public ShutdownCommand(Runnable shutdown) {
        this.shutdown = shutdown;
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public void execute(CommandEvent event) {
        // Stop once the reply went out; a refused reply (already logged by the event) must not keep the bot up.
        event.reply("Shutting down.").whenComplete((status, error) -> shutdown.run());
    }
}
