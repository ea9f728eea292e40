package dev.voicesession.host.jda;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * Completes once every shard of the manager is {@code CONNECTED}, and fails as soon as one fails to log
 * in. Registered before login so that no status change is missed.
 */
public final class ShardReadiness implements EventListener {

    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile Supplier<List<JDA>> shards;
    private volatile IntSupplier queued = () -> 0;

    /**
     * Starts watching a shard manager; call before {@link ShardManager#login()}.
     *
     * @param manager the shard manager
     */
    public void watch(ShardManager manager) {
        this.queued = manager::getShardsQueued;
        this.shards = () -> manager.getShardCache() == null ? List.of() : List.copyOf(manager.getShards());
    }

    /**
     * Starts watching one JDA client.
     *
     * @param jda the client
     */
    public void watch(JDA jda) {
        this.shards = () -> List.of(jda);
    }

    @Override
    public void onEvent(GenericEvent event) {
        if (event instanceof ShutdownEvent shutdown && shutdown.getCloseCode() != null
                && !shutdown.getCloseCode().isReconnect()) {
            // for example 4014: a privileged intent is not enabled; JDA will not reconnect
            ready.completeExceptionally(new GatewayClosedException(
                    shutdown.getJDA().getShardInfo().getShardId(), shutdown.getCloseCode().getCode()));
            return;
        }
        if (event instanceof StatusChangeEvent || event instanceof ReadyEvent) {
            check();
        }
    }

    /** Re-evaluates the shards' status. */
    public void check() {
        Supplier<List<JDA>> watched = shards;
        if (watched == null || ready.isDone()) {
            return;
        }
        List<JDA> current = watched.get();
        for (JDA shard : current) {
            if (shard.getStatus() == JDA.Status.FAILED_TO_LOGIN) {
                ready.completeExceptionally(new IllegalStateException("shard " + shard.getShardInfo().getShardId()
                        + " failed to log in"));
                return;
            }
        }
        boolean allConnected = queued.getAsInt() == 0
                && !current.isEmpty()
                && current.stream().allMatch(shard -> shard.getStatus() == JDA.Status.CONNECTED);
        if (allConnected) {
            ready.complete(null);
        }
    }

    /**
     * Waits for every shard.
     *
     * @param timeout how long to wait
     * @throws TimeoutException if the shards are not all connected in time
     * @throws ExecutionException if a shard failed to log in
     * @throws InterruptedException if interrupted while waiting
     */
    public void await(Duration timeout) throws TimeoutException, ExecutionException, InterruptedException {
        check();
        ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
