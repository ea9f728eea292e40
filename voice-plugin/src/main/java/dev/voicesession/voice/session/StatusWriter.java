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
 */
final class StatusWriter {

    private static final Logger log = LoggerFactory.getLogger(StatusWriter.class);

    /** The pause before the first retry; each later pause is twice as long. */
    static final Duration FIRST_RETRY = Duration.ofMillis(250);
    /** Retries of one text before it is given up. */
    static final int MAX_RETRIES = 6;

    private final Supplier<StatusMessage> status;
    private final Scheduler scheduler;
    private final String what;
    private String desired;
    private boolean busy;
    private int retries;

    StatusWriter(Supplier<StatusMessage> status, Scheduler scheduler, String what) {
        this.status = status;
        this.scheduler = scheduler;
        this.what = what;
    }

    /** Asks for {@code text} to be shown; returns at once. */
    synchronized void show(String text) {
        desired = text;
        if (!busy) {
            sendNext();
        }
    }

    private void sendNext() {
        String text = desired;
        desired = null;
        busy = true;
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
        if (error == null) {
            retries = 0;
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
