package dev.voicesession.host.queue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.RateLimitedException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * The one policy for Discord requests about status messages that fail for a reason that may pass: which
 * failures are worth another try, and how long to wait before each.
 *
 * <p>A server error (JDA reports a request that got no answer in time as one too), a time-out or a rate
 * limit may pass; Discord refusing the request (a 4xx with its code) or JDA refusing to send it (missing
 * permission, shutting down) will not. Retries wait {@link #FIRST_PAUSE}, then twice as long each time, for
 * at most {@link #RETRIES} retries (7.75 s of pauses in all).
 */
public final class TransientFailures {

    /** The pause before the first retry; each later pause is twice as long. */
    static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    /** Retries of one request before it is given up. */
    static final int RETRIES = 5;

    private static final Set<ErrorResponse> GONE = EnumSet.of(ErrorResponse.UNKNOWN_CHANNEL,
            ErrorResponse.UNKNOWN_MESSAGE, ErrorResponse.UNKNOWN_GUILD, ErrorResponse.MISSING_ACCESS);

    private TransientFailures() {}

    /**
     * Tells whether a failed request may succeed if sent again.
     *
     * @param error what the request failed with, possibly wrapped by a future
     * @return {@code true} for a server error, a time-out or a rate limit
     */
    static boolean mayPass(Throwable error) {
        return switch (unwrap(error)) {
            case ErrorResponseException response -> response.isServerError();
            case TimeoutException timeout -> true;
            case RateLimitedException limited -> true;
            default -> false;
        };
    }

    /**
     * Tells whether a request failed because its target is gone or out of the bot's reach: the channel,
     * message or guild was deleted, or the bot was removed from the guild. Expected; never worth a retry.
     *
     * @param error what the request failed with, possibly wrapped by a future
     * @return {@code true} for Unknown Channel, Unknown Message, Unknown Guild and Missing Access
     */
    public static boolean gone(Throwable error) {
        return unwrap(error) instanceof ErrorResponseException response && GONE.contains(response.getErrorResponse());
    }

    /**
     * Describes a failure in one line, for a log line without a stack trace.
     *
     * @param error what the request failed with, possibly wrapped by a future
     * @return the cause's class and message
     */
    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
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
