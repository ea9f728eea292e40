package dev.voicesession.host.command;

import dev.voicesession.api.DiscordClient;
import dev.voicesession.api.command.CommandSpec;
import dev.voicesession.host.config.BotSettings.SlashCommandMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.guild.GuildJoinEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.requests.RestAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the slash-command data from the registry and puts it on the bot's application as the host's
 * {@link SlashRegistration} says: replacing the whole list (the reference bot), adding and removing only
 * the host's own commands (a host inside an operator's bot), or not at all (the operator registers
 * {@link #data()} itself).
 *
 * <p>A command with children becomes a slash command with one subcommand per child; its own action is
 * offered as the subcommand its spec names in {@code slashDefault}, because Discord cannot run the
 * parent of subcommands. Commands marked prefix-only are left out.
 */
public final class SlashCommands extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SlashCommands.class);

    private final CommandRegistry registry;
    private final SlashCommandMode where;
    private final SlashRegistration how;
    private volatile DiscordClient discord;

    /**
     * Prepares the registration.
     *
     * @param registry the commands
     * @param where globally, in every guild, or not at all
     * @param how whether the host's commands replace the list, join it, or are handed to the operator
     */
    public SlashCommands(CommandRegistry registry, SlashCommandMode where, SlashRegistration how) {
        this.registry = registry;
        this.where = where;
        this.how = how;
    }

    /**
     * Builds one slash command per top-level command that is not prefix-only.
     *
     * @param registry the commands
     * @return the command data, in registration order
     */
    public static List<CommandData> build(CommandRegistry registry) {
        return build(registry.commands());
    }

    /**
     * Returns the slash-command data of every command the host runs now.
     *
     * @return the command data, in registration order
     */
    public List<CommandData> data() {
        return build(registry);
    }

    private static List<CommandData> build(List<RegisteredCommand> registered) {
        List<CommandData> commands = new ArrayList<>();
        for (RegisteredCommand command : registered) {
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
     * Tells whether the host answers a slash command it does not run: only when its commands are the
     * whole list, so that a stale command gets an answer instead of a failed interaction.
     *
     * @return {@code true} for {@link SlashRegistration#REPLACE}
     */
    public boolean answersUnknown() {
        return how == SlashRegistration.REPLACE;
    }

    /**
     * Registers the commands and waits for Discord to accept them. A refusal is logged; the bot keeps
     * working with prefix commands.
     *
     * @param client the ready Discord client
     * @param timeout how long to wait for Discord
     */
    public void register(DiscordClient client, Duration timeout) {
        this.discord = client;
        if (where == SlashCommandMode.OFF) {
            log.info("Slash commands are off (bot.slashCommands: off)");
            return;
        }
        if (how == SlashRegistration.HAND_OVER) {
            log.info("Slash commands handed to the bot: {} command(s) for its own registration", data().size());
            return;
        }
        await(put(client, registry.commands(), how == SlashRegistration.REPLACE), timeout);
    }

    /**
     * Adds the commands of a plugin that started while the host runs.
     *
     * @param commands the plugin's commands
     */
    public void added(List<RegisteredCommand> commands) {
        DiscordClient client = discord;
        if (client != null && where != SlashCommandMode.OFF && how != SlashRegistration.HAND_OVER) {
            put(client, commands, false);
        }
    }

    /**
     * Removes the commands of a plugin that stopped while the host runs.
     *
     * @param commands the plugin's commands
     */
    public void removed(List<RegisteredCommand> commands) {
        DiscordClient client = discord;
        Set<String> names = commands.stream()
                .filter(command -> command.spec().slash())
                .map(command -> command.spec().name())
                .collect(Collectors.toSet());
        if (client == null || names.isEmpty() || where == SlashCommandMode.OFF || how == SlashRegistration.HAND_OVER) {
            return;
        }
        if (where == SlashCommandMode.GLOBAL) {
            delete(client.anyShard().retrieveCommands().submit(), names, "global");
        } else {
            client.guilds().forEach(guild -> delete(guild.retrieveCommands().submit(), names, "guild '" + guild.getId() + "'"));
        }
    }

    /**
     * Removes every slash command of the host from the application, when the host leaves a bot that
     * keeps running ({@link SlashRegistration#MERGE}); waits for Discord up to the timeout. A client that
     * is shutting down keeps them for its next start, and so does a host whose commands are the whole
     * list or were handed to the operator.
     *
     * @param timeout how long to wait for Discord
     */
    public void removeAll(Duration timeout) {
        DiscordClient client = discord;
        if (client == null || how != SlashRegistration.MERGE || where == SlashCommandMode.OFF
                || client.shards().stream().anyMatch(shard -> shard.getStatus() != JDA.Status.CONNECTED)) {
            return;
        }
        Set<String> names = registry.commands().stream()
                .filter(command -> command.spec().slash())
                .map(command -> command.spec().name())
                .collect(Collectors.toSet());
        List<CompletableFuture<?>> pending = new ArrayList<>();
        if (where == SlashCommandMode.GLOBAL) {
            pending.add(delete(client.anyShard().retrieveCommands().submit(), names, "global"));
        } else {
            client.guilds().forEach(guild ->
                    pending.add(delete(guild.retrieveCommands().submit(), names, "guild '" + guild.getId() + "'")));
        }
        await(pending, timeout);
    }

    private List<CompletableFuture<?>> put(DiscordClient client, List<RegisteredCommand> commands, boolean replace) {
        List<CommandData> data = build(commands);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        if (where == SlashCommandMode.GLOBAL) {
            JDA shard = client.anyShard();
            pending.add(replace
                    ? logged(shard.updateCommands().addCommands(data).submit(), data.size(), "global")
                    : upsertEach(data, shard::upsertCommand, "global"));
        } else {
            for (Guild guild : client.guilds()) {
                pending.add(put(guild, data, replace));
            }
        }
        return pending;
    }

    private CompletableFuture<?> put(Guild guild, List<CommandData> data, boolean replace) {
        String where = "guild '" + guild.getId() + "'";
        return replace
                ? logged(guild.updateCommands().addCommands(data).submit(), data.size(), where)
                : upsertEach(data, guild::upsertCommand, where);
    }

    private static CompletableFuture<?> upsertEach(
            List<CommandData> data, Function<CommandData, RestAction<Command>> upsert, String where) {
        List<CompletableFuture<Command>> each = data.stream().map(command -> upsert.apply(command).submit()).toList();
        return logged(CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)), data.size(), where);
    }

    private static <T> CompletableFuture<T> logged(CompletableFuture<T> future, int count, String where) {
        return future.whenComplete((ignored, error) -> {
            if (error != null) {
                log.error("Cannot register {} slash command(s) ({})", count, where, error);
            } else {
                log.info("Registered {} slash command(s) ({})", count, where);
            }
        });
    }

    private static CompletableFuture<?> delete(CompletableFuture<List<Command>> existing, Set<String> names,
            String where) {
        return existing.thenCompose(commands -> CompletableFuture.allOf(commands.stream()
                        .filter(command -> names.contains(command.getName()))
                        .map(command -> command.delete().submit())
                        .toArray(CompletableFuture[]::new)))
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        log.error("Cannot remove slash command(s) {} ({})", names, where, error);
                    } else {
                        log.info("Removed slash command(s) {} ({})", names, where);
                    }
                });
    }

    private static void await(List<CompletableFuture<?>> pending, Duration timeout) {
        boolean confirmed = CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .handle((ignored, error) -> true) // each failure is already logged with where it happened
                .completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .join();
        if (!confirmed) {
            log.warn("Slash command registration not confirmed within {}; it goes on in the background", timeout);
        }
    }

    @Override
    public void onGuildJoin(GuildJoinEvent event) {
        if (where == SlashCommandMode.GUILDS && how != SlashRegistration.HAND_OVER && discord != null) {
            put(event.getGuild(), data(), how == SlashRegistration.REPLACE);
        }
    }
}
