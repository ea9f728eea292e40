package dev.voicesession.host.command;

import dev.voicesession.host.queue.ArrivalClock;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns JDA events into command invocations. On the event thread it only filters, parses and (for
 * slash commands) acknowledges; checks and the command itself run on the executor.
 *
 * <p>Messages from bots, webhooks and the system are ignored. The listener takes no commands until
 * {@link #open()} and none after {@link #close()}.
 */
public final class CommandListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(CommandListener.class);

    private final CommandRegistry registry;
    private final CommandParser parser;
    private final CommandRunner runner;
    private final PrefixRule prefixes;
    private final Set<Long> owners;
    private final boolean answerUnknownSlash;
    private final Executor executor;
    private final AtomicBoolean accepting = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Stamps commands in the order they arrive on the event thread, for the queue's first come, first served. */
    private final ArrivalClock arrivals;

    /**
     * Creates the listener.
     *
     * @param registry the commands
     * @param runner runs checks and commands
     * @param prefixes the prefix rule
     * @param owners the bot's owners
     * @param answerUnknownSlash whether a slash command the host does not run gets an answer (only when
     *     the host's commands are the bot's whole list; otherwise it belongs to someone else)
     * @param executor where commands run
     * @param arrivals stamps each command with its arrival, shared with the queue
     */
    public CommandListener(CommandRegistry registry, CommandRunner runner, PrefixRule prefixes, Set<Long> owners,
            boolean answerUnknownSlash, Executor executor, ArrivalClock arrivals) {
        this.registry = registry;
        this.parser = new CommandParser(registry);
        this.runner = runner;
        this.prefixes = prefixes;
        this.owners = Set.copyOf(owners);
        this.answerUnknownSlash = answerUnknownSlash;
        this.executor = executor;
        this.arrivals = arrivals;
    }

    /** Starts taking commands. */
    public void open() {
        if (!closed.get()) {
            accepting.set(true);
        }
    }

    /** Stops taking commands, for good. */
    public void close() {
        closed.set(true);
        accepting.set(false);
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        if (!accepting.get() || event.getAuthor().isBot() || event.isWebhookMessage()
                || event.getAuthor().isSystem()) {
            return;
        }
        long guildId = event.isFromGuild() ? event.getGuild().getIdLong() : 0;
        parser.parse(event.getMessage().getContentRaw(), prefixes.prefixFor(guildId)).ifPresent(parsed -> {
            var commandEvent = new MessageCommandEvent(event, parsed.args(), parsed.invocation(), arrivals.next());
            CheckContext context = context(event.getAuthor().getIdLong(), event.getMember(),
                    event.isFromGuild() ? event.getGuildChannel() : null);
            executor.execute(() -> runner.run(parsed.command(), commandEvent, context));
        });
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        var found = registry.findSlash(event.getName(), event.getSubcommandName());
        if (found.isEmpty()) {
            // another listener's command, unless the host's commands are the bot's whole list
            if (answerUnknownSlash) {
                event.reply("This command is not known to the bot any more.")
                        .setEphemeral(true)
                        .queue(null, error -> log.warn("Cannot answer unknown slash command '{}'",
                                event.getFullCommandName(), error));
            }
            return;
        }
        if (!accepting.get()) {
            event.reply("The bot is not taking commands right now; try again shortly.")
                    .setEphemeral(true)
                    .queue(null, error -> log.warn("Cannot refuse slash command '{}' of user '{}'",
                            event.getFullCommandName(), event.getUser().getIdLong(), error));
            return;
        }
        RegisteredCommand command = found.get();
        event.deferReply().queue(null, error -> log.warn("Cannot acknowledge slash command '{}' of user '{}'",
                event.getFullCommandName(), event.getUser().getIdLong(), error));
        String args = SlashCommands.joinOptions(command.spec(), event);
        var commandEvent = new SlashCommandEvent(event, args, "/" + command.path(), arrivals.next());
        CheckContext context = context(event.getUser().getIdLong(), event.getMember(),
                event.isFromGuild() ? event.getGuildChannel() : null);
        executor.execute(() -> runner.run(command, commandEvent, context));
    }

    private CheckContext context(long userId, Member member, GuildChannel channel) {
        boolean inGuild = channel != null;
        return new CheckContext(
                userId,
                owners.contains(userId),
                inGuild,
                required -> !inGuild ? Set.of() : member == null ? required : missing(member, channel, required),
                required -> inGuild ? missing(channel.getGuild().getSelfMember(), channel, required) : Set.of());
    }

    private static Set<Permission> missing(Member member, GuildChannel channel, Set<Permission> required) {
        if (required.isEmpty()) {
            return Set.of();
        }
        return required.stream()
                .filter(permission -> !member.hasPermission(channel, permission))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
    }
}
