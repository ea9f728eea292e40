package dev.voicesession.voice.reliability.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.voicesession.voice.testing.StoredSession;
import dev.voicesession.voice.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills the real host (a child process) with SIGKILL at every {@linkplain KillPoint kill point} of the
 * session lifecycle, starts it again, and checks after its startup reconciliation that no plugin channel
 * is left without an active session, no active session is left at all (so none whose channel is gone),
 * every row is whole, the queue is empty and the bot answers. Each run starts from the host the previous
 * run restarted, so a run also proves that the restarted host works.
 *
 * <p>The queue is durable: a request that waited when the host died (its status message not yet sent, or
 * queued behind a session) is served after the restart. For those kill points the check first waits until
 * each such user got a new session, and until that session, which nobody joins, ended by its timeout.
 *
 * <p>The default run ({@code reliability.killPoints=ci}) covers the {@linkplain KillPoint#selection CI
 * selection} once. With {@code -Pchaos} ({@code reliability.killPoints=all}, {@code reliability.rounds=3})
 * every point of the catalog runs three times: in catalog order, reversed, then shuffled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRestartIT {

    private static final Logger log = LoggerFactory.getLogger(CrashRestartIT.class);
    private static final Duration FIRE_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private ProcessWorld world;
    private final RunLog runs = new RunLog(runLogName());
    private final List<String> notReached = new ArrayList<>();

    @BeforeAll
    void start() {
        world = new ProcessWorld(dir, kind());
        world.writeConfig("    timeout: 3s\n");
        world.warmUp();
        world.startHost();
    }

    @AfterAll
    void stop() {
        try {
            runs.startups(world.startups());
            List<KillPoint> catalog = KillPoint.catalog();
            List<KillPoint> selected = KillPoint.selection(selectionName());
            runs.write(List.of(
                    "Kill points in the catalog: " + catalog.size() + " (scenarios: "
                            + catalog.stream().map(KillPoint::scenario).distinct().count() + ")",
                    "Selection '" + selectionName() + "': " + selected.size() + " kill points in "
                            + selected.stream().map(KillPoint::scenario).distinct().count() + " scenarios",
                    "Rounds: " + rounds(),
                    "Kill points not reached: " + (notReached.isEmpty() ? "none" : String.join(", ", notReached))));
        } finally {
            world.close();
        }
    }

    /** The database the host keeps its rows in. */
    TestDatabase.Kind kind() {
        return TestDatabase.Kind.SQLITE;
    }

    String runLogName() {
        return "crash-restart";
    }

    static int rounds() {
        return Integer.getInteger("reliability.rounds", 1);
    }

    String selectionName() {
        String name = System.getProperty("reliability.killPoints", "ci");
        return name.isBlank() ? "ci" : name;
    }

    @TestFactory
    @DisplayName("SIGKILL at every kill point, restart: no channel, session or queue slot is left behind")
    Stream<DynamicTest> killAndRestart() {
        List<KillPoint> catalog = KillPoint.selection(selectionName());
        return IntStream.range(0, rounds()).boxed().flatMap(round -> {
            List<KillPoint> order = new ArrayList<>(catalog);
            if (round % 2 == 1) {
                order = order.reversed();
            }
            if (round >= 2) {
                Collections.shuffle(order, new Random(round));
            }
            return order.stream().map(point -> dynamicTest(
                    (rounds() > 1 ? "round " + (round + 1) + ": " : "") + point.id(), () -> run(point)));
        });
    }

    private void run(KillPoint point) {
        try {
            killAndRestart(point);
        } catch (RuntimeException | AssertionError e) {
            // the next run starts from a fresh host and a reconciled state, whatever this one left
            if (world.host != null) {
                world.host.kill();
            }
            throw e;
        }
    }

    private void killAndRestart(KillPoint point) {
        long started = System.nanoTime();
        ensureHostRunning();
        resetUsers();
        Trigger trigger = point.trigger().apply(world);
        boolean reached;
        try {
            point.scenario().setup(new Driver(world, Trigger.manual("(setup)")));
            trigger.arm(world);
            try {
                point.scenario().drive(new Driver(world, trigger));
            } catch (Driver.HostKilled e) {
                log.debug("Kill point '{}' reached", point.id());
            }
            reached = trigger.awaitFired(FIRE_TIMEOUT);
        } finally {
            trigger.disarm(world);
            point.scenario().after(world);
        }
        if (!reached) {
            notReached.add(point.id());
            world.host.kill();
        }
        assertThat(reached).as("kill point '%s' was reached", point.id()).isTrue();
        assertThat(world.host.isAlive()).isFalse();

        int channelsLeft = world.pluginChannels().size();
        List<StoredSession> activeLeft = world.rows.active();
        int rowsLeft = activeLeft.size();
        List<Long> waitingLeft = world.rows.waitingRequests();
        long lastRow = world.rows.all().stream().mapToLong(StoredSession::id).max().orElse(0);
        world.startHost();
        List<String> violations = new ArrayList<>(servedAfterRestart(waitingLeft, lastRow));
        violations.addAll(world.violationsAtRest());
        violations.addAll(world.staleStatusMessages(activeLeft));
        runs.add(new RunLog.Entry(point.id(), "left " + channelsLeft + " channel(s), " + rowsLeft + " active row(s), "
                + waitingLeft.size() + " waiting request(s); restarted in " + world.host.startup().toMillis() + " ms",
                violations, Duration.ofNanos(System.nanoTime() - started)));
        assertThat(violations).as("invariants after the restart that followed '%s'", point.id()).isEmpty();
    }

    /**
     * Checks that every request waiting when the host died is served by the restarted host (a session of its
     * own, newer than every row before the kill), then waits until those sessions ended: nobody joins them.
     *
     * @return one line per request that was not served, or whose session did not end
     */
    private List<String> servedAfterRestart(List<Long> waitingUsers, long lastRowBefore) {
        List<String> violations = new ArrayList<>();
        for (long user : waitingUsers) {
            try {
                await().atMost(FIRE_TIMEOUT).until(() -> world.rows.all().stream()
                        .anyMatch(row -> row.userId() == user && row.id() > lastRowBefore));
            } catch (ConditionTimeoutException e) {
                violations.add("the request of user " + user + " that waited at the kill was not served after the"
                        + " restart");
            }
        }
        if (!waitingUsers.isEmpty()) {
            try {
                await().atMost(FIRE_TIMEOUT).until(() -> world.rows.active().isEmpty()
                        && world.rows.waitingRequests().isEmpty());
            } catch (ConditionTimeoutException e) {
                violations.add("the sessions of the restored requests did not end: " + world.rows.active());
            }
        }
        return violations;
    }

    private void ensureHostRunning() {
        if (world.host == null || !world.host.isAlive()) {
            world.startHost();
        }
    }

    private void resetUsers() {
        for (var member : List.of(world.alice, world.bob)) {
            if (world.control.voiceState(world.guild.id(), member.userId()).isPresent()) {
                world.leaveVoice(member);
            }
        }
    }
}
