package dev.voicesession.host.queue;

import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.StatusMessage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the queue needs from the command that submits a request: who, where, and how to send the
 * status message. Lets the queue be tested without JDA entities.
 *
 * @param userId the requesting user
 * @param guildId the guild, or 0 in a direct message
 * @param channelId the channel the command ran in
 * @param reply sends a reply to the command and yields a handle to edit it
 */
public record RequestOrigin(
        long userId, long guildId, long channelId, Function<String, CompletableFuture<StatusMessage>> reply) {

    /** Checks the components. */
    public RequestOrigin {
        Objects.requireNonNull(reply, "reply");
    }

    /**
     * Takes the origin from a command invocation.
     *
     * @param event the command
     * @return its origin
     */
    public static RequestOrigin of(CommandEvent event) {
        long guildId = event.guild() == null ? 0 : event.guild().getIdLong();
        return new RequestOrigin(event.author().getIdLong(), guildId, event.channel().getIdLong(), event::reply);
    }
}
