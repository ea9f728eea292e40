package dev.voicesession.host.command;

import dev.voicesession.host.queue.TransientFailures;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.exceptions.PermissionException;
import net.dv8tion.jda.api.requests.RestAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Helpers for the host's messages: never mention anyone, and turn JDA's early refusals into failed futures. */
final class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    /** Allowed mentions for every message the host sends or edits: none. */
    static final Set<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    private Replies() {}

    /**
     * Submits the action that {@code action} builds. JDA checks some things (the bot's permissions, the
     * length of the text) while building, by throwing, and a JDA that is shutting down rejects the request;
     * those become a failed future like a refusal from Discord would.
     *
     * @param action builds the request
     * @param <T> the result type
     * @return the future of the request
     */
    static <T> CompletableFuture<T> submit(Supplier<? extends RestAction<T>> action) {
        try {
            return action.get().submit();
        } catch (PermissionException | IllegalArgumentException | IllegalStateException | RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Submits a reply and logs a failure with its context, so that no reply fails unnoticed even when the
     * caller (often a plugin) ignores the future.
     *
     * @param action builds the request
     * @param what describes the reply for the log, with ids quoted
     * @param <T> the result type
     * @return the future of the request
     */
    static <T> CompletableFuture<T> submitLogged(Supplier<? extends RestAction<T>> action, Supplier<String> what) {
        CompletableFuture<T> future = submit(action);
        future.whenComplete((result, error) -> {
            if (error == null) {
                return;
            }
            if (TransientFailures.gone(error)) {
                // expected: the channel, message or guild went away (deleted, or the bot was removed)
                log.info("Discord refused {}: {}", what.get(), TransientFailures.describe(error));
            } else {
                log.warn("Discord refused {}", what.get(), error);
            }
        });
        return future;
    }
}
