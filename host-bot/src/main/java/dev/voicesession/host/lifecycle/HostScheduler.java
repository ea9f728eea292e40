package dev.voicesession.host.lifecycle;

import dev.voicesession.api.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's {@link Scheduler}: one platform timer thread that only hands due tasks over, and a
 * virtual thread per task for the work itself, so a blocking task never delays another.
 *
 * <p>A task that throws is logged with its description and does not affect other tasks.
 */
public final class HostScheduler implements Scheduler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HostScheduler.class);

    private final ScheduledExecutorService timer;
    private final ExecutorService workers;

    /** Creates the scheduler with its own threads. */
    public HostScheduler() {
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("host-timer")
                .daemon(true)
                .factory());
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("host-task-", 0).factory());
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        ScheduledFuture<?> future = timer.schedule(() -> execute(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return new ScheduledTask() {
            @Override
            public boolean cancel() {
                return future.cancel(false);
            }

            @Override
            public boolean isDone() {
                return future.isDone();
            }
        };
    }

    @Override
    public void execute(Runnable task) {
        workers.execute(() -> runLogged(task));
    }

    @Override
    public <T> CompletableFuture<T> supply(Supplier<T> supplier) {
        return CompletableFuture.supplyAsync(supplier, workers);
    }

    /**
     * Runs {@code task}, logging what it throws. This is a task boundary: nothing above it could handle
     * the exception.
     */
    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | LinkageError e) {
            log.error("Task '{}' failed", task, e);
        }
    }

    /**
     * Stops the timer at once and waits up to {@code deadline} for running tasks, then interrupts them.
     *
     * @param deadline how long running tasks may still take
     * @return {@code true} if every task ended in time
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean shutdown(Duration deadline) throws InterruptedException {
        timer.shutdownNow();
        workers.shutdown();
        if (workers.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        log.warn("Host tasks still running after {}; interrupting them", deadline);
        workers.shutdownNow();
        return false;
    }

    /** Stops everything at once, interrupting running tasks. */
    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}
