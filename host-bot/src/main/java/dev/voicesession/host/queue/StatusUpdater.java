package dev.voicesession.host.queue;

import dev.voicesession.api.command.StatusMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of a request's status message, for the request's whole life: the queue's positions while
 * it waits, the handler's texts once granted (through {@link #view()}), the failure or cancellation at the
 * end. Every text goes through here, so the user ends up reading the newest one:
 *
 * <ul>
 *   <li>one edit at a time, in the order asked; a text asked for while an edit is under way replaces any text
 *       still waiting, and a text equal to the one shown costs no edit;
 *   <li>an edit that fails for a reason that may pass is sent again after the pauses of {@link
 *       TransientFailures}, unless a newer text came meanwhile; Discord refusing it is logged and final;
 *   <li>an edit that failed that way, or took {@link #SLOW} or longer (JDA sends a request again when its
 *       answer does not come in time), may still be carried out by Discord later and put an old text back; so
 *       once idle after such an edit, the writer shows the newest text once more when that edit can no longer
 *       land ({@link #CONFIRM_AFTER} after it, or twice as long as it took), at most {@link #MAX_CONFIRMS}
 *       times.
 * </ul>
 *
 * Position updates carry a sequence number, and an update older than one already seen is ignored; once the
 * request leaves the line ({@link #endPositions()}), position updates computed before are ignored too.
 */
final class StatusUpdater {

    private static final Logger log = LoggerFactory.getLogger(StatusUpdater.class);

    /** An edit that takes this long may have been sent twice, and the first copy may still land. */
    static final Duration SLOW = Duration.ofSeconds(1);
    /** The least wait before the newest text is shown again after a doubtful edit. */
    static final Duration CONFIRM_AFTER = Duration.ofSeconds(5);
    /** How many times the newest text is shown again in a request's life. */
    static final int MAX_CONFIRMS = 3;

    private final StatusMessage status;
    private final Executor executor;
    private final String what;
    private final View view = new View();

    private long latestSequence = Long.MIN_VALUE;
    private boolean positionsEnded;
    /** Whether the text waiting to be sent is a position, which the end of positions drops. */
    private boolean desiredIsPosition;
    private String desired;
    /** Told when the desired text is shown, replaced by a newer one, or given up. */
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private String shown;
    private boolean busy;
    private int retries;
    private long sentNanos;
    private boolean doubtful;
    private long doubtEndsNanos;
    private long generation;
    private int confirms;

    /**
     * Creates the writer of a message that shows {@code shown}.
     *
     * @param status the message
     * @param shown the text it was sent with
     * @param executor runs retries and confirmations after their pauses
     * @param what names the request for logs, with ids quoted
     */
    StatusUpdater(StatusMessage status, String shown, Executor executor, String what) {
        this.status = status;
        this.shown = shown;
        this.executor = executor;
        this.what = what;
    }

    /**
     * Asks for a position text.
     *
     * @param sequence increases with every update the queue computes for this request
     * @param text the new text
     */
    synchronized void update(long sequence, String text) {
        if (positionsEnded || sequence <= latestSequence) {
            return;
        }
        latestSequence = sequence;
        show(text);
        desiredIsPosition = desired != null;
    }

    /** Ignores position updates from now on: the request was granted or left the queue. */
    synchronized void endPositions() {
        positionsEnded = true;
        if (desiredIsPosition && desired != null) {
            desired = null;
            completeWaiting(null);
        }
    }

    /**
     * Asks for {@code text} to be shown; returns at once.
     *
     * @param text the text
     * @return completed once the text is shown or replaced by a newer one; exceptionally if it was given up
     */
    synchronized CompletableFuture<Void> show(String text) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!busy && desired == null && text.equals(shown) && !doubtful) {
            done.complete(null);
            return done;
        }
        completeWaiting(null);
        desired = text;
        desiredIsPosition = false;
        waiting.add(done);
        generation++;
        if (!busy) {
            sendNext();
        }
        return done;
    }

    /**
     * Returns the message as the handler sees it: its edits go through this writer.
     *
     * @return the view
     */
    StatusMessage view() {
        return view;
    }

    private void sendNext() {
        String text = desired;
        List<CompletableFuture<Void>> told = List.copyOf(waiting);
        desired = null;
        waiting.clear();
        busy = true;
        sentNanos = System.nanoTime();
        CompletableFuture<Void> edit;
        try {
            edit = status.edit(text);
        } catch (RuntimeException e) {
            // A boundary into JDA (it may refuse synchronously while shutting down): the writer must go on.
            edit = CompletableFuture.failedFuture(e);
        }
        edit.whenComplete((ignored, error) -> done(text, told, error));
    }

    private synchronized void done(String text, List<CompletableFuture<Void>> told, Throwable error) {
        busy = false;
        long now = System.nanoTime();
        long took = now - sentNanos;
        boolean mayPass = error != null && TransientFailures.mayPass(error);
        if (took >= SLOW.toNanos() || mayPass) {
            doubtful = true;
            doubtEndsNanos = Math.max(doubtEndsNanos, now + Math.max(CONFIRM_AFTER.toNanos(), 2 * took));
        }
        if (error == null) {
            retries = 0;
            shown = text;
            told.forEach(future -> future.complete(null));
            if (desired == null && doubtful) {
                confirmLater();
            }
        } else if (desired == null && TransientFailures.retry(error, retries)) {
            retries++;
            Duration pause = TransientFailures.pauseBefore(retries);
            // expected now and then (a server error, a time-out): one line, no stack trace
            log.warn("Cannot edit the status message '{}' of {} (retry {} follows in {} ms): {}", status.messageId(),
                    what, retries, pause.toMillis(), TransientFailures.describe(error));
            desired = text;
            waiting.addAll(told);
            busy = true;
            later(pause, this::retry);
            return;
        } else if (desired == null) {
            if (TransientFailures.gone(error)) {
                // the channel or message is gone, or out of the bot's reach (removed from the guild): expected
                log.info("Status message '{}' of {} is gone ({}); '{}' not shown", status.messageId(), what,
                        TransientFailures.describe(error), text);
            } else {
                log.warn("Cannot edit the status message '{}' of {}; giving up on '{}'", status.messageId(), what, text,
                        error);
            }
            told.forEach(future -> future.completeExceptionally(error));
        } else {
            // A newer text replaces this one.
            told.forEach(future -> future.complete(null));
        }
        if (desired != null) {
            retries = 0;
            sendNext();
        }
    }

    private void confirmLater() {
        if (confirms >= MAX_CONFIRMS) {
            doubtful = false;
            return;
        }
        long asOf = generation;
        Duration wait = Duration.ofNanos(Math.max(0, doubtEndsNanos - System.nanoTime()));
        later(wait, () -> {
            synchronized (this) {
                if (generation == asOf && doubtful && !busy && desired == null && shown != null) {
                    doubtful = false;
                    confirms++;
                    log.debug("Showing the status of {} again after a doubtful edit", what);
                    desired = shown;
                    sendNext();
                }
            }
        });
    }

    private synchronized void retry() {
        busy = false;
        if (desired != null) {
            sendNext();
        }
    }

    private void completeWaiting(Throwable error) {
        waiting.forEach(future -> {
            if (error == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(error);
            }
        });
        waiting.clear();
    }

    private void later(Duration pause, Runnable task) {
        CompletableFuture.runAsync(task, CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS,
                executor));
    }

    /** The status message as the request's handler edits it: through the writer. */
    private final class View implements StatusMessage {
        @Override
        public long messageId() {
            return status.messageId();
        }

        @Override
        public long channelId() {
            return status.channelId();
        }

        @Override
        public CompletableFuture<Void> edit(String content) {
            return show(content);
        }
    }
}
