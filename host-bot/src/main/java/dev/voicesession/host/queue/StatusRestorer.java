package dev.voicesession.host.queue;

import dev.voicesession.api.command.StatusMessage;
import java.util.concurrent.CompletableFuture;

/**
 * Reaches the user of a request that a previous run left in the store: edits its status message to a new
 * text, or, where that message cannot be edited any more (deleted, or never recorded), sends one.
 */
@FunctionalInterface
public interface StatusRestorer {

    /**
     * Shows {@code text} to the user of a stored request.
     *
     * @param request the stored request
     * @param text the text
     * @return the status message that now shows the text, which the queue edits from then on; exceptionally if
     *     the user cannot be reached (the guild, channel or message is gone), or for a failure that may pass,
     *     which the queue tries again
     */
    CompletableFuture<StatusMessage> reopen(StoredRequest request, String text);
}
