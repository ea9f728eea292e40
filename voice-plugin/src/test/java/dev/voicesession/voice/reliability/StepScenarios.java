package dev.voicesession.voice.reliability;

import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.core.GuildService;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.voice.reliability.Invariants.Ask;
import dev.voicesession.voice.reliability.ReliabilityWorld.Space;
import dev.voicesession.voice.testing.StoredSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs one cell of the fault matrix: takes a user through a session, injects the fault at the step, lets
 * the system settle, ends whatever still runs and returns the broken invariants (none, if all is well).
 *
 * <p>A setup step's fault is armed before {@code !voice}; a cleanup step's fault once the session is active
 * and the user is in the channel, just before the user leaves. A fault on a REST step hits that step's next
 * request; a gateway drop or an unreachable voice server is fired at the moment the step's request arrives
 * (held until the fault has fired), or at the step's gateway event when it has no request.
 */
final class StepScenarios {

    /** How the fault is dosed. */
    enum Variant {
        /** One request fails. */
        ONCE("once", 1),
        /** Five requests in a row fail: more than any retry budget (JDA retries a 502 four times in all). */
        BURST("5 in a row", 5),
        /** The fault's one form (a 429, a slow request, a gateway drop, an unreachable voice server). */
        SINGLE("", 1),
        /** Database: inserting the claim row fails. */
        INSERT_FAILS("insert fails", 1),
        /** Database: every update fails (recording the channel, ending the row) until the fault clears. */
        UPDATES_FAIL("updates fail", 1);

        final String label;
        final int count;

        Variant(String label, int count) {
            this.label = label;
            this.count = count;
        }
    }

    /** One cell run. */
    record Cell(Step step, FaultKind fault, Variant variant) {
        @Override
        public String toString() {
            return step.label() + " x " + fault.label() + (variant.label.isEmpty() ? "" : " (" + variant.label + ")");
        }
    }

    /** Every cell the matrix runs: each applicable (step, fault), error responses once and in a burst. */
    static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        for (Step step : Step.values()) {
            for (FaultKind fault : FaultKind.values()) {
                if (!step.applies(fault)) {
                    continue;
                }
                if (step == Step.DATABASE_WRITE && fault == FaultKind.HTTP_500) {
                    cells.add(new Cell(step, fault, Variant.INSERT_FAILS));
                    cells.add(new Cell(step, fault, Variant.UPDATES_FAIL));
                } else if (fault.isErrorResponse() && step != Step.OVERWRITE) {
                    cells.add(new Cell(step, fault, Variant.ONCE));
                    cells.add(new Cell(step, fault, Variant.BURST));
                } else {
                    cells.add(new Cell(step, fault, Variant.SINGLE));
                }
            }
        }
        return cells;
    }

    static final Duration OUTCOME = Duration.ofSeconds(20);

    private final Driver driver;
    private final FaultInjector faults;
    private final ReliabilityWorld world;

    StepScenarios(Driver driver, FaultInjector faults) {
        this.driver = driver;
        this.faults = faults;
        this.world = driver.world();
    }

    /** Runs the cell in {@code space} with {@code user}; returns the violations (empty when every promise held). */
    List<String> run(Cell cell, Space space, Member user) {
        List<String> violations = new ArrayList<>();
        try {
            if (cell.step().setup()) {
                setup(cell, space, user);
            } else {
                cleanup(cell, space, user);
            }
        } catch (ConditionTimeoutException e) {
            violations.add("the scenario did not get where it expected: " + e.getMessage());
        } finally {
            faults.clear();
            world.control.setBotPermissions(space.id(), GuildService.DEFAULT_BOT_PERMISSIONS);
        }
        violations.addAll(faults.awaitDrained());
        violations.addAll(driver.endEverything(Driver.SETTLE));
        driver.forgetAsks();
        return violations;
    }

    private void setup(Cell cell, Space space, Member user) {
        Runnable afterOutcome = armSetup(cell, space);
        Ask ask = driver.start(space, user);
        awaitOutcome(ask);
        afterOutcome.run();
        faults.clear();
        liveChannel(ask).ifPresent(channel -> joinAndLeave(space, user, channel, ask));
    }

    private void cleanup(Cell cell, Space space, Member user) {
        Ask ask = driver.start(space, user);
        long channel = driver.awaitLive(ask, OUTCOME);
        world.join(space, user, channel);
        await().atMost(OUTCOME).until(() -> driver.replyText(ask).orElse("").startsWith("Voice session active"));
        if (cell.step() == Step.CHANNEL_FETCH) {
            fetch(cell, space, channel);
        } else {
            armCleanup(cell, space, user);
            world.control.userLeavesVoice(space.id(), user.userId());
        }
        awaitEnded(ask);
        faults.clear();
    }

    /** Arms a setup step's fault; returns what to undo once the request's outcome is known. */
    Runnable armSetup(Cell cell, Space space) {
        Step step = cell.step();
        FaultKind fault = cell.fault();
        if (step == Step.DATABASE_WRITE) {
            return armDatabase(cell);
        }
        if (step == Step.OVERWRITE) {
            // Discord refuses an overwrite bit the bot does not hold: the bot loses Speak after the plugin checked.
            faults.atRequest(Step.CHANNEL_CREATE, Long.toString(space.id()), () -> world.control.setBotPermissions(
                    space.id(), GuildService.DEFAULT_BOT_PERMISSIONS & ~ReliabilityWorld.SPEAK));
            return () -> { };
        }
        if (step == Step.VOICE_JOIN) {
            if (fault == FaultKind.VOICE_UNREACHABLE) {
                faults.voiceUnreachable();
            } else {
                faults.atDispatch(e -> "VOICE_SERVER_UPDATE".equals(e.type()) && e.guildId() == space.id(),
                        () -> faults.fire(fault));
            }
            return () -> { };
        }
        armRest(cell, null);
        return () -> { };
    }

    void armCleanup(Cell cell, Space space, Member user) {
        if (cell.step() == Step.VOICE_LEAVE) {
            if (cell.fault() == FaultKind.VOICE_UNREACHABLE) {
                faults.voiceUnreachable();
            } else {
                String who = "\"user_id\":\"" + user.userId() + "\"";
                faults.atDispatch(e -> "VOICE_STATE_UPDATE".equals(e.type()) && e.guildId() == space.id()
                        && e.data().contains(who) && e.data().contains("\"channel_id\":null"), () -> faults.fire(cell.fault()));
            }
            return;
        }
        armRest(cell, null);
    }

    /** A REST step: an error response, a 429, a slow request, or a gateway or voice fault when it arrives. */
    private void armRest(Cell cell, String contains) {
        Step step = cell.step();
        FaultKind fault = cell.fault();
        if (fault.isErrorResponse()) {
            faults.errors(step, fault, cell.variant().count);
        } else if (fault == FaultKind.RATE_LIMIT_429) {
            faults.rateLimit(step);
        } else if (fault == FaultKind.LATENCY) {
            faults.slow(step, FaultInjector.SLOW);
        } else {
            faults.atRequest(step, contains, () -> faults.fire(fault));
        }
    }

    private Runnable armDatabase(Cell cell) {
        return switch (cell.fault()) {
            case HTTP_500 -> {
                faults.failWrites(cell.variant() == Variant.INSERT_FAILS ? "INSERT" : "UPDATE");
                yield () -> { };
            }
            // Held past the host's busy time-out (1 s): the claim insert gives up.
            case LATENCY -> faults.lockDatabase();
            default -> {
                // The claim insert waits for the lock; the fault fires meanwhile, then the lock goes.
                Runnable unlock = faults.lockDatabase();
                // With a slot free, the status message is sent with this text (no position first).
                faults.atRequest(Step.STATUS_REPLY, "Creating your voice channel", () -> {
                    faults.fire(cell.fault());
                    faults.later(Duration.ofMillis(300), unlock);
                });
                yield unlock;
            }
        };
    }

    /**
     * The fetch: the gateway drops without resume and, while the bot is away, a moderator deletes the
     * channel. Back online, the bot's cache has no channel and no delete event arrives, so the plugin has to
     * ask Discord about the channel. The fault hits that request.
     */
    void fetch(Cell cell, Space space, long channel) {
        armRest(cell, Long.toString(channel));
        faults.dropGateway(false);
        world.control.moderatorDeletesChannel(channel);
    }

    /**
     * Waits until the request is over or its session runs (whatever the reply says), or Discord refused the
     * reply and the request was dropped.
     */
    void awaitOutcome(Ask ask) {
        await().atMost(OUTCOME).pollInterval(Duration.ofMillis(50)).until(() ->
                Texts.isFinal(driver.replyText(ask).orElse("")) || liveChannel(ask).isPresent()
                        || driver.rowOf(ask).map(r -> !r.active()).orElse(false)
                        || (!world.failedRepliesTo(ask.messageId()).isEmpty()
                                && world.host.queue().findByUser(ask.member().userId()).isEmpty())
                        || lost(ask));
    }

    /**
     * Whether the command was lost on the way: sent as the gateway dropped without resume, and three seconds
     * later still without a trace (no reply, no attempt, nothing queued). Discord replays nothing to a new
     * session, so the bot never saw it.
     */
    private boolean lost(Ask ask) {
        return world.sessionLostNear(ask.sentAt())
                && Duration.between(ask.sentAt(), Instant.now()).compareTo(Duration.ofSeconds(3)) > 0
                && world.repliesTo(ask.messageId()).isEmpty() && world.failedRepliesTo(ask.messageId()).isEmpty()
                && world.host.queue().findByUser(ask.member().userId()).isEmpty();
    }

    /** The channel of the ask's session, if it is active and the bot is in it. */
    Optional<Long> liveChannel(Ask ask) {
        return driver.rowOf(ask)
                .filter(StoredSession::active)
                .map(StoredSession::channelId)
                .filter(c -> c != 0 && world.botInVoice(ask.space(), c));
    }

    void joinAndLeave(Space space, Member user, long channel, Ask ask) {
        if (world.channel(channel).isEmpty()) {
            return;
        }
        // No wait between: the gateway delivers the join before the leave, and the session handles both in order.
        world.join(space, user, channel);
        world.control.userDisconnects(space.id(), user.userId());
        awaitEnded(ask);
    }

    void awaitEnded(Ask ask) {
        await().atMost(OUTCOME).pollInterval(Duration.ofMillis(50))
                .until(() -> driver.rowOf(ask).map(r -> !r.active()).orElse(true));
    }
}
