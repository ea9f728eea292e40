package dev.voicesession.voice.reliability;

import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.core.DiscordException;
import dev.voicesession.emulator.core.GuildService;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.voice.reliability.Invariants.Ask;
import dev.voicesession.voice.reliability.ReliabilityWorld.Space;
import dev.voicesession.voice.reliability.StepScenarios.Cell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One random sequence of the chaos run: a user flow, up to two faults from the matrix (each armed at its
 * step, never two at the same step or request), and sometimes a blip at a random moment (a gateway drop or a short voice outage). Everything
 * is drawn from a {@link Random} seeded with the run's seed and the sequence's number, so a sequence is
 * the same whenever it is drawn again with that seed ({@code -Dchaos.seed=... -Dchaos.only=<number>}).
 */
final class ChaosSequence {

    /** What the user (and the people around them) do. */
    enum Flow {
        /** Join the channel, then leave it. */
        JOIN_LEAVE,
        /** Never join: the join timer ends the session. */
        NO_JOIN,
        /** Join, then {@code !voice close}. */
        CLOSE,
        /** Join, then a moderator runs {@code !voice end <user>}. */
        ADMIN_END,
        /** A moderator deletes the channel. */
        MODERATOR_DELETES,
        /** {@code !voice} three more times at once, then join and leave. */
        SPAM,
        /** A second user asks meanwhile and is served after the first leaves. */
        TWO_USERS,
        /** Join; a moderator disconnects the bot from voice; then leave. */
        BOT_KICKED
    }

    /** A fault at a random moment, on top of the matrix faults. */
    enum Blip {
        NONE,
        GATEWAY_RESUME,
        GATEWAY_NEW_SESSION,
        VOICE_OUTAGE
    }

    private static final List<Cell> CELLS = StepScenarios.cells();

    final long index;
    final Flow flow;
    final List<Cell> faults;
    final Blip blip;
    final int blipDelayMillis;
    final int blipLengthMillis;
    private volatile boolean blipScheduled;

    private ChaosSequence(long index, Flow flow, List<Cell> faults, Blip blip, int blipDelayMillis,
            int blipLengthMillis) {
        this.index = index;
        this.flow = flow;
        this.faults = List.copyOf(faults);
        this.blip = blip;
        this.blipDelayMillis = blipDelayMillis;
        this.blipLengthMillis = blipLengthMillis;
    }

    /** Draws sequence {@code index} of the run with {@code seed}. */
    static ChaosSequence draw(long seed, long index) {
        // SplittableRandom mixes its seed: neighbouring seeds give unrelated draws (java.util.Random's first
        // draws from seeds a step apart are nearly the same, which made whole ranges of sequences alike).
        SplittableRandom random = new SplittableRandom(seed + index * 0x9E3779B97F4A7C15L);
        Flow flow = Flow.values()[random.nextInt(Flow.values().length)];
        int count = random.nextInt(100) < 15 ? 0 : random.nextInt(100) < 65 ? 1 : 2;
        List<Cell> faults = new ArrayList<>();
        while (faults.size() < count) {
            Cell cell = CELLS.get(random.nextInt(CELLS.size()));
            // Two faults hit two different steps: the same step twice would stack two bursts into one
            // longer than the fault model's (at most five failures in a row), which no retry budget covers.
            if (faults.stream().noneMatch(c -> c.step() == cell.step()
                    || (c.step().route() != null && c.step().route().equals(cell.step().route())
                            && c.step().method().equals(cell.step().method())))) {
                faults.add(cell);
            }
        }
        Blip blip = random.nextInt(100) < 30 ? Blip.values()[1 + random.nextInt(Blip.values().length - 1)] : Blip.NONE;
        return new ChaosSequence(index, flow, faults, blip, random.nextInt(2000), 500 + random.nextInt(2500));
    }

    @Override
    public String toString() {
        return "sequence " + index + ": " + flow + ", faults " + faults
                + (blip == Blip.NONE ? "" : ", " + blip + " after " + blipDelayMillis + " ms"
                        + (blip == Blip.VOICE_OUTAGE ? " for " + blipLengthMillis + " ms" : ""));
    }

    /** Runs the sequence in {@code space}; returns the broken invariants (none if all held). */
    List<String> run(Driver driver, FaultInjector injector, Space space) {
        StepScenarios scenarios = new StepScenarios(driver, injector);
        ReliabilityWorld world = driver.world();
        Member user = space.user(0);
        List<String> violations = new ArrayList<>();
        CompletableFuture<Void> blipDone = new CompletableFuture<>();
        try {
            Ask second = play(driver, injector, scenarios, space, user, blipDone);
            if (second != null) {
                scenarios.awaitOutcome(second);
                scenarios.liveChannel(second).ifPresent(c -> scenarios.joinAndLeave(space, space.user(1), c, second));
            }
        } catch (ConditionTimeoutException e) {
            violations.add("the sequence did not get where it expected: " + e.getMessage());
        } finally {
            // The blip belongs to this sequence: let it happen before everything is ended and checked.
            if (blip == Blip.NONE || !blipScheduled) {
                blipDone.complete(null);
            }
            try {
                await().atMost(Duration.ofSeconds(10)).until(blipDone::isDone);
            } catch (ConditionTimeoutException e) {
                violations.add("the blip did not happen: the sequence stopped before it was scheduled");
            }
            injector.clear();
            world.control.setBotPermissions(space.id(), GuildService.DEFAULT_BOT_PERMISSIONS);
        }
        violations.addAll(injector.awaitDrained());
        violations.addAll(driver.endEverything(Driver.SETTLE));
        driver.forgetAsks();
        return violations;
    }

    private Ask play(Driver driver, FaultInjector injector, StepScenarios scenarios, Space space, Member user,
            CompletableFuture<Void> blipDone) {
        ReliabilityWorld world = driver.world();
        List<Runnable> undo = new ArrayList<>();
        faults.stream().filter(c -> c.step().setup()).forEach(c -> undo.add(scenarios.armSetup(c, space)));
        List<Ask> asked = new ArrayList<>();
        Ask ask = driver.start(space, user);
        asked.add(ask);
        if (flow == Flow.SPAM) {
            for (int i = 0; i < 3; i++) {
                asked.add(driver.extra(space, user, "!voice"));
            }
        }
        Ask second = flow == Flow.TWO_USERS ? driver.start(space, space.user(1)) : null;
        if (second != null) {
            asked.add(second);
        }
        // The blip's clock starts once the bot has the commands: a command sent while the gateway is away
        // without a session to resume never reaches the bot, as with Discord, and is not what is tested.
        awaitReceived(world, asked);
        scheduleBlip(injector, blipDone);
        scenarios.awaitOutcome(ask);
        undo.forEach(Runnable::run);
        injector.clear();
        Optional<Long> live = scenarios.liveChannel(ask);
        if (live.isEmpty()) {
            return second;
        }
        long channel = live.get();
        if (flow != Flow.NO_JOIN && flow != Flow.MODERATOR_DELETES) {
            // Nothing to wait for after the join: the gateway delivers the join before anything later.
            join(world, space, user, channel);
        }
        if (flow == Flow.BOT_KICKED && world.botInVoice(space, channel)) {
            world.control.disconnectBotFromVoice(space.id());
            await().atMost(StepScenarios.OUTCOME).until(() -> world.botInVoice(space, channel)
                    || !driver.rowOf(ask).map(r -> r.active()).orElse(false));
        }
        Optional<Cell> fetch = faults.stream().filter(c -> c.step() == Step.CHANNEL_FETCH).findFirst();
        faults.stream().filter(c -> !c.step().setup() && c.step() != Step.CHANNEL_FETCH)
                .forEach(c -> scenarios.armCleanup(c, space, user));
        if (fetch.isPresent() && world.channel(channel).isPresent()) {
            scenarios.fetch(fetch.get(), space, channel);
        } else {
            end(driver, world, space, user, channel);
        }
        scenarios.awaitEnded(ask);
        injector.clear();
        return second;
    }

    private void end(Driver driver, ReliabilityWorld world, Space space, Member user, long channel) {
        switch (flow) {
            case NO_JOIN -> { } // the join timer ends it
            case MODERATOR_DELETES -> {
                if (world.channel(channel).isPresent()) {
                    try {
                        world.control.moderatorDeletesChannel(channel);
                    } catch (DiscordException e) {
                        // deleted meanwhile by the session's own cleanup
                    }
                }
            }
            case CLOSE -> driver.say(space, user, "!voice close");
            case ADMIN_END -> driver.say(space, space.moderator(), "!voice end <@" + user.userId() + ">");
            default -> world.control.userDisconnects(space.id(), user.userId());
        }
    }

    private static void join(ReliabilityWorld world, Space space, Member user, long channel) {
        try {
            world.join(space, user, channel);
        } catch (DiscordException e) {
            // the channel went away (a fault ended the session): nothing to join
        }
    }

    /**
     * Waits (at most 5 s) until the bot has answered, or tried to answer, each command: then it has received
     * them. A fault on the reply may keep it from answering; the blip then starts after the 5 s.
     */
    private static void awaitReceived(ReliabilityWorld world, List<Ask> asked) {
        try {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> asked.stream()
                    .allMatch(a -> !world.repliesTo(a.messageId()).isEmpty() || !world.failedRepliesTo(a.messageId()).isEmpty()));
        } catch (ConditionTimeoutException e) {
            // a reply still being retried: start the blip's clock anyway
        }
    }

    /** Schedules the blip; {@code done} completes once it has happened (and, for an outage, ended). */
    private void scheduleBlip(FaultInjector injector, CompletableFuture<Void> done) {
        blipScheduled = true;
        Duration delay = Duration.ofMillis(blipDelayMillis);
        switch (blip) {
            case NONE -> done.complete(null);
            case GATEWAY_RESUME -> injector.later(delay, () -> {
                injector.dropGateway(true);
                done.complete(null);
            });
            case GATEWAY_NEW_SESSION -> injector.later(delay, () -> {
                injector.dropGateway(false);
                done.complete(null);
            });
            case VOICE_OUTAGE -> injector.later(delay, () -> {
                injector.voiceUnreachable();
                injector.later(Duration.ofMillis(blipLengthMillis), () -> {
                    injector.voiceReachable();
                    done.complete(null);
                });
            });
        }
    }
}
