package dev.voicesession.host.command.builtin;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.api.config.ConfigException;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code !reload}: owner-only; re-reads the configuration file and applies per-guild settings to new
 * work, naming what needs a restart.
 */
public final class ReloadCommand implements BotCommand {

    private final Supplier<List<String>> reload;
    private final CommandSpec spec = CommandSpec.builder("reload")
            .help("Re-reads the configuration file (owners only)")
            .ownerOnly()
            .build();

    /**
     * Creates the command.
     *
     * @param reload re-reads and applies the configuration; returns the settings that need a restart
     */
    public ReloadCommand(Supplier<List<String>> reload) {
        this.reload = reload;
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public void execute(CommandEvent event) {
        event.reply(text(reload));
    }

    static String text(Supplier<List<String>> reload) {
        try {
            List<String> needRestart = reload.get();
            if (needRestart.isEmpty()) {
                return "Configuration reloaded; every change applies to new sessions.";
            }
            return "Configuration reloaded. These keep their old value until a restart:\n- "
                    + String.join("\n- ", needRestart);
        } catch (ConfigException | IllegalStateException e) {
            return "Configuration not reloaded; nothing changed. " + e.getMessage();
        }
    }
}
