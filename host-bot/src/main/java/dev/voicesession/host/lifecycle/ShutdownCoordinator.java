package dev.voicesession.host.lifecycle;

import dev.voicesession.api.lifecycle.ShutdownParticipant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@link ShutdownParticipant}s one at a time in ascending {@link
 * ShutdownParticipant#shutdownOrder()}, each on its own thread and within its own {@link
 * ShutdownParticipant#shutdownDeadline()}. A participant still running at its deadline is interrupted
 * and logged, and the next one starts; one that throws is logged and does not stop the others.
 */
public final class ShutdownCoordinator {

    private static final Logger log = LoggerFactory.getLogger(ShutdownCoordinator.class);

    private final Function<Object, String> ownerOf;

    /**
     * Creates the coordinator.
     *
     * @param ownerOf names the plugin a participant belongs to, for log lines
     */
    public ShutdownCoordinator(Function<Object, String> ownerOf) {
        this.ownerOf = ownerOf;
    }

    /** What happened to one participant. */
    public enum Outcome {
        /** Returned within its deadline. */
        COMPLETED,
        /** Threw an exception. */
        FAILED,
        /** Was still running at its deadline and was interrupted. */
        TIMED_OUT
    }

    /**
     * The result for one participant, in the order they ran.
     *
     * @param participant the participant
     * @param outcome what happened
     */
    public record Result(ShutdownParticipant participant, Outcome outcome) {}

    /**
     * Runs every participant in order.
     *
     * @param participants the participants, in any order
     * @return one result per participant, in the order they ran
     */
    public List<Result> run(List<? extends ShutdownParticipant> participants) {
        List<ShutdownParticipant> ordered = new ArrayList<>(participants);
        ordered.sort(Comparator.comparingInt(ShutdownParticipant::shutdownOrder));
        List<Result> results = new ArrayList<>();
        for (ShutdownParticipant participant : ordered) {
            results.add(new Result(participant, runOne(participant)));
        }
        return results;
    }

    private Outcome runOne(ShutdownParticipant participant) {
        String name = participant.getClass().getName();
        String owner = ownerOf.apply(participant);
        Duration deadline = participant.shutdownDeadline();
        Outcome[] outcome = {Outcome.COMPLETED};
        Thread thread = Thread.ofPlatform().daemon(true).name("shutdown-" + participant.getClass().getSimpleName()).unstarted(() -> {
            try {
                participant.onShutdown();
            } catch (InterruptedException e) {
                outcome[0] = Outcome.TIMED_OUT;
                Thread.currentThread().interrupt();
            } catch (RuntimeException | LinkageError e) {
                // thread boundary: the participant's own thread, nothing above it to handle this
                outcome[0] = Outcome.FAILED;
                log.error("Shutdown participant '{}' of plugin '{}' failed", name, owner, e);
            }
        });
        log.info("Shutdown participant '{}' of plugin '{}' (order {}, deadline {})", name, owner,
                participant.shutdownOrder(), deadline);
        thread.start();
        try {
            if (!thread.join(deadline)) {
                log.warn("Shutdown participant '{}' of plugin '{}' still running after its deadline of {}; interrupting it",
                        name, owner, deadline);
                thread.interrupt();
                return Outcome.TIMED_OUT;
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            log.warn("Interrupted while waiting for shutdown participant '{}' of plugin '{}'", name, owner);
            return Outcome.TIMED_OUT;
        }
        return outcome[0];
    }
}
