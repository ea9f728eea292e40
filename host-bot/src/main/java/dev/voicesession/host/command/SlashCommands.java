package dev.voicesession.host.command;

import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.host.config.BotSettings.SlashCommandMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the slash-command data from the registry and registers it, globally or in every guild.
 *
 * <p>A command with children becomes a slash command with one subcommand per child; its own action is
 * offered as the subcommand its spec names in {@code slashDefault}, because Discord cannot run the
 * parent of subcommands. Commands marked prefix-only are left out.
 */
public final class SlashCommands extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SlashCommands.class);

    private final List<CommandData> data;
    private final SlashCommandMode mode;

    /**
     * Prepares the registration.
     *
     * @param registry the commands
     * @param mode where to register them
     */
    public SlashCommands(CommandRegistry registry, SlashCommandMode mode) {
        this.data = build(registry);
        this.mode = mode;
    }

    /**
     * Builds one slash command per top-level command that is not prefix-only.
     *
     * @param registry the commands
     * @return the command data, in registration order
     */
    public static List<CommandData> build(CommandRegistry registry) {
        List<CommandData> commands = new ArrayList<>();
        for (RegisteredCommand command : registry.commands()) {
            if (!command.spec().slash()) {
                continue;
            }
            try {
                commands.add(slashData(command));
            } catch (IllegalArgumentException | IllegalStateException e) {
                // JDA checks Discord's rules (option order, counts); such a command stays prefix-only
                log.error("Command '{}' of plugin '{}' not registered as a slash command: {}", command.path(),
                        command.owner(), e.getMessage());
            }
        }
        return List.copyOf(commands);
    }

    private static SlashCommandData slashData(RegisteredCommand command) {
        CommandSpec spec = command.spec();
        SlashCommandData slash = Commands.slash(spec.name(), spec.help());
        List<RegisteredCommand> children = command.children().stream()
                .filter(child -> child.spec().slash())
                .toList();
        if (children.isEmpty()) {
            slash.addOptions(spec.options());
            return slash;
        }
        if (spec.slashDefault() != null) {
            slash.addSubcommands(new SubcommandData(spec.slashDefault(), spec.help()).addOptions(spec.options()));
        }
        for (RegisteredCommand child : children) {
            slash.addSubcommands(new SubcommandData(child.spec().name(), child.spec().help())
                    .addOptions(child.spec().options()));
        }
        return slash;
    }

    /**
     * Joins a slash invocation's option values, in the spec's declared order, into the text a prefix
     * command would have as arguments. A user, role or channel is given as its mention.
     *
     * @param spec the invoked command's spec
     * @param event the invocation
     * @return the arguments, empty if none
     */
    static String joinOptions(CommandSpec spec, SlashCommandInteractionEvent event) {
        List<String> values = new ArrayList<>();
        for (OptionData option : spec.options()) {
            OptionMapping mapping = event.getOption(option.getName());
            if (mapping != null) {
                values.add(switch (mapping.getType()) {
                    case USER -> "<@" + mapping.getAsLong() + ">";
                    case ROLE -> "<@&" + mapping.getAsLong() + ">";
                    case CHANNEL -> "<#" + mapping.getAsLong() + ">";
                    default -> mapping.getAsString();
                });
            }
        }
        return String.join(" ", values).strip();
    }

    /**
     * Registers the commands as configured and waits for Discord to accept them. A refusal is logged;
     * the bot keeps working with prefix commands.
     *
     * @param shardManager the ready shard manager
     * @param timeout how long to wait for Discord
     */
    public void register(ShardManager shardManager, Duration timeout) {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        switch (mode) {
            case OFF -> log.info("Slash commands are off (bot.slashCommands: off)");
            case GLOBAL -> shardManager.getShardCache().stream().findFirst().ifPresent(shard -> pending.add(registerGlobal(shard)));
            case GUILDS -> shardManager.getGuildCache().forEach(guild -> pending.add(registerGuild(guild)));
        }
        boolean confirmed = CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .handle((ignored, error) -> true) // each failure is already logged with its guild
                .completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        if (!confirmed) {
            log.warn("Slash command registration not confirmed within {}; it goes on in the background", timeout);
        }
    }

    private CompletableFuture<?> registerGlobal(JDA shard) {
        return shard.updateCommands().addCommands(data).submit().whenComplete((commands, error) -> {
            if (error != null) {
                log.error("Cannot register {} global slash command(s)", data.size(), error);
            } else {
                log.info("Registered {} global slash command(s)", commands.size());
            }
        });
    }

    private CompletableFuture<?> registerGuild(Guild guild) {
        return guild.updateCommands().addCommands(data).submit().whenComplete((commands, error) -> {
            if (error != null) {
                log.error("Cannot register slash commands in guild '{}'", guild.getId(), error);
            } else {
                log.info("Registered {} slash command(s) in guild '{}'", commands.size(), guild.getId());
            }
        });
    }

    @Override
    public void onGuildJoin(GuildJoinEvent event) {
        if (mode == SlashCommandMode.GUILDS) {
            registerGuild(event.getGuild());
        }
    }
}
