package dev.voicesession.examples.existingbot;

import dev.voicesession.host.BotHost;
import dev.voicesession.host.BuiltInCommand;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.requests.GatewayIntent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bot that existed before voice sessions: its own {@code main}, its own {@link JDABuilder}, its own
 * listener answering {@code !ping}, {@code /ping} and {@code !help}. Voice sessions are added in {@link
 * #start} by attaching the host to the bot's client (the lines between the two markers); the bot keeps
 * its builder, its login, its listeners and its shutdown.
 *
 * <p>Run: {@code DISCORD_TOKEN=... java -cp ... dev.voicesession.examples.existingbot.ExistingBot
 * config/voice.yml plugins}.
 */
public final class ExistingBot {

    private static final Logger log = LoggerFactory.getLogger(ExistingBot.class);

    /** What the bot asked Discord for before voice sessions, plus the voice states sessions need. */
    static final Set<GatewayIntent> INTENTS = EnumSet.of(
            GatewayIntent.GUILD_MESSAGES,
            GatewayIntent.MESSAGE_CONTENT,
            GatewayIntent.DIRECT_MESSAGES,
            GatewayIntent.GUILD_VOICE_STATES);

    private final JDA jda;
    private final BotHost voice;

    private ExistingBot(JDA jda, BotHost voice) {
        this.jda = jda;
        this.voice = voice;
    }

    /**
     * Starts the bot against Discord.
     *
     * @param args the voice configuration file and the plugins directory
     * @throws InterruptedException if interrupted while running
     */
    public static void main(String[] args) throws InterruptedException {
        Path voiceConfig = Path.of(args.length > 0 ? args[0] : "config/voice.yml");
        Path plugins = Path.of(args.length > 1 ? args[1] : "plugins");
        // JDA's own shutdown hook (on by default) shuts the client down on SIGTERM; the host stops first.
        ExistingBot bot = start(JDABuilder.createDefault(System.getenv("DISCORD_TOKEN"), INTENTS), voiceConfig, plugins);
        bot.jda().awaitShutdown();
    }

    /**
     * Builds and logs in the bot's client with its own listener and commands, then adds voice sessions.
     *
     * @param builder the bot's builder, with its token and intents (tests point it at the emulator)
     * @param voiceConfig the YAML file with the {@code plugins.voice} section
     * @param plugins the directory holding {@code voice-plugin.jar}
     * @return the running bot
     */
    public static ExistingBot start(JDABuilder builder, Path voiceConfig, Path plugins) {
        PingListener ping = new PingListener();
        JDA jda = builder.addEventListeners(ping).build();
        jda.updateCommands()
                .addCommands(Commands.slash("ping", "Answers pong"))
                .queue(null, error -> log.error("Cannot register /ping", error));

        // --- voice sessions: everything the bot adds ---
        BotHost voice = BotHost.builder()
                .configFile(voiceConfig)                       // plugins.voice, database, queue
                .pluginsDir(plugins)                           // voice-plugin.jar
                .attach(jda)                                   // the bot's own client: one gateway connection
                .builtInCommands(EnumSet.of(BuiltInCommand.QUEUE)) // the bot answers !help itself
                .start();                                      // waits for the client to be ready
        // --- end of voice sessions ---

        ping.helpAlso(voice.commandNames());
        return new ExistingBot(jda, voice);
    }

    /**
     * Returns the bot's client.
     *
     * @return the client
     */
    public JDA jda() {
        return jda;
    }

    /**
     * Returns the voice-session host attached to the client.
     *
     * @return the host
     */
    public BotHost voice() {
        return voice;
    }

    /** The bot's own commands, as it had them before voice sessions. */
    static final class PingListener extends ListenerAdapter {
        private volatile List<String> otherCommands = List.of();

        void helpAlso(List<String> commands) {
            otherCommands = List.copyOf(commands);
        }

        @Override
        public void onMessageReceived(MessageReceivedEvent event) {
            if (event.getAuthor().isBot()) {
                return;
            }
            String content = event.getMessage().getContentRaw().strip();
            if (content.equals("!ping")) {
                // mentions the author, as the bot always did: the host must not change that
                event.getChannel().sendMessage(event.getAuthor().getAsMention() + " pong")
                        .queue(null, error -> log.warn("Cannot answer !ping in '{}'", event.getChannel().getId(), error));
            } else if (content.equals("!help")) {
                event.getChannel().sendMessage("Commands: !ping, /ping, !help"
                                + (otherCommands.isEmpty() ? "" : ", !" + String.join(", !", otherCommands)))
                        .queue(null, error -> log.warn("Cannot answer !help in '{}'", event.getChannel().getId(), error));
            }
        }

        @Override
        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
            if (event.getName().equals("ping")) {
                event.reply("pong").queue(null, error -> log.warn("Cannot answer /ping", error));
            }
        }
    }
}
