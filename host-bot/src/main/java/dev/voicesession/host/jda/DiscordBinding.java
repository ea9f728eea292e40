package dev.voicesession.host.jda;

import dev.voicesession.api.DiscordClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the host holds the bot's Discord client: its own shard manager, which it logs in and shuts down
 * (the reference bot), or the operator's {@code JDA} or {@code ShardManager}, to which it only adds its
 * one listener and from which it removes it again.
 */
public abstract sealed class DiscordBinding {

    private static final Logger log = LoggerFactory.getLogger(DiscordBinding.class);

    private DiscordBinding() {}

    /**
     * Binds to a shard manager the host builds, logs in and shuts down.
     *
     * @param builder the configured builder; built when the host connects
     * @return the binding
     */
    public static DiscordBinding owned(Supplier<DefaultShardManagerBuilder> builder) {
        return new Owned(builder);
    }

    /**
     * Binds to the operator's client; the host never logs it in or shuts it down.
     *
     * @param jda the operator's client, logging in or logged in
     * @return the binding
     */
    public static DiscordBinding attached(JDA jda) {
        return new Attached(DiscordClient.of(jda), readiness -> readiness.watch(jda), jda::addEventListener,
                jda::removeEventListener, null);
    }

    /**
     * Binds to the operator's shard manager; the host never logs it in or shuts it down.
     *
     * @param shardManager the operator's shard manager, logging in or logged in
     * @return the binding
     */
    public static DiscordBinding attached(ShardManager shardManager) {
        return new Attached(DiscordClient.of(shardManager), readiness -> readiness.watch(shardManager),
                shardManager::addEventListener, shardManager::removeEventListener, shardManager);
    }

    /**
     * Adds the host's listener and waits until every shard of this process is connected; an owned
     * shard manager is built and logged in first.
     *
     * @param listener the host's one listener (its hub)
     * @param timeout how long to wait for the shards
     * @return the client view for plugins
     * @throws TimeoutException if a shard is not connected in time
     * @throws ExecutionException if a shard failed to log in
     * @throws InterruptedException if interrupted while waiting
     */
    public abstract DiscordClient connect(EventListener listener, Duration timeout)
            throws TimeoutException, ExecutionException, InterruptedException;

    /**
     * Removes the host's listener from an operator's client, or shuts an owned one down.
     *
     * @param listener the listener {@link #connect} added
     * @param deadline when an owned client must be down
     * @param now whether to drop an owned client's pending requests (a crash simulation)
     */
    public abstract void release(EventListener listener, Instant deadline, boolean now);

    /**
     * Tells whether the host owns the client (logs it in and shuts it down).
     *
     * @return {@code true} for {@link #owned}
     */
    public abstract boolean owned();

    /**
     * Returns the shard manager, when the client is one.
     *
     * @return the shard manager, or empty for a single {@code JDA} or before an owned one is built
     */
    public abstract Optional<ShardManager> shardManager();

    private static final class Owned extends DiscordBinding {
        private final Supplier<DefaultShardManagerBuilder> builder;
        private volatile ShardManager manager;

        Owned(Supplier<DefaultShardManagerBuilder> builder) {
            this.builder = builder;
        }

        @Override
        public DiscordClient connect(EventListener listener, Duration timeout)
                throws TimeoutException, ExecutionException, InterruptedException {
            ShardReadiness readiness = new ShardReadiness();
            manager = builder.get().addEventListeners(readiness, listener).build(false);
            readiness.watch(manager);
            manager.login();
            readiness.await(timeout);
            return DiscordClient.of(manager);
        }

        @Override
        public void release(EventListener listener, Instant deadline, boolean now) {
            ShardManager shardManager = manager;
            if (shardManager == null) {
                return;
            }
            // before login the shard manager has no shard cache at all
            List<JDA> shards = shardManager.getShardCache() == null ? List.of() : List.copyOf(shardManager.getShards());
            if (now) {
                shards.forEach(JDA::shutdownNow);
            }
            shardManager.shutdown();
            for (JDA shard : shards) {
                try {
                    Duration left = Duration.between(Instant.now(), deadline);
                    if (!shard.awaitShutdown(left.isNegative() ? Duration.ZERO : left)) {
                        log.warn("Shard '{}' not shut down by the deadline; forcing it", shard.getShardInfo().getShardId());
                        shard.shutdownNow();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    shard.shutdownNow();
                }
            }
        }

        @Override
        public boolean owned() {
            return true;
        }

        @Override
        public Optional<ShardManager> shardManager() {
            return Optional.ofNullable(manager);
        }
    }

    /** The operator's client: the host adds its listener and waits, and never logs in or shuts down. */
    private static final class Attached extends DiscordBinding {
        private final DiscordClient client;
        private final Consumer<ShardReadiness> watch;
        private final Consumer<Object[]> addListeners;
        private final Consumer<Object[]> removeListeners;
        private final ShardManager manager;

        Attached(DiscordClient client, Consumer<ShardReadiness> watch, Consumer<Object[]> addListeners,
                Consumer<Object[]> removeListeners, ShardManager manager) {
            this.client = client;
            this.watch = watch;
            this.addListeners = addListeners;
            this.removeListeners = removeListeners;
            this.manager = manager;
        }

        @Override
        public DiscordClient connect(EventListener listener, Duration timeout)
                throws TimeoutException, ExecutionException, InterruptedException {
            ShardReadiness readiness = new ShardReadiness();
            watch.accept(readiness);
            addListeners.accept(new Object[] {readiness, listener});
            try {
                readiness.await(timeout);
            } finally {
                removeListeners.accept(new Object[] {readiness});
            }
            return client;
        }

        @Override
        public void release(EventListener listener, Instant deadline, boolean now) {
            removeListeners.accept(new Object[] {listener});
        }

        @Override
        public boolean owned() {
            return false;
        }

        @Override
        public Optional<ShardManager> shardManager() {
            return Optional.ofNullable(manager);
        }
    }
}
