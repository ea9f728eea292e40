package dev.voicesession.voice.testing;

import dev.voicesession.api.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A scheduler whose timers fire only when the test advances its {@link MutableClock}; immediate work
 * runs on real virtual threads, as in the host.
 */
public final class ManualScheduler implements Scheduler, AutoCloseable {

    private final MutableClock clock;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Timer> timers = new ArrayList<>();

    public ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized ScheduledTask schedule(Duration delay, Runnable task) {
        Timer timer = new Timer(clock.instant().plus(delay), task);
        timers.add(timer);
        return timer;
    }

    @Override
    public void execute(Runnable task) {
        workers.execute(task);
    }

    @Override
    public <T> CompletableFuture<T> supply(Supplier<T> supplier) {
        return CompletableFuture.supplyAsync(supplier, workers);
    }

    /** Moves the clock and runs, in due order, every timer that is due. */
    public void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        while (true) {
            Timer next;
            synchronized (this) {
                next = timers.stream()
                        .filter(t -> !t.done.get() && !t.due.isAfter(target))
                        .min(Comparator.comparing(t -> t.due))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                timers.remove(next);
            }
            if (next.due.isAfter(clock.instant())) {
                clock.advance(Duration.between(clock.instant(), next.due));
            }
            next.fire(this);
        }
        if (target.isAfter(clock.instant())) {
            clock.advance(Duration.between(clock.instant(), target));
        }
    }

    /** Counts timers not yet fired or cancelled. */
    public synchronized long pendingTimers() {
        return timers.stream().filter(t -> !t.done.get()).count();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    private static final class Timer implements ScheduledTask {
        private final Instant due;
        private final Runnable task;
        private final AtomicBoolean done = new AtomicBoolean();

        Timer(Instant due, Runnable task) {
            this.due = due;
            this.task = task;
        }

        void fire(ManualScheduler scheduler) {
            if (done.compareAndSet(false, true)) {
                scheduler.execute(task);
            }
        }

        @Override
        public boolean cancel() {
            return done.compareAndSet(false, true);
        }

        @Override
        public boolean isDone() {
            return done.get();
        }
    }
}
