package dev.voicesession.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Runs delayed tasks and work that must stay off JDA's event threads.
 *
 * <p>Database calls, waits and retries never belong on a JDA event thread; plugins hand them to
 * {@link #execute(Runnable)} or {@link #supply(Supplier)}. The host runs those on virtual threads and
 * logs any exception a task throws with the task's description, so a failing task never takes the
 * bot down. Tests replace the scheduler with one driven by a manual clock.
 */
public interface Scheduler {

    /**
     * Runs {@code task} once after {@code delay}.
     *
     * @param delay how long to wait, zero or positive
     * @param task what to run; exceptions are logged by the host
     * @return a handle that cancels the task
     */
    ScheduledTask schedule(Duration delay, Runnable task);

    /**
     * Runs {@code task} as soon as possible on a thread that may block.
     *
     * @param task what to run; exceptions are logged by the host
     */
    void execute(Runnable task);

    /**
     * Computes a value on a thread that may block.
     *
     * @param supplier the computation
     * @param <T> the result type
     * @return a future completed with the value, or exceptionally with what the supplier threw
     */
    <T> CompletableFuture<T> supply(Supplier<T> supplier);

    /** A scheduled task that has not necessarily run yet. */
    interface ScheduledTask {

        /**
         * Cancels the task if it has not started.
         *
         * @return {@code true} if this call prevented the task from running
         */
        boolean cancel();

        /**
         * Tells whether the task has run, is running, or was cancelled.
         *
         * @return {@code true} once the task can no longer be cancelled
         */
        boolean isDone();
    }
}
