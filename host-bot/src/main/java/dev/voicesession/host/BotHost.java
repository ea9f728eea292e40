package dev.voicesession.host;

import dev.voicesession.api.DiscordClient;
import dev.voicesession.api.PluginContext;
import dev.voicesession.api.Scheduler;
import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.config.ConfigException;
import dev.voicesession.api.queue.ConversationQueue;
import dev.voicesession.api.queue.RequestHandler;
import dev.voicesession.host.command.CommandChecks;
import dev.voicesession.host.command.CommandListener;
import dev.voicesession.host.command.CommandRegistry;
import dev.voicesession.host.command.CommandRunner;
import dev.voicesession.host.command.CooldownTracker;
import dev.voicesession.host.command.SlashCommands;
import dev.voicesession.host.command.builtin.HelpCommand;
import dev.voicesession.host.command.builtin.QueueCommand;
import dev.voicesession.host.command.builtin.ShutdownCommand;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.db.Database;
import dev.voicesession.host.jda.DaveCheck;
import dev.voicesession.host.jda.JdaSetup;
import dev.voicesession.host.jda.ListenerHub;
import dev.voicesession.host.jda.ShardReadiness;
import dev.voicesession.host.lifecycle.HostScheduler;
import dev.voicesession.host.lifecycle.StartupRunner;
import dev.voicesession.host.plugin.Contributed;
import dev.voicesession.host.plugin.HostPluginContext;
import dev.voicesession.host.plugin.HostPluginManager;
import dev.voicesession.host.plugin.PluginExtensions;
import dev.voicesession.host.plugin.PluginReport;
import dev.voicesession.host.queue.ConversationQueueImpl;
import dev.voicesession.host.queue.RequestHandlers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.sql.DataSource;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.pf4j.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddable bot host: every feature is wired here, in start order.
 *
 * <p>{@link BotHostBuilder#start()} opens the database, creates the conversation queue, builds the shard
 * manager, loads and starts the plugins, collects their extensions, registers commands and listeners,
 * logs the shards in, waits until every shard is connected, registers slash commands, runs the startup
 * participants and then starts taking commands. {@link #stop()} undoes it in order; {@link
 * #stopWithoutCleanup()} simulates a crash for restart tests.
 *
 * <pre>{@code
 * BotHost host = BotHost.builder()
 *         .config(ConfigLoader.parse(yaml, "test", Map.of()))
 *         .pluginsDir(tempDir)
 *         .jdaCustomizer(builder -> builder.setRestConfig(emulatorRest))
 *         .start();
 * }</pre>
 */
public final class BotHost {

    private static final Logger log = LoggerFactory.getLogger(BotHost.class);

    private final HostConfig config;
    private final Clock clock;
    private final Path pluginsDir;
    private final Consumer<DefaultShardManagerBuilder> jdaCustomizer;
    private final List<BotCommand> extraCommands;
    private final List<RequestHandler> extraHandlers;
    private final Scheduler scheduler;
    private final HostScheduler ownScheduler;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("host-worker-", 0).factory());
    private final RequestHandlers handlers = new RequestHandlers();
    private final ListenerHub listeners = new ListenerHub();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private Database database;
    private ConversationQueueImpl queue;
    private ShardManager shardManager;
    private DiscordClient discord;
    private HostPluginManager pluginManager;
    private PluginReport pluginReport = new PluginReport(List.of());
    private PluginExtensions extensions = PluginExtensions.none();
    private CommandListener commandListener;

    BotHost(BotHostBuilder builder) {
        this.config = Objects.requireNonNull(builder.config, "config");
        this.clock = builder.clock;
        this.pluginsDir = builder.pluginsDir != null ? builder.pluginsDir : config.plugins().dir();
        this.jdaCustomizer = builder.jdaCustomizer;
        this.extraCommands = List.copyOf(builder.extraCommands);
        this.extraHandlers = List.copyOf(builder.extraHandlers);
        this.ownScheduler = builder.scheduler == null ? new HostScheduler() : null;
        this.scheduler = builder.scheduler != null ? builder.scheduler : ownScheduler;
    }

    /**
     * Starts describing a host.
     *
     * @return a builder
     */
    public static BotHostBuilder builder() {
        return new BotHostBuilder();
    }

    void start() {
        config.warnings().forEach(log::warn);
        if (!config.discord().hasToken()) {
            throw new ConfigException(config.source(), "discord.token", "is not set; set the environment variable"
                    + " DISCORD_TOKEN or discord.token in the config file");
        }
        if (config.bot().owners().isEmpty()) {
            log.warn("{}: bot.owners is empty, so nobody can run owner-only commands such as !shutdown; add your"
                    + " Discord user id there", config.source());
        }
        boolean dave = DaveCheck.run();
        MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
        database = Database.open(config.database());
        queue = new ConversationQueueImpl(config.queue().slots(), handlers::find, workers, clock);

        DefaultShardManagerBuilder jda = JdaSetup.builder(config.discord(), config.source(), dave);
        ShardReadiness readiness = new ShardReadiness();
        jda.addEventListeners(readiness, listeners);
        jdaCustomizer.accept(jda);
        shardManager = jda.build(false);
        discord = DiscordClient.of(shardManager);
        readiness.watch(shardManager);

        pluginManager = new HostPluginManager(pluginsDir, config::isPluginEnabled, this::contextFor);
        pluginReport = pluginManager.loadAndStart();
        pluginManager.configurationFailure().ifPresent(mistake -> {
            throw mistake;
        });
        extensions = PluginExtensions.collect(pluginManager, pluginReport.started());
        extraHandlers.forEach(handler -> handlers.register(handler, "host"));
        extensions.handlers().forEach(handler -> handlers.register(handler.extension(), handler.pluginId()));

        CommandRegistry registry = commands();
        commandListener = new CommandListener(registry,
                new CommandRunner(new CommandChecks(new CooldownTracker(clock))), config.bot(), workers);
        SlashCommands slash = new SlashCommands(registry, config.bot().slashCommands());
        listeners.add(commandListener);
        listeners.add(slash);
        extensions.listeners().forEach(listener -> listeners.add(listener.extension()));

        login(readiness);
        slash.register(shardManager, Duration.ofSeconds(30));
        new StartupRunner(pluginManager::ownerOf).run(
                extensions.startup().stream().map(Contributed::extension).toList(), discord);
        commandListener.open();
        log.info("Host started: {} shard(s), {} guild(s), plugins {}, {} command(s)", shardManager.getShardsRunning(),
                shardManager.getGuildCache().size(), pluginReport.started(), registry.commands().size());
    }

    private CommandRegistry commands() {
        CommandRegistry.Builder registry = CommandRegistry.builder();
        AtomicReference<CommandRegistry> built = new AtomicReference<>();
        registry.add(new HelpCommand(built::get, config.bot().owners()), "host");
        registry.add(new QueueCommand(queue, clock), "host");
        registry.add(new ShutdownCommand(this::stopInBackground), "host");
        extraCommands.forEach(command -> registry.add(command, "host"));
        extensions.commands().forEach(command -> registry.add(command.extension(), command.pluginId()));
        built.set(registry.build());
        return built.get();
    }

    private void login(ShardReadiness readiness) {
        Duration timeout = config.discord().readyTimeout();
        try {
            shardManager.login();
            readiness.await(timeout);
        } catch (InvalidTokenException e) {
            throw new HostStartException("Discord refused the bot token; check DISCORD_TOKEN or discord.token in "
                    + config.source(), e);
        } catch (TimeoutException e) {
            throw new HostStartException("Not every shard connected within " + timeout + " (discord.readyTimeout);"
                    + " check discord.restUrl and discord.gatewayUrl in " + config.source() + " and the network", e);
        } catch (ExecutionException e) {
            throw new HostStartException("A shard failed to log in; check the token and discord.shards in "
                    + config.source(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostStartException("Interrupted while waiting for the shards to connect", e);
        }
    }

    private PluginContext contextFor(String pluginId) {
        return new HostPluginContext(pluginId, discord, database.dataSource(), config.pluginConfig(pluginId),
                queue, scheduler, clock, config.bot().owners());
    }

    /**
     * Stops the host in order: stop taking commands, cancel pending requests, call the shutdown
     * participants in order within their deadlines, stop the plugins, shut JDA down, stop the executors
     * and close the database. Idempotent: a later call waits for the first to finish.
     */
    public void stop() {
        if (stopping.compareAndSet(false, true)) {
            try {
                new HostShutdown(parts()).orderly();
            } finally {
                stopped.complete(null);
            }
        } else {
            stopped.join();
        }
    }

    /**
     * Simulates a crash for restart tests: shuts JDA down at once and closes the database WITHOUT
     * calling the shutdown participants or stopping the plugins. Does nothing more if the host is
     * already stopping.
     */
    public void stopWithoutCleanup() {
        if (stopping.compareAndSet(false, true)) {
            try {
                new HostShutdown(parts()).crash();
            } finally {
                stopped.complete(null);
            }
        } else {
            stopped.join();
        }
    }

    void abortStart() {
        if (stopping.compareAndSet(false, true)) {
            try {
                new HostShutdown(parts()).afterFailedStart();
            } finally {
                stopped.complete(null);
            }
        }
    }

    private HostShutdown.Parts parts() {
        return new HostShutdown.Parts(config.bot().shutdownDeadline(), commandListener, queue, extensions,
                listeners, pluginManager, shardManager, workers, ownScheduler, database);
    }

    /** Starts {@link #stop()} on its own thread and returns at once, for the owners' shutdown command. */
    private void stopInBackground() {
        Thread.ofPlatform().name("host-shutdown").start(this::stop);
    }

    /**
     * Waits until the host has stopped, by {@link #stop()}, the shutdown command or a crash.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void awaitStop() throws InterruptedException {
        try {
            stopped.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("unreachable: the stop future never fails", e);
        }
    }

    /**
     * Tells whether stopping has begun.
     *
     * @return {@code true} once {@link #stop()} or {@link #stopWithoutCleanup()} was called
     */
    public boolean isStopping() {
        return stopping.get();
    }

    /**
     * Returns the host's JDA shard manager.
     *
     * @return the shard manager
     */
    public ShardManager shardManager() {
        return shardManager;
    }

    /**
     * Returns the bot's Discord client as plugins see it.
     *
     * @return the client view
     */
    public DiscordClient discord() {
        return discord;
    }

    /**
     * Returns the conversation queue plugins share.
     *
     * @return the queue
     */
    public ConversationQueue queue() {
        return queue;
    }

    /**
     * Returns the PF4J plugin manager.
     *
     * @return the plugin manager
     */
    public PluginManager pluginManager() {
        return pluginManager;
    }

    /**
     * Returns what happened to each plugin at start.
     *
     * @return the report
     */
    public PluginReport pluginReport() {
        return pluginReport;
    }

    /**
     * Returns the pooled data source the host shares with its plugins; closed once the host stopped.
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return database.dataSource();
    }

    /**
     * Returns the configuration the host runs with.
     *
     * @return the configuration
     */
    public HostConfig config() {
        return config;
    }
}
