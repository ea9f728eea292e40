package dev.voicesession.host.jda;

import dev.voicesession.host.db.DatabaseException;
import dev.voicesession.host.db.IdentifyBuckets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JDA's session controller for a bot whose shards may run in several processes: before a shard sends IDENTIFY,
 * it takes the shard's {@code max_concurrency} bucket ({@code shard_id % max_concurrency}) in the {@link
 * IdentifyBuckets} the processes share (the database's {@code gateway_identify} table; memory for a process that
 * runs all shards), so that no two of them identify in one bucket within the interval (Discord's 5 s). Shards of different buckets connect in parallel, those of one bucket one after the other. It
 * also connects to a configured gateway URL instead of the one Discord advertises ({@code discord.gatewayUrl}),
 * while the shard count and {@code max_concurrency} still come from {@code GET gateway/bot}.
 *
 * <p>Each bucket has a worker thread of its own while it has shards to connect; all waiting (for the bucket, or
 * for the database after an error) happens there, never on a JDA event thread. A shard runs as JDA's own
 * controllers run it: the worker returns once the shard got READY or went back to the queue, which is after
 * Discord received its IDENTIFY.
 */
public final class CoordinatedSessionController extends SessionControllerAdapter {

    /** The longest a process may take from taking a bucket to sending IDENTIFY (JDA gives HELLO 10 s). */
    static final Duration CONNECT_ALLOWANCE = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(CoordinatedSessionController.class);
    private static final Duration CONNECTING_POLL = Duration.ofMillis(250);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(10);

    private final Supplier<IdentifyBuckets> bucketsSource;
    private final String gatewayUrl;
    private final Duration interval;
    private final Map<Integer, Worker> workers = new HashMap<>();
    private volatile int concurrency;
    private IdentifyBuckets buckets;

    /**
     * Creates the controller.
     *
     * @param buckets opens the buckets (the {@code gateway_identify} table); called once, when Discord first
     *     answered {@code GET gateway/bot} (so a database problem stops the start on the thread that logs in) or
     *     before the first IDENTIFY
     * @param gatewayUrl the gateway to connect to instead of Discord's, if any
     * @param interval how long after an IDENTIFY the bucket stays closed to every process of the bot
     */
    public CoordinatedSessionController(Supplier<IdentifyBuckets> buckets, Optional<String> gatewayUrl,
            Duration interval) {
        this.bucketsSource = Objects.requireNonNull(buckets, "buckets");
        this.gatewayUrl = gatewayUrl.orElse(null);
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    @Override
    public void setConcurrency(int level) {
        concurrency = Math.max(1, level);
    }

    @Override
    public void appendSession(SessionConnectNode node) {
        Worker worker;
        synchronized (workers) {
            workers.values().forEach(queued -> queued.dequeue(node));
            int key = concurrency > 0 ? node.getShardInfo().getShardId() % concurrency : node.getShardInfo().getShardId();
            worker = workers.computeIfAbsent(key, Worker::new);
        }
        worker.enqueue(node);
    }

    @Override
    public void removeSession(SessionConnectNode node) {
        synchronized (workers) {
            workers.values().forEach(worker -> worker.dequeue(node));
        }
    }

    @Override
    public String getGateway() {
        return gatewayUrl != null ? gatewayUrl : super.getGateway();
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        ShardedGateway advertised = super.getShardedGateway(api);
        buckets();
        return gatewayUrl == null
                ? advertised
                : new ShardedGateway(gatewayUrl, advertised.getShardTotal(), advertised.getConcurrency());
    }

    private synchronized IdentifyBuckets buckets() {
        if (buckets == null) {
            buckets = bucketsSource.get();
        }
        return buckets;
    }

    /**
     * The shard's bucket. A shard manager tells the concurrency before its first shard connects; a single
     * sharded {@code JDA} does not, so it is asked of Discord once, here on the worker thread.
     */
    private int bucketOf(SessionConnectNode node) {
        int shardId = node.getShardInfo().getShardId();
        if (shardId == 0) {
            return 0;
        }
        if (concurrency == 0) {
            synchronized (this) {
                if (concurrency == 0) {
                    concurrency = Math.max(1, super.getShardedGateway(node.getJDA()).getConcurrency());
                }
            }
        }
        return shardId % concurrency;
    }

    /** Connects the shards of one bucket in turn; runs on a thread of its own while it has shards to connect. */
    private final class Worker implements Runnable {
        private final int key;
        private final Queue<SessionConnectNode> queue = new ConcurrentLinkedQueue<>();
        private Thread thread;

        Worker(int key) {
            this.key = key;
        }

        synchronized void enqueue(SessionConnectNode node) {
            queue.remove(node);
            queue.add(node);
            if (thread == null) {
                thread = Thread.ofPlatform().daemon().name("identify-bucket-" + key).start(this);
            }
        }

        void dequeue(SessionConnectNode node) {
            queue.remove(node);
        }

        @Override
        public void run() {
            try {
                SessionConnectNode node;
                while ((node = queue.peek()) != null) {
                    connect(node);
                }
            } catch (InterruptedException e) {
                log.warn("IDENTIFY worker '{}' interrupted; {} shard(s) left in its queue", key, queue.size());
                Thread.currentThread().interrupt();
            } finally {
                synchronized (this) {
                    thread = null;
                    if (!queue.isEmpty() && !Thread.currentThread().isInterrupted()) {
                        thread = Thread.ofPlatform().daemon().name("identify-bucket-" + key).start(this);
                    }
                }
            }
        }

        private void connect(SessionConnectNode node) throws InterruptedException {
            Optional<Taken> taken = take(node);
            if (taken.isEmpty()) {
                return;
            }
            if (!queue.remove(node)) {
                finish(taken.get());
                return;
            }
            try {
                node.run(false);
            } catch (InterruptedException e) {
                queue.add(node);
                throw e;
            } catch (RuntimeException e) {
                // as JDA's own controllers do: a shard that could not connect goes back to the queue
                log.error("Shard '{}' failed to connect; it is queued again", node.getShardInfo(), e);
                queue.add(node);
            } finally {
                finish(taken.get());
            }
        }

        /** Waits until the node's bucket is this process's; empty if the node left the queue meanwhile. */
        private Optional<Taken> take(SessionConnectNode node) throws InterruptedException {
            Duration retry = FIRST_RETRY;
            while (queue.contains(node)) {
                int bucket;
                IdentifyBuckets.Attempt attempt;
                try {
                    bucket = bucketOf(node);
                    attempt = buckets().tryTake(bucket, interval, CONNECT_ALLOWANCE);
                } catch (DatabaseException | IllegalStateException e) {
                    log.warn("Shard '{}' cannot take its IDENTIFY bucket; trying again in {} ms", node.getShardInfo(),
                            retry.toMillis(), e);
                    Thread.sleep(retry);
                    retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
                    continue;
                }
                if (attempt.taken()) {
                    return Optional.of(new Taken(bucket, attempt.reservation()));
                }
                log.debug("Shard '{}' waits up to {} ms for IDENTIFY bucket {}{}", node.getShardInfo(),
                        attempt.retryAfter().toMillis(), bucket, attempt.connecting() ? " (a process is connecting in it)" : "");
                Thread.sleep(attempt.connecting() && attempt.retryAfter().compareTo(CONNECTING_POLL) > 0
                        ? CONNECTING_POLL
                        : attempt.retryAfter());
            }
            return Optional.empty();
        }

        private void finish(Taken taken) {
            try {
                buckets().finish(taken.bucket(), taken.reservation());
            } catch (DatabaseException e) {
                // the reservation stays: the bucket frees itself after the connect allowance and the interval
                log.warn("Cannot record the IDENTIFY in bucket {}; other processes wait until its reservation ends",
                        taken.bucket(), e);
            }
        }
    }

    private record Taken(int bucket, long reservation) {}
}
