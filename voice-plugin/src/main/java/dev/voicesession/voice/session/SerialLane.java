package dev.voicesession.voice.session;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on an executor's threads: the per-session
 * serialization. Tasks never overlap and each sees everything earlier tasks did, so session state
 * needs no lock as long as only lane tasks touch it.
 */
public final class SerialLane {

    private static final Logger log = LoggerFactory.getLogger(SerialLane.class);

    private final String name;
    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /**
     * Creates a lane.
     *
     * @param name what the lane serializes, for logs
     * @param executor where the tasks run; may run each drain on another thread
     */
    public SerialLane(String name, Executor executor) {
        this.name = name;
        this.executor = executor;
    }

    /**
     * Queues a task behind every task submitted before it.
     *
     * @param task the task
     */
    public void submit(Runnable task) {
        tasks.add(task);
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                runOne(task);
            }
        } finally {
            draining.set(false);
            scheduleDrain();
        }
    }

    /** A task boundary: a failing task is logged and the lane goes on with the next one. */
    private void runOne(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("Task in lane '{}' failed", name, e);
        }
    }

    @Override
    public String toString() {
        return "SerialLane[" + name + "]";
    }
}
