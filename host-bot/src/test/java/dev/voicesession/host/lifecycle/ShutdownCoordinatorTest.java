package dev.voicesession.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.api.lifecycle.ShutdownParticipant;
import dev.voicesession.host.lifecycle.ShutdownCoordinator.Outcome;
import dev.voicesession.host.lifecycle.ShutdownCoordinator.Result;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ShutdownCoordinatorTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final ShutdownCoordinator coordinator = new ShutdownCoordinator(participant -> "test");

    /** A participant that records its name, then does {@code work}. */
    private record Participant(String name, int order, Duration deadline, Work work, List<String> calls)
            implements ShutdownParticipant {

        @Override
        public int shutdownOrder() {
            return order;
        }

        @Override
        public Duration shutdownDeadline() {
            return deadline;
        }

        @Override
        public void onShutdown() throws InterruptedException {
            calls.add(name);
            work.run();
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws InterruptedException;
    }

    private Participant participant(String name, int order, Work work) {
        return new Participant(name, order, Duration.ofSeconds(5), work, calls);
    }

    @Test
    @DisplayName("participants run one at a time in ascending order")
    void order() {
        List<Result> results = coordinator.run(List.of(
                participant("late", 10, () -> {}),
                participant("early", -5, () -> {}),
                participant("middle", 0, () -> {})));

        assertThat(calls).containsExactly("early", "middle", "late");
        assertThat(results).extracting(Result::outcome).containsOnly(Outcome.COMPLETED);
    }

    @Test
    @DisplayName("a participant past its deadline is interrupted and the next one runs")
    void deadline() {
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch never = new CountDownLatch(1);
        Participant stuck = new Participant("stuck", 0, Duration.ofMillis(200), () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        }, calls);

        List<Result> results = coordinator.run(List.of(stuck, participant("next", 1, () -> {})));

        assertThat(results).extracting(Result::outcome).containsExactly(Outcome.TIMED_OUT, Outcome.COMPLETED);
        assertThat(calls).containsExactly("stuck", "next");
        org.awaitility.Awaitility.await().untilTrue(interrupted);
    }

    @Test
    @DisplayName("a participant that throws is logged and does not stop the others")
    void failure() {
        List<Result> results = coordinator.run(List.of(
                participant("broken", 0, () -> {
                    throw new IllegalStateException("boom");
                }),
                participant("fine", 1, () -> {})));

        assertThat(results).extracting(Result::outcome).containsExactly(Outcome.FAILED, Outcome.COMPLETED);
        assertThat(calls).containsExactly("broken", "fine");
    }
}
