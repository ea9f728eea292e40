package dev.voicesession.host.queue;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;

/**
 * The one policy for Discord requests about status messages that fail for a reason that may pass: which
 * failures are worth another try, and how long to wait before each.
 *
 * <p>A server error (JDA reports a request that got no answer in time as one too), a time-out or a rate
 * limit may pass; Discord refusing the request (a 4xx with its code) or JDA refusing to send it (missing
 * permission, shutting down) will not. Retries wait {@link #FIRST_PAUSE}, then twice as long each time, for
 * at most {@link #RETRIES} retries (7.75 s of pauses in all).
 */
final class TransientFailures {

    /** The pause before the first retry; each later pause is twice as long. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    /** Retries of one request before it is given up. */
    static final int RETRIES = 5;

    private TransientFailures() {}

    /**
     * Tells whether a failed request may succeed if sent again.
     *
     * @param error what the request failed with, possibly wrapped by a future
     * @return {@code true} for a server error, a time-out or a rate limit
     */
    static boolean mayPass(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return switch (cause) {
            case ErrorResponseException response -> response.isServerError();
            case TimeoutException timeout -> true;
            case RateLimitedException limited -> true;
            default -> false;
        };
    }

    /**
     * Returns the pause before a retry.
     *
     * @param retry the retry, from 1
     * @return the pause
     */
    static Duration pauseBefore(int retry) {
        return FIRST_PAUSE.multipliedBy(1L << Math.min(20, retry - 1));
    }

    /**
     * Tells whether a request that failed with {@code error} after {@code retries} retries is sent again.
     *
     * @param error the failure
     * @param retries how many retries were made already
     * @return {@code true} if the failure may pass and retries are left
     */
    static boolean retry(Throwable error, int retries) {
        return retries < RETRIES && mayPass(error);
    }
}
