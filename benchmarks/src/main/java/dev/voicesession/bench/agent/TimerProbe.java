package dev.voicesession.bench.agent;

import dev.voicesession.api.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The host's own scheduler, handed to the host in its place, that records for every delayed task the delay
 * asked for and how late the task actually started: {@code started - (scheduled + delay)}, in nanoseconds.
 * Behaviour is the delegate's; the probe adds two clock reads and an array write per task.
 */
final class TimerProbe implements Scheduler {
    private final Scheduler delegate;
    private final LongRecords fired = new LongRecords(3, 1 << 14);

    TimerProbe(Scheduler delegate) {
        this.delegate = delegate;
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        long scheduled = System.nanoTime();
        long delayNanos = delay.toNanos();
        return delegate.schedule(delay, new Runnable() {
            @Override
            public void run() {
                long started = System.nanoTime();
                fired.add(delayNanos, started - scheduled - delayNanos, started);
                task.run();
            }

            @Override
            public String toString() {
                return task.toString();
            }
        });
    }

    @Override
    public void execute(Runnable task) {
        delegate.execute(task);
    }

    @Override
    public <T> CompletableFuture<T> supply(Supplier<T> supplier) {
        return delegate.supply(supplier);
    }

    /** Rows of {@code [delayNanos, lateNanos, startedNanos]}, forgotten once returned. */
    long[][] drain() {
        return fired.drain();
    }
}
