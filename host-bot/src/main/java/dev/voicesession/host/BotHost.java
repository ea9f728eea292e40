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
import dev.voicesession.host.command.DiscordStatusRestorer;
import dev.voicesession.host.command.PrefixRule;
import dev.voicesession.host.command.RegisteredCommand;
import dev.voicesession.host.command.SlashCommands;
import dev.voicesession.host.command.SlashRegistration;
import dev.voicesession.host.command.builtin.HelpCommand;
import dev.voicesession.host.command.builtin.QueueCommand;
import dev.voicesession.host.command.builtin.ReloadCommand;
import dev.voicesession.host.command.builtin.ShutdownCommand;
import dev.voicesession.host.config.DiscordSettings;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.config.PluginKeys;
import dev.voicesession.host.config.QueueSettings;
import dev.voicesession.host.db.Database;
import dev.voicesession.host.db.DatabaseKind;
import dev.voicesession.host.db.HostMigrations;
import dev.voicesession.host.db.IdentifyBuckets;
import dev.voicesession.host.jda.CoordinatedSessionController;
import dev.voicesession.host.jda.DiscordBinding;
import dev.voicesession.host.jda.GlobalRequestPacer;
import dev.voicesession.host.jda.JdaSetup;
import dev.voicesession.host.jda.ListenerHub;
import dev.voicesession.host.lifecycle.HostScheduler;
import dev.voicesession.host.lifecycle.StartupRunner;
import dev.voicesession.host.plugin.HostPluginContext;
import dev.voicesession.host.plugin.HostPluginManager;
import dev.voicesession.host.plugin.PluginReport;
import dev.voicesession.host.plugin.PluginWiring;
import dev.voicesession.host.queue.ArrivalClock;
import dev.voicesession.host.queue.ClusterSlots;
import dev.voicesession.host.queue.ConversationQueueImpl;
import dev.voicesession.host.queue.JdbcRequestStore;
import dev.voicesession.host.queue.RequestHandlers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.SessionController;
import okhttp3.Interceptor;
import org.pf4j.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embeddable bot host: plugins, their commands, the conversation queue and the database, added to
 * a bot. Every feature is wired here, in start order.
 *
 * <p>Attached to an operator's client ({@link BotHostBuilder#attach(JDA)} or {@link
 * BotHostBuilder#attach(ShardManager)}), the host adds one event listener to it and removes it on stop;
 * it never logs the client in, shuts it down, changes JDA's JVM-wide defaults, or touches commands and
 * interactions that are not its own. Without a client it builds, logs in and shuts down a shard manager
 * of its own from the {@code discord} section, as the reference bot does.
 *
 * <p>{@link BotHostBuilder#start()} connects (waits until every shard of this process is ready), opens
 * the database, creates the queue, loads and starts the plugins, wires their extensions in, registers
 * slash commands, runs the startup participants and then takes commands. {@link #stop()} undoes it in
 * order; an attached host also stops by itself, first, when the operator shuts the client down.
 *
 * <pre>{@code
 * JDA jda = JDABuilder.createDefault(token, BotHost.INTENTS).addEventListeners(myListener).build();
 * BotHost voice = BotHost.builder()
 *         .config(ConfigLoader.load(Path.of("config/voice.yml"), true, System.getenv()))
 *         .attach(jda)
 *         .start();
 * }</pre>
 */
public final class BotHost {

    /**
     * The gateway intents the host and the voice plugin need: guild messages and their content (prefix
     * commands; Message Content is privileged and must be enabled in the developer portal), voice states
     * (sessions) and direct messages (a refusal for guild-only commands sent there).
     */
    public static final Set<GatewayIntent> INTENTS = JdaSetup.INTENTS;

    /**
     * The permissions the bot needs where it works: messages, voice, and creating and arranging
     * channels (the voice plugin's private channels need Manage Channels and Manage Roles for their
     * overwrites, and Move Members to take members out when a session ends).
     */
    public static final Set<Permission> PERMISSIONS = Collections.unmodifiableSet(EnumSet.of(
            Permission.VIEW_CHANNEL,
            Permission.MESSAGE_SEND,
            Permission.MESSAGE_HISTORY,
            Permission.MESSAGE_EMBED_LINKS,
            Permission.MANAGE_CHANNEL,
            Permission.MANAGE_ROLES,
            Permission.VOICE_CONNECT,
            Permission.VOICE_SPEAK,
            Permission.VOICE_USE_VAD,
            Permission.VOICE_MOVE_OTHERS));

    private static final Logger log = LoggerFactory.getLogger(BotHost.class);

    private final HostConfig config;
    private final Clock clock;
    private final Path pluginsDir;
    private final DiscordBinding binding;
    private final DataSource suppliedDataSource;
    private final PrefixRule prefixRule;
    private final Set<BuiltInCommand> builtIns;
    private final SlashRegistration slashRegistration;
    private final List<BotCommand> extraCommands;
    private final List<RequestHandler> extraHandlers;
    private final Scheduler scheduler;
    private final HostScheduler ownScheduler;
    private final ConfigReloader reloader;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("host-worker-", 0).factory());
    private final RequestHandlers handlers = new RequestHandlers();
    private final ArrivalClock arrivals;
    private final ListenerHub listeners = new ListenerHub();
    private final CommandRegistry registry = CommandRegistry.empty();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private Database database;
    private DataSource dataSource;
    private ConversationQueueImpl queue;
    private DiscordClient discord;
    private HostPluginManager pluginManager;
    private PluginWiring wiring;
    private PluginReport pluginReport = new PluginReport(List.of());
    private CommandListener commandListener;
    private SlashCommands slash;

    BotHost(BotHostBuilder builder) {
        this.config = Objects.requireNonNull(builder.config, "config");
        this.clock = builder.clock;
        this.pluginsDir = builder.pluginsDir != null ? builder.pluginsDir : config.plugins().dir();
        this.binding = builder.binding(this::openDatabase);
        this.suppliedDataSource = builder.dataSource;
        this.prefixRule = builder.prefixRule != null ? builder.prefixRule : guildId -> config().bot().prefixFor(guildId);
        this.builtIns = builder.builtIns();
        this.slashRegistration = builder.slashRegistration();
        this.extraCommands = List.copyOf(builder.extraCommands);
        this.extraHandlers = List.copyOf(builder.extraHandlers);
        this.ownScheduler = builder.scheduler == null ? new HostScheduler() : null;
        this.scheduler = builder.scheduler != null ? builder.scheduler : ownScheduler;
        this.reloader = new ConfigReloader(config, builder.configReader);
        this.arrivals = new ArrivalClock(clock);
    }

    /**
     * Starts describing a host.
     *
     * @return a builder
     */
    public static BotHostBuilder builder() {
        return new BotHostBuilder();
    }

    /**
     * Returns an OkHttp interceptor that paces a process's REST requests below its share of Discord's global
     * rate limit, for an operator who builds the bot's JDA client and attaches the host to it.
     *
     * <p>Discord allows a bot 50 requests a second over all routes (more if Discord raised it for the bot),
     * whichever process sends them. JDA waits only after a 429 answer, and Discord counts those answers toward
     * its invalid request limit (10,000 in 10 minutes per IP address, then a temporary block). The interceptor
     * holds each request on JDA's requester thread until this process's share allows it: {@code globalLimit *
     * shards / shardsTotal} requests a second, less a tenth. Interaction callbacks and token webhooks, which the
     * limit does not cover, pass at once. The owned host installs one from {@code discord.globalRateLimit}.
     *
     * <pre>{@code
     * ShardManager shards = DefaultShardManagerBuilder.createDefault(token, BotHost.INTENTS)
     *         .setShardsTotal(8)
     *         .setShards(0, 3)                                  // this process's range: half of the limit
     *         .setHttpClientBuilder(new OkHttpClient.Builder()
     *                 .addInterceptor(BotHost.globalRequestPacer(50, 4, 8)))
     *         .build();
     * }</pre>
     *
     * @param globalLimit the bot's global limit in requests a second, 50 unless Discord raised it
     * @param shards how many of the bot's shards this process runs
     * @param shardsTotal the bot's shard count (the same number as {@code shards} for a bot in one process)
     * @return the interceptor, for {@code OkHttpClient.Builder.addInterceptor}
     * @throws IllegalArgumentException if a number is not positive or {@code shards > shardsTotal}
     */
    public static Interceptor globalRequestPacer(int globalLimit, int shards, int shardsTotal) {
        return GlobalRequestPacer.forShare(globalLimit, shards, shardsTotal);
    }

    /**
     * Returns a JDA session controller that coordinates IDENTIFY through a database with the bot's other
     * processes, for an operator who runs the bot's shards in several processes and attaches the host to each.
     *
     * <p>Discord lets a bot send one IDENTIFY per {@code max_concurrency} bucket ({@code shard_id %
     * max_concurrency}) every 5 seconds, across all its connections; JDA's own controllers keep to that within
     * one process only. This one takes the bucket in the table {@code gateway_identify} first (a row lock:
     * {@code SELECT ... FOR UPDATE} on PostgreSQL, {@code BEGIN IMMEDIATE} on SQLite), so that processes sharing
     * the database never identify in one bucket within 5 s. In owned mode the host uses the same controller
     * itself; when attached, the client and its session controller are the operator's, so set it in every
     * process, before the client logs in:
     *
     * <pre>{@code
     * DataSource db = ...;   // the same database in every process of the bot, also given to the host
     * ShardManager shards = DefaultShardManagerBuilder.createDefault(token, BotHost.INTENTS)
     *         .setShardsTotal(8)
     *         .setShards(0, 3)                                 // this process's range
     *         .setSessionController(BotHost.sessionController(db))
     *         .build();
     * BotHost host = BotHost.builder().configFile(Path.of("config/voice.yml"))
     *         .dataSource(db)
     *         .attach(shards)
     *         .start();
     * }</pre>
     *
     * <p>The controller creates its table at once (the host's migrations, history in {@code
     * host_flyway_history}). Waiting for a bucket happens on the controller's own worker threads, never on a JDA
     * event thread. It connects to the gateway Discord advertises.
     *
     * @param dataSource the database the bot's processes share (PostgreSQL, or one SQLite file on one machine)
     * @return the controller, for {@code DefaultShardManagerBuilder.setSessionController} or {@code
     *     JDABuilder.setSessionController}
     * @throws dev.voicesession.host.db.DatabaseException if the database cannot be reached or its table created
     */
    public static SessionController sessionController(DataSource dataSource) {
        HostMigrations.migrate(dataSource);
        IdentifyBuckets buckets = IdentifyBuckets.over(dataSource);
        return new CoordinatedSessionController(() -> buckets, Optional.empty(),
                DiscordSettings.DISCORD_IDENTIFY_INTERVAL);
    }

    void start() {
        config.warnings().forEach(log::warn);
        if (binding.owned() && !config.discord().hasToken()) {
            throw new ConfigException(config.source(), "discord.token", "is not set; set the environment variable"
                    + " DISCORD_TOKEN or discord.token in the config file");
        }
        listeners.add(new ClientShutdownWatch());
        connect();
        // Discord and the token are known good from here on; only now is anything written.
        openDatabase();
        ClusterSlots cluster = clusterSlots();
        DiscordClient client = discord;
        queue = ConversationQueueImpl.durable(config.queue().slots(), handlers::find, workers, clock,
                new JdbcRequestStore(dataSource, cluster), arrivals, client::servesGuild, cluster);

        pluginManager = new HostPluginManager(pluginsDir, config::isPluginEnabled, this::contextFor,
                (pluginId, plugin) -> PluginKeys.check(reloader.current(), pluginId, plugin.configKeys()));
        slash = new SlashCommands(registry, config.bot().slashCommands(), slashRegistration);
        wiring = new PluginWiring(pluginManager, registry, listeners, handlers, new PluginWiring.CommandChanges() {
            @Override
            public void added(List<RegisteredCommand> commands) {
                slash.added(commands);
            }

            @Override
            public void removed(List<RegisteredCommand> commands) {
                slash.removed(commands);
            }
        }, participants -> workers.execute(() -> new StartupRunner(pluginManager::ownerOf).run(participants, discord)));
        pluginReport = pluginManager.loadAndStart();
        pluginManager.configurationFailure().ifPresent(mistake -> {
            throw mistake;
        });
        registerBuiltIns();
        extraHandlers.forEach(handler -> handlers.register(handler, "host"));
        pluginReport.started().forEach(wiring::wire);
        pluginManager.lifecycle(wiring);

        commandListener = new CommandListener(registry, new CommandRunner(new CommandChecks(new CooldownTracker(clock))),
                prefixRule, config.bot().owners(), slash.answersUnknown(), workers, arrivals);
        listeners.add(commandListener);
        listeners.add(slash);
        slash.register(discord, Duration.ofSeconds(30));
        new StartupRunner(pluginManager::ownerOf).run(wiring.startupParticipants(), discord);
        // After the plugins reconciled what the previous run left, before the first new command.
        queue.restore(new DiscordStatusRestorer(discord, clock));
        commandListener.open();
        log.info("Host started: {} shard(s), {} guild(s), plugins {}, {} command(s)", discord.shards().size(),
                discord.guilds().size(), pluginReport.started(), registry.commands().size());
    }

    /**
     * The slots shared by every process of the bot, for {@code queue.scope: cluster}, which needs PostgreSQL;
     * {@code null} for slots of this process's own.
     */
    private ClusterSlots clusterSlots() {
        QueueSettings queueSettings = config.queue();
        if (queueSettings.scope() != QueueSettings.Scope.CLUSTER) {
            return null;
        }
        if (DatabaseKind.of(dataSource) != DatabaseKind.POSTGRESQL) {
            throw new ConfigException(config.source(), "queue.scope", "is cluster, which needs one PostgreSQL database"
                    + " shared by every process of the bot; set database.url (or give the host a PostgreSQL"
                    + " DataSource), or use queue.scope: process");
        }
        String owner = "pid" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new ClusterSlots(dataSource, queueSettings.slots(), owner, queueSettings.lease(), clock);
    }

    private void registerBuiltIns() {
        if (builtIns.contains(BuiltInCommand.HELP)) {
            registry.add(new HelpCommand(() -> registry, config.bot().owners()), "host");
        }
        if (builtIns.contains(BuiltInCommand.QUEUE)) {
            registry.add(new QueueCommand(queue, clock), "host");
        }
        if (builtIns.contains(BuiltInCommand.RELOAD)) {
            registry.add(new ReloadCommand(this::reload), "host");
        }
        if (builtIns.contains(BuiltInCommand.SHUTDOWN)) {
            registry.add(new ShutdownCommand(this::stopInBackground), "host");
        }
        extraCommands.forEach(command -> registry.add(command, "host"));
    }

    private void connect() {
        Duration timeout = config.discord().readyTimeout();
        try {
            discord = binding.connect(listeners, timeout);
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

    /**
     * Opens the database (the operator's, or the pool of {@code database.*}) and migrates the host's tables, once.
     * Nothing is written before Discord has accepted the token. A process that runs a range of the bot's shards
     * needs the database before its first IDENTIFY, which it coordinates with the bot's other processes: its
     * session controller calls this as soon as Discord answered {@code GET gateway/bot}. Otherwise it runs once
     * every shard is ready.
     */
    private synchronized DataSource openDatabase() {
        if (dataSource == null) {
            if (suppliedDataSource != null) {
                HostMigrations.migrate(suppliedDataSource);
                dataSource = suppliedDataSource;
            } else {
                database = Database.open(config.database());
                HostMigrations.migrate(database.dataSource());
                dataSource = database.dataSource();
            }
        }
        return dataSource;
    }

    private PluginContext contextFor(String pluginId) {
        return new HostPluginContext(pluginId, discord, dataSource, reloader.current().pluginConfig(pluginId),
                queue, scheduler, clock, config.bot().owners());
    }

    /**
     * Re-reads the configuration from where it came from and hands each running plugin its new section.
     * Nothing changes when the file has a mistake or a plugin refuses its new section.
     *
     * @return one line for each setting that keeps its old value until a restart; empty when everything
     *     was applied
     * @throws ConfigException if the file has a mistake or a plugin refused its new section
     * @throws IllegalStateException if the host was given its configuration in code, with nothing to re-read
     */
    public List<String> reload() {
        return reloader.reload(pluginManager);
    }

    /**
     * Returns the slash-command data of the commands the host runs now, for an operator who registers
     * the bot's commands itself ({@link SlashRegistration#HAND_OVER}).
     *
     * @return the command data
     */
    public List<CommandData> slashCommandData() {
        return slash == null ? List.of() : slash.data();
    }

    /**
     * Stops the host in order: stop taking commands, cancel pending requests, call the shutdown
     * participants in order within their deadlines, remove the plugins' commands and listeners, stop the
     * plugins, shut an owned client down (or remove the host's listener from an attached one), stop the
     * executors and close the database it opened. Idempotent: a later call waits for the first to finish.
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
     * Simulates a crash for restart tests: shuts an owned client down at once and closes the database
     * WITHOUT calling the shutdown participants or stopping the plugins. Does nothing more if the host is
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
        return new HostShutdown.Parts(config.bot().shutdownDeadline(), commandListener, slash, queue, listeners, wiring,
                pluginManager, binding, workers, ownScheduler, database);
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
     * Returns the bot's Discord client as plugins see it.
     *
     * @return the client view
     */
    public DiscordClient discord() {
        return discord;
    }

    /**
     * Returns the shard manager, when the bot runs one (the host's own, or the operator's).
     *
     * @return the shard manager
     * @throws IllegalStateException if the host is attached to a single {@code JDA}
     */
    public ShardManager shardManager() {
        return binding.shardManager().orElseThrow(() -> new IllegalStateException(
                "The host is attached to a single JDA, not a shard manager; use discord()"));
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
     * Returns the PF4J plugin manager. Stopping, disabling or unloading a plugin through it removes the
     * plugin's commands, listeners and request handlers and ends its work through its shutdown
     * participants; starting it again puts them back.
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
     * Returns the data source the host shares with its plugins: the operator's, or the pool the host
     * opened (closed once the host stopped).
     *
     * @return the data source
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Returns the configuration the host runs with, the latest one after a {@link #reload()}.
     *
     * @return the configuration
     */
    public HostConfig config() {
        return reloader.current();
    }

    /**
     * Returns the names of the top-level commands the host runs now, for an operator's own help.
     *
     * @return the command names, in registration order
     */
    public List<String> commandNames() {
        return registry.commands().stream().map(command -> command.spec().name()).toList();
    }

    /**
     * Returns the command prefix that applies in a guild.
     *
     * @param guildId the guild, or 0 for direct messages
     * @return the prefix
     */
    public String prefixFor(long guildId) {
        return prefixRule.prefixFor(guildId);
    }

    /**
     * Returns the extension instances of one kind that the running plugins contribute, for tools such
     * as the sandbox console.
     *
     * @param type the extension point
     * @param <T> the extension point
     * @return the extensions of the started plugins
     */
    public <T> List<T> extensions(Class<T> type) {
        return pluginManager == null ? List.of() : pluginManager.getExtensions(type);
    }

    /**
     * Stops an attached host first when the operator shuts the client down: JDA reports SHUTTING_DOWN
     * on the thread that asked for the shutdown, while the gateway and REST still work, so the host's
     * sessions end before the client goes away.
     */
    private final class ClientShutdownWatch implements EventListener {
        @Override
        public void onEvent(GenericEvent event) {
            if (event instanceof StatusChangeEvent change && change.getNewStatus() == JDA.Status.SHUTTING_DOWN
                    && !binding.owned() && !stopping.get()) {
                log.info("The bot's client is shutting down (shard '{}'); stopping the host first",
                        change.getJDA().getShardInfo().getShardId());
                stop();
            }
        }
    }

}
