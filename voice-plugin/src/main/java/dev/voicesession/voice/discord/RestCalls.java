package dev.voicesession.voice.discord;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.RestAction;

/**
 * Runs a JDA {@link RestAction} and waits for it within a time-out, turning every failure into a
 * {@link DiscordActionException}. For threads that may block only.
 */
final class RestCalls {

    private final Duration timeout;

    RestCalls(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Submits {@code action} and waits for its result.
     *
     * @param action the request
     * @param what what it does, with ids, for the exception message
     * @return the result
     * @throws DiscordActionException if Discord refused, did not answer in time, or the wait was
     *     interrupted
     */
    <T> T await(RestAction<T> action, String what) {
        return await(action, what, timeout);
    }

    /**
     * Submits {@code action} and waits for its result, with a time-out of its own.
     *
     * @param action the request
     * @param what what it does, with ids, for the exception message
     * @param timeout how long it may wait in JDA's queue (behind rate limits) and for Discord's answer
     * @return the result
     * @throws DiscordActionException if Discord refused, did not answer in time, or the wait was
     *     interrupted
     */
    <T> T await(RestAction<T> action, String what, Duration timeout) {
        CompletableFuture<T> future;
        try {
            future = action.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).submit();
        } catch (InsufficientPermissionException e) {
            throw permission(what, e);
        } catch (RejectedExecutionException e) {
            throw new DiscordActionException(what + ": JDA is shutting down", 0, Set.of(), false, e);
        }
        try {
            // JDA fails the future at the time-out; the extra second only guards against a lost callback.
            return future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new DiscordActionException(what + ": interrupted", 0, Set.of(), true, e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DiscordActionException(what + ": no answer within " + timeout, 0, Set.of(), true, e);
        } catch (ExecutionException e) {
            throw translate(what, e.getCause());
        }
    }

    static DiscordActionException permission(String what, InsufficientPermissionException e) {
        return new DiscordActionException(
                what + ": missing permission " + e.getPermission().getName(),
                50013,
                Set.of(e.getPermission()),
                false,
                e);
    }

    static DiscordActionException translate(String what, Throwable cause) {
        return switch (cause) {
            case ErrorResponseException e -> new DiscordActionException(
                    what + ": " + e.getErrorCode() + " " + e.getMeaning(), e.getErrorCode(), Set.of(), e.isServerError(), e);
            case InsufficientPermissionException e -> permission(what, e);
            case TimeoutException e -> new DiscordActionException(what + ": timed out", 0, Set.of(), true, e);
            default -> new DiscordActionException(
                    what + ": " + cause.getClass().getSimpleName() + " " + cause.getMessage(), 0, Set.of(), true, cause);
        };
    }
}
