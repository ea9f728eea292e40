package dev.voicesession.bench.agent;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Heap and resident set size of this process: sampled every {@link #PERIOD} on a daemon thread (heap used
 * includes garbage not yet collected), and on request after a full GC.
 */
final class MemorySampler {
    static final Duration PERIOD = Duration.ofMillis(50);
    private static final Path STATUS = Path.of("/proc/self/status");

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final LongRecords samples = new LongRecords(3, 1 << 12);
    private volatile boolean running = true;

    void start() {
        Thread.ofPlatform().name("bench-memory-sampler").daemon(true).start(() -> {
            while (running) {
                samples.add(System.nanoTime(), memory.getHeapMemoryUsage().getUsed(), rssBytes());
                try {
                    Thread.sleep(PERIOD);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    void stop() {
        running = false;
    }

    /** Rows of {@code [nanos, heapUsedBytes, rssBytes]}, forgotten once returned. */
    long[][] drain() {
        return samples.drain();
    }

    /** Runs a full GC twice, then reads heap, non-heap, metaspace, RSS, threads and loaded classes. */
    Map<String, Long> afterGc() {
        System.gc();
        System.gc();
        Map<String, Long> values = new LinkedHashMap<>();
        values.put("heapUsed", memory.getHeapMemoryUsage().getUsed());
        values.put("heapCommitted", memory.getHeapMemoryUsage().getCommitted());
        values.put("heapMax", memory.getHeapMemoryUsage().getMax());
        values.put("nonHeapUsed", memory.getNonHeapMemoryUsage().getUsed());
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                values.put("metaspaceUsed", pool.getUsage().getUsed());
            }
        }
        values.put("rss", rssBytes());
        values.put("threads", (long) ManagementFactory.getThreadMXBean().getThreadCount());
        values.put("classes", (long) ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
        return values;
    }

    /** VmRSS from /proc/self/status in bytes, or -1 where there is no /proc. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
