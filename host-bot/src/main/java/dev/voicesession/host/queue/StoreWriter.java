package dev.voicesession.host.queue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the queue's calls to its {@link RequestStore} one at a time, in the order the queue made them. The
 * queue makes them under its lock, so the rows change in the order the queue's state did (a request's row
 * is deleted before the same user's next one is inserted), while neither the queue's callers nor JDA's
 * threads ever wait for the database, except a submit for its insert.
 */
final class StoreWriter {

    private static final Logger log = LoggerFactory.getLogger(StoreWriter.class);

    private final RequestStore store;
    /** The one writer thread, or {@code null} to run each call on the caller's thread (in-memory stores). */
    private final ExecutorService thread;

    private StoreWriter(RequestStore store, ExecutorService thread) {
        this.store = store;
        this.thread = thread;
    }

    /**
     * Runs each call at once on the caller's thread: for a store that never blocks.
     *
     * @param store the store
     * @return the writer
     */
    static StoreWriter direct(RequestStore store) {
        return new StoreWriter(store, null);
    }

    /**
     * Runs the calls on a thread of the writer's own.
     *
     * @param store the store
     * @return the writer
     */
    static StoreWriter threaded(RequestStore store) {
        return new StoreWriter(store, Executors.newSingleThreadExecutor(
                Thread.ofVirtual().name("host-queue-store").factory()));
    }

    RequestStore store() {
        return store;
    }

    /**
     * Runs a call whose result the caller needs.
     *
     * @param work the call
     * @param <T> its result
     * @return its result, or its failure
     */
    <T> CompletableFuture<T> call(Supplier<T> work) {
        if (thread == null) {
            try {
                return CompletableFuture.completedFuture(work.get());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        try {
            return CompletableFuture.supplyAsync(work, thread);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Runs a write; a failure is logged, and the returned future completes normally either way, so that
     * what follows the write (telling the user) still happens.
     *
     * @param what the write, for the log, with ids quoted
     * @param work the write
     * @return completed once the write was made or failed
     */
    CompletableFuture<Void> run(String what, Runnable work) {
        return call(() -> {
            work.run();
            return (Void) null;
        }).exceptionally(error -> {
            if (error instanceof RejectedExecutionException || error.getCause() instanceof RejectedExecutionException) {
                // the host stopped (or crashed, in a test): the next start reconciles the row
                log.warn("Not written to the queue's store, which is closed: {}", what);
            } else {
                log.error("Cannot {} in the queue's store; the row may be out of date after a restart", what, error);
            }
            return null;
        });
    }

    /**
     * Waits until every call made so far is done, then takes no more, for an orderly stop before the
     * database closes.
     *
     * @param deadline how long to wait
     */
    void flush(Duration deadline) {
        if (thread == null) {
            return;
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(Math.max(0, deadline.toMillis()), TimeUnit.MILLISECONDS)) {
                log.warn("The queue's store writes were not done within {}; the next start reconciles the rows", deadline);
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }

    /** Drops the calls not made yet, as a crash would. */
    void abandon() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }
}
