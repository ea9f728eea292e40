package dev.voicesession.host;

import dev.voicesession.host.command.CommandListener;
import dev.voicesession.host.command.SlashCommands;
import dev.voicesession.host.db.Database;
import dev.voicesession.host.jda.DiscordBinding;
import dev.voicesession.host.jda.ListenerHub;
import dev.voicesession.host.lifecycle.HostScheduler;
import dev.voicesession.host.lifecycle.ShutdownCoordinator;
import dev.voicesession.host.plugin.HostPluginManager;
import dev.voicesession.host.plugin.PluginWiring;
import dev.voicesession.host.queue.ConversationQueueImpl;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps that stop a {@link BotHost}, in order. Any part may be missing (a host that failed half-way
 * through its start), and a step that fails is logged without skipping the ones after it, so the
 * database is always closed.
 */
final class HostShutdown {

    private static final Logger log = LoggerFactory.getLogger(HostShutdown.class);

    /** The parts of the host to stop; any may be {@code null}. */
    record Parts(
            Duration deadline,
            CommandListener commandListener,
            SlashCommands slash,
            ConversationQueueImpl queue,
            ListenerHub listeners,
            PluginWiring wiring,
            HostPluginManager pluginManager,
            DiscordBinding discord,
            ExecutorService workers,
            HostScheduler ownScheduler,
            Database database) {}

    /** The least time the queue's last store writes get, even past the shutdown deadline. */
    private static final Duration MIN_FLUSH = Duration.ofSeconds(5);

    private final Parts parts;

    HostShutdown(Parts parts) {
        this.parts = parts;
    }

    /**
     * Stops in order: stop taking commands, cancel pending requests, call the shutdown participants,
     * stop the plugins, shut JDA down, stop the executors, write the queue's last changes to its store,
     * close the database.
     */
    void orderly() {
        log.info("Stopping the host");
        step("stop taking commands", () -> {
            if (parts.commandListener() != null) {
                parts.commandListener().close();
            }
        });
        step("close the queue", () -> {
            if (parts.queue() != null) {
                parts.queue().close();
            }
        });
        if (parts.pluginManager() != null && parts.wiring() != null) {
            step("shutdown participants", () -> new ShutdownCoordinator(parts.pluginManager()::ownerOf)
                    .run(parts.wiring().shutdownParticipants()));
            if (parts.slash() != null) {
                step("remove the host's slash commands from a bot that keeps running",
                        () -> parts.slash().removeAll(parts.deadline()));
            }
            step("remove plugin listeners, commands and handlers", parts.wiring()::unwireAll);
            step("stop plugins", parts.pluginManager()::stopPlugins);
        }
        Instant deadline = Instant.now().plus(parts.deadline());
        step(parts.discord().owned() ? "shut JDA down" : "remove the host's listener from the bot",
                () -> parts.discord().release(parts.listeners(), deadline, false));
        step("stop executors", () -> stopExecutors(deadline));
        step("write the queue's last changes", () -> {
            if (parts.queue() != null) {
                Duration left = Duration.between(Instant.now(), deadline);
                parts.queue().flushStore(left.compareTo(MIN_FLUSH) < 0 ? MIN_FLUSH : left);
            }
        });
        step("close the database", this::closeDatabase);
        log.info("Host stopped");
    }

    /**
     * Simulates a crash: JDA down at once, executors interrupted, the queue's unwritten changes dropped,
     * database closed; nothing else.
     */
    void crash() {
        log.warn("Stopping the host without cleanup (crash simulation)");
        stopNow();
    }

    /**
     * Undoes a start that failed half-way: like {@link #crash()}, but the plugins that started are
     * stopped, so that they release what {@code start()} took.
     */
    void afterFailedStart() {
        log.debug("Stopping what had started");
        if (parts.pluginManager() != null) {
            step("stop plugins", parts.pluginManager()::stopPlugins);
        }
        stopNow();
    }

    private void stopNow() {
        step("stop taking commands", () -> {
            if (parts.commandListener() != null) {
                parts.commandListener().close();
            }
        });
        step("shut JDA down now", () -> parts.discord().release(parts.listeners(), Instant.now().plusSeconds(5), true));
        step("stop executors now", () -> {
            parts.workers().shutdownNow();
            if (parts.ownScheduler() != null) {
                parts.ownScheduler().close();
            }
        });
        step("drop the queue's unwritten changes", () -> {
            if (parts.queue() != null) {
                parts.queue().abandonStore();
            }
        });
        step("close the database", this::closeDatabase);
    }

    private void stopExecutors(Instant deadline) {
        try {
            parts.workers().shutdown();
            Duration left = Duration.between(Instant.now(), deadline);
            if (!parts.workers().awaitTermination(Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS)) {
                log.warn("Commands and request handlers still running at the shutdown deadline; interrupting them");
                parts.workers().shutdownNow();
            }
            if (parts.ownScheduler() != null) {
                left = Duration.between(Instant.now(), deadline);
                parts.ownScheduler().shutdown(left.isNegative() ? Duration.ZERO : left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            parts.workers().shutdownNow();
            if (parts.ownScheduler() != null) {
                parts.ownScheduler().close();
            }
        }
    }

    private void closeDatabase() {
        if (parts.database() != null) {
            parts.database().close();
        }
    }

    /** Runs one step; a failure is logged and the next steps still run. */
    private static void step(String name, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("Shutdown step '{}' failed; going on with the next", name, e);
        }
    }
}
