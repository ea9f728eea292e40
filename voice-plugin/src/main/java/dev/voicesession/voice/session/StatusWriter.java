package dev.voicesession.voice.session;

import dev.voicesession.api.Scheduler;
import dev.voicesession.api.command.StatusMessage;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks for one session's status texts. The status message has one writer, the host's (the ticket's {@link
 * StatusMessage}): it keeps edits in order, lets the newest text win and retries an edit that fails for a
 * reason that may pass. This class only decides what to show and when: a progress text waits {@link
 * #PROGRESS_DELAY}, so a step that is over sooner costs no edit.
 */
final class StatusWriter {

    private static final Logger log = LoggerFactory.getLogger(StatusWriter.class);

    /**
     * A progress text is shown only if nothing newer came within this time: a step that is over sooner
     * costs no edit (one request fewer per session, and one less in the text channel's rate-limit bucket).
     */
    static final Duration PROGRESS_DELAY = Duration.ofSeconds(1);

    private final Supplier<StatusMessage> status;
    private final Scheduler scheduler;
    private final String what;
    private long generation;

    StatusWriter(Supplier<StatusMessage> status, Scheduler scheduler, String what) {
        this.status = status;
        this.scheduler = scheduler;
        this.what = what;
    }

    /** Asks for {@code text} to be shown; returns at once. */
    synchronized void show(String text) {
        generation++;
        try {
            status.get().edit(text).whenComplete((ignored, error) -> {
                if (error != null) {
                    // The host's writer has logged the failure with the message's ids.
                    log.debug("Status text of {} not shown: {}", what, error.toString());
                }
            });
        } catch (RuntimeException e) {
            // A boundary into the host: a status text must never stop the session.
            log.warn("Cannot show the status of {}", what, e);
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
}
