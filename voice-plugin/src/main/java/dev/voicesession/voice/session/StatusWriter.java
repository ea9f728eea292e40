package dev.voicesession.voice.session;

import dev.voicesession.api.Scheduler;
import dev.voicesession.api.command.StatusMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edits one session's status message so that the user ends up reading the newest text: one edit at a
 * time, in order; a text asked for while an edit is under way replaces any text still waiting; an edit
 * that fails for a reason that may pass (a server error, no answer) is tried again with growing pauses,
 * unless a newer text has come meanwhile. Discord refusing the edit (any 4xx, for example the message was
 * deleted) is logged and not retried.
 *
 * <p>An edit that failed that way, or took {@link #SLOW} or longer (JDA sends a request again when its
 * answer does not come in time), may still be carried out by Discord later, after a newer edit, and put an
 * old text back. So once the writer is idle after such an edit, it shows the newest text once more when
 * that edit can no longer land: {@link #CONFIRM_AFTER} after it, or twice as long as it took, whichever is
 * longer. At most {@link #MAX_CONFIRMS} times per session.
 */
final class StatusWriter {

    private static final Logger log = LoggerFactory.getLogger(StatusWriter.class);

    /** The pause before the first retry; each later pause is twice as long. */
    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    /** Retries of one text before it is given up. */
    static final int MAX_RETRIES = 6;
    /** An edit that takes this long may have been sent twice, and the first copy may still land. */
    static final Duration SLOW = Duration.ofSeconds(1);
    /** The least wait before the newest text is shown again after a doubtful edit. */
    static final Duration CONFIRM_AFTER = Duration.ofSeconds(5);
    /** How many times the newest text is shown again in a session's life. */
    static final int MAX_CONFIRMS = 3;
    /**
     * A progress text is shown only if nothing newer came within this time: a step that is over sooner
     * costs no edit (one request fewer per session, and one less in the text channel's rate-limit bucket).
     */
    static final Duration PROGRESS_DELAY = Duration.ofSeconds(1);

    private final Supplier<StatusMessage> status;
    private final Scheduler scheduler;
    private final String what;
    private String desired;
    private boolean busy;
    private int retries;
    private String shown;
    private long sentNanos;
    /** An edit may still be carried out late, until {@link #doubtEndsNanos}. */
    private boolean doubtful;
    private long doubtEndsNanos;
    private long generation;
    private int confirms;

    StatusWriter(Supplier<StatusMessage> status, Scheduler scheduler, String what) {
        this.status = status;
        this.scheduler = scheduler;
        this.what = what;
    }

    /** Asks for {@code text} to be shown; returns at once. */
    synchronized void show(String text) {
        desired = text;
        generation++;
        if (!busy) {
            sendNext();
        }
    }

    /**
     * Asks for a progress text to be shown after {@link #PROGRESS_DELAY}, unless another text is asked for
     * before then; returns at once.
     */
    synchronized void showProgress(String text) {
        long asOf = generation;
        scheduler.schedule(PROGRESS_DELAY, () -> {
            synchronized (this) {
                if (generation == asOf) {
                    show(text);
                }
            }
        });
    }

    private void sendNext() {
        String text = desired;
        desired = null;
        busy = true;
        sentNanos = System.nanoTime();
        CompletableFuture<Void> edit;
        try {
            edit = status.get().edit(text);
        } catch (RuntimeException e) {
            // A boundary into the host (JDA may refuse synchronously while shutting down): never stop the session.
            edit = CompletableFuture.failedFuture(e);
        }
        edit.whenComplete((ignored, error) -> done(text, error));
    }

    private synchronized void done(String text, Throwable error) {
        busy = false;
        long now = System.nanoTime();
        long took = now - sentNanos;
        if (took >= SLOW.toNanos() || (error != null && mayPass(error))) {
            doubtful = true;
            doubtEndsNanos = Math.max(doubtEndsNanos, now + Math.max(CONFIRM_AFTER.toNanos(), 2 * took));
        }
        if (error == null) {
            retries = 0;
            shown = text;
            if (desired == null && doubtful) {
                confirmLater();
            }
        } else if (desired == null && mayPass(error) && retries < MAX_RETRIES) {
            Duration pause = FIRST_RETRY.multipliedBy(1L << retries);
            retries++;
            log.warn("Cannot edit the status message of {} (attempt {}); retrying in {} ms", what, retries,
                    pause.toMillis(), error);
            desired = text;
            busy = true;
            scheduler.schedule(pause, this::retry);
            return;
        } else if (desired == null) {
            log.warn("Cannot edit the status message of {}; giving up on '{}'", what, text, error);
        }
        if (desired != null) {
            retries = 0;
            sendNext();
        }
    }

    /**
     * Shows the newest text once more when a doubtful edit can no longer land, unless a newer text is asked for
     * meanwhile (that one's own completion schedules the next confirmation, since the doubt remains).
     */
    private void confirmLater() {
        if (confirms >= MAX_CONFIRMS) {
            doubtful = false;
            return;
        }
        long asOf = generation;
        Duration wait = Duration.ofNanos(Math.max(0, doubtEndsNanos - System.nanoTime()));
        scheduler.schedule(wait, () -> {
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

    /**
     * A server error, no answer in time or a rate limit may pass; Discord refusing the request (a 4xx with
     * its code) or JDA refusing to send it (missing permission, shutting down) will not.
     */
    static boolean mayPass(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return switch (cause) {
            case ErrorResponseException response -> response.isServerError();
            case TimeoutException timeout -> true;
            case RateLimitedException limited -> true;
            default -> false;
        };
    }
}
