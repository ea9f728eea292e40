package dev.voicesession.host;

import dev.voicesession.api.Scheduler;
import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.config.ConfigException;
import dev.voicesession.api.queue.RequestHandler;
import dev.voicesession.host.config.HostConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Describes a {@link BotHost} to start; get one from {@link BotHost#builder()}. */
public final class BotHostBuilder {

    private static final Logger log = LoggerFactory.getLogger(BotHostBuilder.class);

    HostConfig config;
    Clock clock = Clock.systemUTC();
    Path pluginsDir;
    Consumer<DefaultShardManagerBuilder> jdaCustomizer = builder -> {};
    Scheduler scheduler;
    final List<BotCommand> extraCommands = new ArrayList<>();
    final List<RequestHandler> extraHandlers = new ArrayList<>();

    BotHostBuilder() {}

    /**
     * Sets the configuration (required).
     *
     * @param config the loaded configuration
     * @return this builder
     */
    public BotHostBuilder config(HostConfig config) {
        this.config = config;
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
     * Adjusts the JDA builder after the host configured it, for example to point it at the emulator
     * (its {@code RestConfig} and a {@code WebSocketFactory} with its {@code SSLContext}).
     *
     * @param jdaCustomizer runs last, before the shard manager is built
     * @return this builder
     */
    public BotHostBuilder jdaCustomizer(Consumer<DefaultShardManagerBuilder> jdaCustomizer) {
        this.jdaCustomizer = Objects.requireNonNull(jdaCustomizer, "jdaCustomizer");
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

    /**
     * Starts the host and blocks until every shard is connected and the startup participants ran.
     *
     * @return the running host
     * @throws ConfigException if the configuration lacks something the host needs (such as a token)
     * @throws HostStartException if the database, Discord or the shards cannot be reached; whatever
     *     had started is stopped again
     */
    public BotHost start() {
        BotHost host = new BotHost(this);
        try {
            host.start();
        } catch (RuntimeException | Error e) {
            // rethrown: the caller learns why; this only releases what had started
            log.warn("Host failed to start");
            host.abortStart();
            throw e;
        }
        return host;
    }
}
