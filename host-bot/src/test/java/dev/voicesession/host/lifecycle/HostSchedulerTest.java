package dev.voicesession.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.voicesession.api.Scheduler.ScheduledTask;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostSchedulerTest {

    private final HostScheduler scheduler = new HostScheduler();

    @AfterEach
    void close() {
        scheduler.close();
    }

    @Test
    @DisplayName("work runs on a virtual thread")
    void execute() {
        AtomicReference<Thread> thread = new AtomicReference<>();

        scheduler.execute(() -> thread.set(Thread.currentThread()));

        await().untilAsserted(() -> assertThat(thread.get()).isNotNull());
        assertThat(thread.get().isVirtual()).isTrue();
    }

    @Test
    @DisplayName("a delayed task runs after its delay and can be cancelled before")
    void schedule() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicBoolean cancelledRan = new AtomicBoolean();

        ScheduledTask task = scheduler.schedule(Duration.ofMillis(50), ran::countDown);
        ScheduledTask cancelled = scheduler.schedule(Duration.ofHours(1), () -> cancelledRan.set(true));

        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        await().until(task::isDone); // the timer thread marks it done once it handed the task over

        assertThat(cancelled.cancel()).isTrue();
        assertThat(cancelled.isDone()).isTrue();
        assertThat(cancelledRan).isFalse();
    }

    @Test
    @DisplayName("a failing task does not stop later ones")
    void failingTask() throws InterruptedException {
        CountDownLatch after = new CountDownLatch(1);

        scheduler.execute(() -> {
            throw new IllegalStateException("boom");
        });
        scheduler.execute(after::countDown);

        assertThat(after.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("supply completes with the value or with what the supplier threw")
    void supply() {
        assertThat(scheduler.supply(() -> 42).join()).isEqualTo(42);
        assertThatThrownBy(() -> scheduler.supply(() -> {
                    throw new IllegalArgumentException("bad");
                }).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("shutdown waits for running tasks up to the deadline, then interrupts them")
    void shutdown() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        scheduler.execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        started.await();

        assertThat(scheduler.shutdown(Duration.ofMillis(100))).isFalse();
        await().untilTrue(interrupted);
    }
}
