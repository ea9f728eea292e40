package dev.voicesession.voice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seeded chaos run: {@code chaos.sequences} random {@link ChaosSequence sequences} (200 by default,
 * 2,000 with {@code -Pchaos}) of user flows, matrix faults and blips, run on {@code chaos.worlds} worlds at
 * once, each world running its share one after the other. After every sequence the system settles, every
 * session still running is ended, and every {@link Invariants invariant} must hold.
 *
 * <p>The seed is printed at the start; {@code -Dchaos.seed=<seed>} runs the same sequences again, and
 * {@code -Dchaos.only=<number>} only that one.
 */
class ChaosIT {

    private static final Logger log = LoggerFactory.getLogger(ChaosIT.class);

    @TempDir
    Path dir;

    @Test
    @DisplayName("random sequences of user actions, faults and timing break no invariant")
    void chaos() throws InterruptedException, ExecutionException {
        long seed = Long.getLong("chaos.seed", System.currentTimeMillis());
        int sequences = Integer.getInteger("chaos.sequences", 200);
        int worlds = Integer.getInteger("chaos.worlds", 14);
        long only = Long.getLong("chaos.only", -1L);
        List<Long> indexes = new ArrayList<>();
        for (long i = 0; i < sequences; i++) {
            if (only < 0 || only == i) {
                indexes.add(i);
            }
        }
        System.out.printf("Chaos run: seed %d, %d sequence(s) on %d world(s); reproduce with -Dchaos.seed=%d%n", seed,
                indexes.size(), worlds, seed);
        log.info("Chaos run: seed {}, {} sequence(s) on {} world(s)", seed, indexes.size(), worlds);

        MatrixReport cells = new MatrixReport();
        List<String> broken = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ran = new AtomicInteger();
        AtomicLong next = new AtomicLong();
        long started = System.nanoTime();
        try (WorldPool pool = new WorldPool(dir, worlds, () -> new ReliabilityWorld.Settings().guilds(3).usersPerGuild(2));
                ExecutorService lanes = Executors.newFixedThreadPool(worlds, Thread.ofPlatform().name("chaos-lane-", 0).factory())) {
            List<Future<?>> running = new ArrayList<>();
            for (int lane = 0; lane < worlds; lane++) {
                running.add(lanes.submit(() -> {
                    for (int i = (int) next.getAndIncrement(); i < indexes.size(); i = (int) next.getAndIncrement()) {
                        ChaosSequence sequence = ChaosSequence.draw(seed, indexes.get(i));
                        List<String> violations = runOne(pool, sequence);
                        ran.incrementAndGet();
                        sequence.faults.forEach(c -> cells.record(c.step(), c.fault(), !violations.isEmpty()));
                        if (!violations.isEmpty()) {
                            broken.add(sequence + " -> " + violations);
                            log.error("Chaos {} broke invariants: {}", sequence, violations);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> lane : running) {
                lane.get();
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        String summary = "Chaos run: seed " + seed + ", " + ran.get() + " sequences run, " + broken.size()
                + " broke an invariant, " + seconds + " s on " + worlds + " worlds";
        System.out.println(summary);
        cells.write("chaos", summary + ". Faults drawn per step and fault (runs / sequences that broke an invariant):");
        assertThat(broken).as("sequences that broke an invariant (seed %d)", seed).isEmpty();
    }

    private static List<String> runOne(WorldPool pool, ChaosSequence sequence) throws InterruptedException {
        try (WorldPool.Lease lease = pool.borrow()) {
            ReliabilityWorld.Space space = lease.nextSpace();
            long start = System.nanoTime();
            List<String> violations = sequence.run(lease.driver, lease.faults, space);
            log.info("Chaos {} took {} ms, {} violation(s)", sequence, (System.nanoTime() - start) / 1_000_000,
                    violations.size());
            if (!violations.isEmpty()) {
                lease.broken();
            }
            return violations;
        }
    }
}
