package dev.voicesession.api.command;

import java.util.concurrent.CompletableFuture;

/**
 * A message the bot sent and may edit, such as the one status message of a queued request.
 */
public interface StatusMessage {

    /**
     * Returns the message's id.
     *
     * @return the snowflake of the message
     */
    long messageId();

    /**
     * Returns the id of the channel the message is in.
     *
     * @return the channel's snowflake
     */
    long channelId();

    /**
     * Replaces the message's text. Mentions stay off.
     *
     * @param content the new text, at most 2000 characters
     * @return a future completed when Discord accepted the edit, or exceptionally if it refused it
     */
    CompletableFuture<Void> edit(String content);
}
