package dev.voicesession.bench.agent;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * Counts every connection borrowed from the host's HikariCP pool (one per database operation or
 * transaction), by the kind of thread that borrowed it, and separately the ones borrowed while a JDA event was
 * being handled on that thread ({@link TimedEventManager#inEvent()}). HikariCP calls {@link
 * IMetricsTracker#recordConnectionAcquiredNanos} on the borrowing thread, so no wrapper around the
 * {@code DataSource} the plugin holds is needed.
 */
final class DbProbe implements MetricsTrackerFactory {
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final Map<String, LongAdder> byThread = new ConcurrentHashMap<>();
    private final LongAdder inEvent = new LongAdder();
    private final LongAdder onJdaThreads = new LongAdder();
    private final LongAdder total = new LongAdder();

    @Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        return new IMetricsTracker() {
            @Override
            public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
                borrowed();
            }
        };
    }

    private void borrowed() {
        Thread thread = Thread.currentThread();
        if (thread.getName().equals(AgentServer.THREAD)) {
            return; // the commit probe hooking the pool's connections, not the host
        }
        String kind = (thread.isVirtual() ? "virtual " : "") + DIGITS.matcher(thread.getName()).replaceAll("#");
        byThread.computeIfAbsent(kind, k -> new LongAdder()).increment();
        total.increment();
        if (TimedEventManager.inEvent()) {
            inEvent.increment();
        }
        if (isJdaThread(thread.getName())) {
            onJdaThreads.increment();
        }
    }

    /** JDA names its threads after the shard ("JDA [0 / 1] MainWS-ReadThread"), or with a JDA prefix. */
    static boolean isJdaThread(String name) {
        return name.startsWith("JDA") || name.contains("MainWS") || name.contains("RateLimit")
                || name.contains("Gateway-Worker") || name.contains("Callback") || name.contains("Audio");
    }

    /** Counts since the last drain, then zeroed. */
    synchronized Snapshot drain() {
        Map<String, Long> threads = new TreeMap<>();
        byThread.forEach((kind, count) -> threads.put(kind, count.sumThenReset()));
        threads.values().removeIf(count -> count == 0);
        return new Snapshot(total.sumThenReset(), inEvent.sumThenReset(), onJdaThreads.sumThenReset(), threads);
    }

    /**
     * Connection borrows.
     *
     * @param total every borrow
     * @param inEvent borrows while the thread was running JDA event listeners
     * @param onJdaThreads borrows on threads JDA created (event, websocket, rate-limit, callback, audio threads)
     * @param byThread borrows by thread name with digits replaced by {@code #}
     */
    record Snapshot(long total, long inEvent, long onJdaThreads, Map<String, Long> byThread) {}
}
