package dev.voicesession.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The host's memory as the agent reads it. */
public final class Memory {
    private Memory() {}

    /**
     * Memory after a full GC.
     *
     * @param heapUsed live heap, bytes
     * @param heapCommitted heap the JVM holds from the OS, bytes
     * @param nonHeapUsed non-heap (metaspace, code cache), bytes
     * @param metaspaceUsed metaspace, bytes
     * @param rss resident set size of the process, bytes
     * @param threads live threads
     * @param classes loaded classes
     */
    public record Reading(long heapUsed, long heapCommitted, long nonHeapUsed, long metaspaceUsed, long rss,
            long threads, long classes) {
        static Reading parse(JsonNode node) {
            return new Reading(node.path("heapUsed").asLong(), node.path("heapCommitted").asLong(),
                    node.path("nonHeapUsed").asLong(), node.path("metaspaceUsed").asLong(), node.path("rss").asLong(),
                    node.path("threads").asLong(), node.path("classes").asLong());
        }
    }

    /**
     * A periodic sample (heap used includes garbage not yet collected).
     *
     * @param nanos when
     * @param heapUsed heap used, bytes
     * @param rss resident set size, bytes
     */
    public record Sample(long nanos, long heapUsed, long rss) {}

    /** Runs a full GC in the host and reads its memory. */
    public static Reading afterGc(HostProcess host) {
        return Reading.parse(host.get("/memory/gc"));
    }

    /** The periodic samples since the last call. */
    public static List<Sample> samples(HostProcess host) {
        List<Sample> samples = new ArrayList<>();
        for (JsonNode row : host.get("/memory/samples")) {
            samples.add(new Sample(row.get(0).asLong(), row.get(1).asLong(), row.get(2).asLong()));
        }
        return samples;
    }
}
