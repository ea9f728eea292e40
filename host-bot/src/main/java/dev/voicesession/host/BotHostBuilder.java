package dev.voicesession.host;

import dev.voicesession.api.Scheduler;
import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.config.ConfigException;
import dev.voicesession.api.queue.RequestHandler;
import dev.voicesession.host.command.PrefixRule;
import dev.voicesession.host.command.SlashRegistration;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.jda.DaveCheck;
import dev.voicesession.host.jda.DiscordBinding;
import dev.voicesession.host.jda.JdaSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Describes a {@link BotHost} to start; get one from {@link BotHost#builder()}.
 *
 * <p>The one required setting is the configuration ({@link #config(HostConfig)} or {@link
 * #configFile(Path)}). {@link #attach(JDA)} or {@link #attach(ShardManager)} adds the host to a bot that
 * already has a client; without either, the host builds its own shard manager from the {@code discord}
 * section and owns it.
 */
public final class BotHostBuilder {

    private static final Logger log = LoggerFactory.getLogger(BotHostBuilder.class);

    HostConfig config;
    Supplier<HostConfig> configReader;
    Clock clock = Clock.systemUTC();
    Path pluginsDir;
    Consumer<DefaultShardManagerBuilder> jdaCustomizer = builder -> {};
    Consumer<OkHttpClient.Builder> httpCustomizer = http -> {};
    Scheduler scheduler;
    DataSource dataSource;
    PrefixRule prefixRule;
    private JDA attachedJda;
    private ShardManager attachedShards;
    private Set<BuiltInCommand> builtIns;
    private SlashRegistration slashRegistration;
    final List<BotCommand> extraCommands = new ArrayList<>();
    final List<RequestHandler> extraHandlers = new ArrayList<>();

    BotHostBuilder() {}

    /**
     * Sets the configuration (this or {@link #configFile(Path)} is required). A configuration given this
     * way is re-read for {@link BotHost#reload()} from its file when it came from one.
     *
     * @param config the loaded configuration
     * @return this builder
     */
    public BotHostBuilder config(HostConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        Path file = Path.of(config.source());
        this.configReader = Files.isRegularFile(file)
                ? () -> ConfigLoader.load(file, true, System.getenv())
                : null;
        return this;
    }

    /**
     * Reads the configuration from a YAML file, with environment overrides, now and on every {@link
     * BotHost#reload()}.
     *
     * @param file the YAML file
     * @return this builder
     * @throws ConfigException if the file is missing or has a mistake; the message names the file, the
     *     line, the key and the fix
     */
    public BotHostBuilder configFile(Path file) {
        Map<String, String> env = System.getenv();
        this.config = ConfigLoader.load(file, true, env);
        this.configReader = () -> ConfigLoader.load(file, true, env);
        return this;
    }

    /**
     * Replaces how {@link BotHost#reload()} reads the configuration again, for an embedder that adjusts
     * the file's values in code (as the sandbox does); call after {@link #config(HostConfig)}.
     *
     * @param reader reads the configuration again, throwing {@link ConfigException} on a mistake; {@code
     *     null} when there is nothing to re-read
     * @return this builder
     */
    public BotHostBuilder configReader(Supplier<HostConfig> reader) {
        this.configReader = reader;
        return this;
    }

    /**
     * Adds the host to the operator's client. The host adds one event listener, waits until the client
     * is ready, and removes the listener on stop; it never logs the client in or shuts it down. When the
     * operator shuts the client down, the host stops first. The client needs {@link BotHost#INTENTS}.
     *
     * @param jda the bot's client, logging in or logged in
     * @return this builder
     */
    public BotHostBuilder attach(JDA jda) {
        this.attachedJda = Objects.requireNonNull(jda, "jda");
        this.attachedShards = null;
        return this;
    }

    /**
     * Adds the host to the operator's shard manager, as {@link #attach(JDA)} does for one client.
     *
     * @param shardManager the bot's shard manager, logging in or logged in
     * @return this builder
     */
    public BotHostBuilder attach(ShardManager shardManager) {
        this.attachedShards = Objects.requireNonNull(shardManager, "shardManager");
        this.attachedJda = null;
        return this;
    }

    /**
     * Gives the host the operator's database instead of the SQLite file of {@code database.path}. The
     * host and its plugins create their own tables in it; the host never closes it.
     *
     * @param dataSource a pooled data source (SQLite or PostgreSQL)
     * @return this builder
     */
    public BotHostBuilder dataSource(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        return this;
    }

    /**
     * Replaces the prefix rule of the configuration ({@code bot.prefix} and {@code bot.guildPrefixes}).
     *
     * @param prefixRule tells the prefix per guild
     * @return this builder
     */
    public BotHostBuilder prefix(PrefixRule prefixRule) {
        this.prefixRule = Objects.requireNonNull(prefixRule, "prefixRule");
        return this;
    }

    /**
     * Chooses the host's own commands. Default: all of them for a host that owns its client, {@code
     * help}, {@code queue} and {@code reload} for an attached one (shutting the operator's bot down is
     * not the host's business).
     *
     * @param commands the built-in commands to register, possibly none
     * @return this builder
     */
    public BotHostBuilder builtInCommands(Set<BuiltInCommand> commands) {
        this.builtIns = commands.isEmpty() ? EnumSet.noneOf(BuiltInCommand.class) : EnumSet.copyOf(commands);
        return this;
    }

    /**
     * Chooses how the host's slash commands reach the application. Default: {@link
     * SlashRegistration#REPLACE} for a host that owns its client, {@link SlashRegistration#MERGE} for an
     * attached one.
     *
     * @param registration the policy
     * @return this builder
     */
    public BotHostBuilder slashCommands(SlashRegistration registration) {
        this.slashRegistration = Objects.requireNonNull(registration, "registration");
        return this;
    }

    /**
     * Replaces the clock, for tests; the system UTC clock by default.
     *
     * @param clock the clock for cooldowns, queue timestamps and plugins
     * @return this builder
     */
    public BotHostBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Loads plugins from another directory than {@code plugins.dir}.
     *
     * @param pluginsDir the directory of plugin jars
     * @return this builder
     */
    public BotHostBuilder pluginsDir(Path pluginsDir) {
        this.pluginsDir = pluginsDir;
        return this;
    }

    /**
     * Adjusts the JDA builder of a host that owns its client, after the host configured it, for example
     * to point it at the emulator (its {@code RestConfig} and a {@code WebSocketFactory} with its {@code
     * SSLContext}). Not used with {@link #attach}. A session controller set here replaces the host's, which
     * coordinates IDENTIFY with the bot's other processes when {@code discord.shards.range} is set. An HTTP
     * client builder set here replaces the host's, and with it the pacing below Discord's global limit
     * ({@code discord.globalRateLimit}): change the host's client with {@link #httpCustomizer} instead.
     *
     * @param jdaCustomizer runs last, before the shard manager is built
     * @return this builder
     */
    public BotHostBuilder jdaCustomizer(Consumer<DefaultShardManagerBuilder> jdaCustomizer) {
        this.jdaCustomizer = Objects.requireNonNull(jdaCustomizer, "jdaCustomizer");
        return this;
    }

    /**
     * Adjusts the OkHttp client builder that the host gives JDA when it owns its client, after the host added
     * its interceptor for Discord's global limit and the trusted certificate, for example to change a
     * time-out. Not used with {@link #attach}.
     *
     * @param httpCustomizer runs before the shard manager builder gets the HTTP client builder
     * @return this builder
     */
    public BotHostBuilder httpCustomizer(Consumer<OkHttpClient.Builder> httpCustomizer) {
        this.httpCustomizer = Objects.requireNonNull(httpCustomizer, "httpCustomizer");
        return this;
    }

    /**
     * Replaces the scheduler plugins get, for tests; the host's own (timer plus virtual threads) by
     * default. The host does not shut a replaced scheduler down.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public BotHostBuilder scheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    /**
     * Registers a command the way the built-in ones are, without a plugin (for embedders and tests).
     *
     * @param command the command
     * @return this builder
     */
    public BotHostBuilder command(BotCommand command) {
        this.extraCommands.add(command);
        return this;
    }

    /**
     * Registers a request handler without a plugin (for embedders and tests).
     *
     * @param handler the handler
     * @return this builder
     */
    public BotHostBuilder requestHandler(RequestHandler handler) {
        this.extraHandlers.add(handler);
        return this;
    }

    boolean attached() {
        return attachedJda != null || attachedShards != null;
    }

    DiscordBinding binding(Supplier<DataSource> database) {
        if (attachedJda != null) {
            return DiscordBinding.attached(attachedJda);
        }
        if (attachedShards != null) {
            return DiscordBinding.attached(attachedShards);
        }
        return DiscordBinding.owned(() -> {
            DefaultShardManagerBuilder builder =
                    JdaSetup.builder(config.discord(), config.source(), DaveCheck.run(), database, httpCustomizer);
            jdaCustomizer.accept(builder);
            return builder;
        });
    }

    Set<BuiltInCommand> builtIns() {
        if (builtIns != null) {
            return builtIns;
        }
        return attached()
                ? EnumSet.of(BuiltInCommand.HELP, BuiltInCommand.QUEUE, BuiltInCommand.RELOAD)
                : EnumSet.allOf(BuiltInCommand.class);
    }

    SlashRegistration slashRegistration() {
        if (slashRegistration != null) {
            return slashRegistration;
        }
        return attached() ? SlashRegistration.MERGE : SlashRegistration.REPLACE;
    }

    /**
     * Starts the host and blocks until every shard is connected and the startup participants ran. Call
     * it from the bot's own thread (its {@code main}), not from a JDA event listener.
     *
     * @return the running host
     * @throws ConfigException if the configuration lacks something the host needs (such as a token) or a
     *     plugin's section has a mistake
     * @throws HostStartException if the database, Discord or the shards cannot be reached; whatever
     *     had started is stopped again
     */
    public BotHost start() {
        if (config == null) {
            throw new IllegalStateException("No configuration: call config(...) or configFile(...) before start()");
        }
        BotHost host = new BotHost(this);
        try {
            host.start();
        } catch (RuntimeException | Error e) {
            // rethrown: the caller learns why; this only releases what had started
            log.debug("Host failed to start; releasing what had started");
            host.abortStart();
            throw e;
        }
        return host;
    }
}
