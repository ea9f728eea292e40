package dev.voicesession.host.command.builtin;

import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.host.command.CommandRegistry;
import java.util.Set;
import java.util.function.Supplier;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/** {@code !help [command]}: the generated list of commands, or the details of one. */
public final class HelpCommand implements BotCommand {

    private static final int MAX_LENGTH = 2000;

    private final Supplier<CommandRegistry> registry;
    private final Set<Long> owners;
    private final CommandSpec spec = CommandSpec.builder("help")
            .aliases("commands")
            .help("Lists the commands, or explains one")
            .arguments("[command]")
            .option(new OptionData(OptionType.STRING, "command", "The command to explain", false))
            .build();

    /**
     * Creates the command.
     *
     * @param registry the registry, read when help is asked for (it includes this command)
     * @param owners the bot's owners, who also see owner-only commands
     */
    public HelpCommand(Supplier<CommandRegistry> registry, Set<Long> owners) {
        this.registry = registry;
        this.owners = Set.copyOf(owners);
    }

    @Override
    public CommandSpec spec() {
        return spec;
    }

    @Override
    public void execute(CommandEvent event) {
        String prefix = event.invocation().substring(0, event.invocation().length() - spec.name().length());
        boolean owner = owners.contains(event.author().getIdLong());
        String text = event.argList().isEmpty()
                ? HelpText.overview(registry.get(), prefix, owner)
                : HelpText.details(registry.get(), prefix, event.argList(), owner);
        event.reply(text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...");
    }
}
