package dev.voicesession.voice.reliability;

import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.model.DispatchLogEntry;
import dev.voicesession.emulator.rest.RequestHold;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arms the faults of one {@link ReliabilityWorld} and takes them all back with {@link #clear()}: REST
 * error responses and 429s (the emulator's fault API), one slow request (a request held before Discord
 * handles it and let go later, so the answer comes after every client time-out), a fault fired at the
 * moment a request or a gateway event happens, gateway drops, an unreachable voice server, failing
 * database writes and a database lock held by another connection.
 */
final class FaultInjector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);

    /** How long a slow request is held: past the plugin's REST time-out and the HTTP client's read time-out. */
    static final Duration SLOW = Duration.ofMillis(2500);
    /** The 429's retry_after: four times the plugin's REST time-out. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(4);

    private final ReliabilityWorld world;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("fault-timer").factory());
    private final List<Consumer<DispatchLogEntry>> listeners = new ArrayList<>();
    private final List<Connection> locks = new ArrayList<>();
    private final List<Caught> caught = new ArrayList<>();
    private boolean triggers;
    private boolean voiceUnreachable;

    /** A request a hold caught. */
    private record Caught(RequestHold hold) {}

    FaultInjector(ReliabilityWorld world) {
        this.world = world;
    }

    /** The next {@code count} requests of the step fail with the fault's status and code. */
    void errors(Step step, FaultKind fault, int count) {
        world.control.faults().failNext(step.method(), step.route(), count, fault.status(), fault.code());
    }

    /** The step's next request gets a 429 whose retry_after is {@link #RETRY_AFTER}. */
    void rateLimit(Step step) {
        world.control.faults().rateLimitNext(step.method(), step.route(), RETRY_AFTER);
    }

    /** The step's next request reaches Discord only after {@code delay}; the client has given up by then. */
    void slow(Step step, Duration delay) {
        RequestHold hold = world.control.faults().hold(step.method(), step.route(), RequestHold.Phase.BEFORE);
        onArrival(hold, () -> timer.schedule(hold::release, delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Runs {@code action} when the step's next request arrives, before Discord handles it, then lets it go. */
    void atRequest(Step step, String contains, Runnable action) {
        RequestHold hold = world.control.faults().hold(step.method(), step.route(), RequestHold.Phase.BEFORE, contains);
        onArrival(hold, () -> {
            try {
                action.run();
            } finally {
                hold.release();
            }
        });
    }

    private void onArrival(RequestHold hold, Runnable then) {
        Thread.ofVirtual().name("fault-hold-" + hold.id()).start(() -> {
            try {
                if (hold.awaitArrival(Duration.ofSeconds(60))) {
                    synchronized (this) {
                        caught.add(new Caught(hold));
                    }
                    then.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Runs {@code action} once, off the emulator's thread, at the first gateway dispatch that matches. */
    synchronized void atDispatch(Predicate<DispatchLogEntry> match, Runnable action) {
        AtomicBoolean fired = new AtomicBoolean();
        Consumer<DispatchLogEntry> listener = entry -> {
            if (match.test(entry) && fired.compareAndSet(false, true)) {
                Thread.ofVirtual().name("fault-dispatch").start(action);
            }
        };
        listeners.add(listener);
        world.control.addDispatchListener(listener);
    }

    void dropGateway(boolean resumable) {
        world.dropGateway(resumable);
    }

    synchronized void voiceUnreachable() {
        voiceUnreachable = true;
        world.control.setVoiceUnreachable(true);
    }

    synchronized void voiceReachable() {
        voiceUnreachable = false;
        world.control.setVoiceUnreachable(false);
    }

    /** Fires {@code fault} now: a gateway drop or an unreachable voice server. */
    void fire(FaultKind fault) {
        switch (fault) {
            case GATEWAY_RESUME -> dropGateway(true);
            case GATEWAY_NEW_SESSION -> dropGateway(false);
            case VOICE_UNREACHABLE -> voiceUnreachable();
            default -> throw new IllegalArgumentException(fault + " is not fired, it is armed on a request");
        }
    }

    /** Every write of the given kind ({@code INSERT} or {@code UPDATE}) to voice_sessions fails until cleared. */
    synchronized void failWrites(String kind) {
        triggers = true;
        world.sql("CREATE TRIGGER IF NOT EXISTS fault_" + kind.toLowerCase(Locale.ROOT) + " BEFORE " + kind
                + " ON voice_sessions BEGIN SELECT RAISE(ABORT, 'injected database fault'); END");
    }

    /** Another connection holds the database's write lock until {@code release} runs or {@link #clear()}. */
    synchronized Runnable lockDatabase() {
        try {
            Connection connection = world.openConnection();
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN EXCLUSIVE");
            }
            locks.add(connection);
            return () -> unlock(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot lock the database", e);
        }
    }

    private synchronized void unlock(Connection connection) {
        if (locks.remove(connection)) {
            try (connection) {
                try (Statement st = connection.createStatement()) {
                    st.execute("ROLLBACK");
                }
            } catch (SQLException e) {
                log.warn("Cannot release the injected database lock", e);
            }
        }
    }

    void later(Duration delay, Runnable action) {
        timer.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until every request a hold caught has been let go and answered: a request Discord carries out
     * after the client gave up (a slow request) can still change things, so it must be done before the
     * invariants are checked. Call after {@link #clear()}, which lets every held request go.
     *
     * @return the held requests that were never answered (a broken promise of the emulator or the test)
     */
    List<String> awaitDrained() {
        List<Caught> all;
        synchronized (this) {
            all = List.copyOf(caught);
            caught.clear();
        }
        List<String> unanswered = new ArrayList<>();
        for (Caught one : all) {
            try {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> one.hold().isReleased()
                        && world.control.requestLog(one.hold().method(), one.hold().route()).stream()
                                .anyMatch(e -> e.path().equals(one.hold().heldPath())
                                        && e.arrivedNanos() <= one.hold().heldNanos()
                                        && e.completedNanos() >= one.hold().heldNanos()));
            } catch (ConditionTimeoutException e) {
                unanswered.add("a held request was not answered within 30 s: " + one.hold());
            }
        }
        return unanswered;
    }

    /** Takes back every fault: REST faults and holds, listeners, the voice server, triggers, locks. */
    synchronized void clear() {
        world.control.faults().clear();
        listeners.forEach(world.control::removeDispatchListener);
        listeners.clear();
        if (voiceUnreachable) {
            world.control.setVoiceUnreachable(false);
            voiceUnreachable = false;
        }
        for (Connection connection : List.copyOf(locks)) {
            unlock(connection);
        }
        if (triggers) {
            world.sql("DROP TRIGGER IF EXISTS fault_insert");
            world.sql("DROP TRIGGER IF EXISTS fault_update");
            triggers = false;
        }
    }

    @Override
    public void close() {
        clear();
        timer.shutdownNow();
    }
}
