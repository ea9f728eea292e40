package dev.voicesession.voice.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.voice.reliability.StepScenarios.Cell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault matrix: for every step of creating and cleaning up a session and every fault that can happen
 * at that step, a user goes through a session with the fault injected there, the system settles, and
 * every {@link Invariants invariant} must hold. Cells run in parallel on a few reused worlds (host and
 * emulator), each cell in its own guild turn.
 */
@Execution(ExecutionMode.CONCURRENT)
class FaultMatrixIT {

    private static final Logger log = LoggerFactory.getLogger(FaultMatrixIT.class);
    private static final int WORLDS = Integer.getInteger("matrix.worlds", 8);
    private static final MatrixReport REPORT = new MatrixReport();

    @TempDir
    static Path dir;

    private static WorldPool pool;
    private static long started;

    @BeforeAll
    static void startPool() {
        started = System.nanoTime();
        pool = new WorldPool(dir, WORLDS, () -> new ReliabilityWorld.Settings().guilds(3));
    }

    @AfterAll
    static void report() {
        if (pool != null) {
            pool.close();
        }
        REPORT.write("fault-matrix", "Fault matrix: " + REPORT.runs() + " runs, " + REPORT.violations()
                + " with a broken invariant, " + (System.nanoTime() - started) / 1_000_000_000 + " s on " + WORLDS
                + " worlds (" + (pool == null ? 0 : pool.worldsStarted()) + " started)");
    }

    static List<Cell> cells() {
        return StepScenarios.cells();
    }

    @Test
    @DisplayName("an old edit that Discord carries out after a newer one does not leave the old text")
    void lateEditIsCorrected() throws InterruptedException {
        try (WorldPool.Lease lease = pool.borrow()) {
            ReliabilityWorld world = lease.world;
            ReliabilityWorld.Space space = lease.nextSpace();
            Driver driver = lease.driver;
            Invariants.Ask ask = driver.start(space, space.user(1));
            long channel = driver.awaitLive(ask, Duration.ofSeconds(20));

            // The "active" edit is held past the HTTP read time-out: JDA sends it again, which lands at once;
            // the user leaves, "ended" lands; then the first copy of "active" is carried out, last.
            lease.faults.slow(Step.STATUS_EDIT, FaultInjector.SLOW);
            world.join(space, space.user(1), channel);
            await().atMost(Duration.ofSeconds(10)).until(() -> driver.replyText(ask).orElse("").startsWith("Voice session active"));
            world.control.userLeavesVoice(space.id(), space.user(1).userId());
            await().atMost(Duration.ofSeconds(10)).until(() -> driver.rowOf(ask).map(r -> !r.active()).orElse(false));
            lease.faults.clear();
            List<String> violations = new ArrayList<>(lease.faults.awaitDrained());
            violations.addAll(driver.endEverything(Driver.SETTLE));
            driver.forgetAsks();
            if (!violations.isEmpty()) {
                lease.broken();
            }
            assertThat(violations).isEmpty();
            assertThat(driver.replyText(ask)).hasValue("Voice session ended: you left the channel.");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    @DisplayName("a fault at a step of a session's life breaks no invariant")
    void cell(Cell cell) throws InterruptedException {
        List<String> violations;
        long start;
        try (WorldPool.Lease lease = pool.borrow()) {
            start = System.nanoTime();
            ReliabilityWorld.Space space = lease.nextSpace();
            violations = new StepScenarios(lease.driver, lease.faults).run(cell, space, space.user(0));
            if (!violations.isEmpty()) {
                lease.broken();
            }
        }
        REPORT.record(cell.step(), cell.fault(), !violations.isEmpty());
        log.info("Cell '{}' took {} ms, {} violation(s) {}", cell, (System.nanoTime() - start) / 1_000_000,
                violations.size(), violations);
        assertThat(violations).as("invariants broken by %s", cell).isEmpty();
    }
}
