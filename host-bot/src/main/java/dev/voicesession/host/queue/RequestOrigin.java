package dev.voicesession.host.queue;

import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.StatusMessage;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the queue needs from the command that submits a request: who, where, how to send the status
 * message, and when the bot received the command. Lets the queue be tested without JDA entities.
 *
 * @param userId the requesting user
 * @param guildId the guild, or 0 in a direct message
 * @param channelId the channel the command ran in
 * @param reply sends a reply to the command and yields a handle to edit it
 * @param arrival the command's place in the order the bot received commands ({@link ArrivalOrder}), or
 *     {@link #UNKNOWN_ARRIVAL} to queue the request behind every request already waiting (the queue then
 *     gives it the arrival of a command received at the time it is submitted)
 * @param userName the user's name as the command carried it, or empty when not known
 * @param command how to find the command again after a restart ({@link CommandRef#NONE} when not known)
 */
public record RequestOrigin(
        long userId,
        long guildId,
        long channelId,
        Function<String, CompletableFuture<StatusMessage>> reply,
        long arrival,
        String userName,
        CommandRef command) {

    /** The arrival of a request whose command does not tell: it goes behind every request waiting now. */
    public static final long UNKNOWN_ARRIVAL = Long.MAX_VALUE;

    /** Checks the components. */
    public RequestOrigin {
        Objects.requireNonNull(reply, "reply");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(command, "command");
    }

    /**
     * Creates an origin whose command cannot be found again after a restart.
     *
     * @param userId the requesting user
     * @param guildId the guild, or 0 in a direct message
     * @param channelId the channel the command ran in
     * @param reply sends a reply to the command and yields a handle to edit it
     * @param arrival the command's place in the order the bot received commands
     * @param userName the user's name as the command carried it, or empty when not known
     */
    public RequestOrigin(
            long userId, long guildId, long channelId, Function<String, CompletableFuture<StatusMessage>> reply,
            long arrival, String userName) {
        this(userId, guildId, channelId, reply, arrival, userName, CommandRef.NONE);
    }

    /**
     * Creates an origin whose user name is not known.
     *
     * @param userId the requesting user
     * @param guildId the guild, or 0 in a direct message
     * @param channelId the channel the command ran in
     * @param reply sends a reply to the command and yields a handle to edit it
     * @param arrival the command's place in the order the bot received commands
     */
    public RequestOrigin(
            long userId, long guildId, long channelId, Function<String, CompletableFuture<StatusMessage>> reply,
            long arrival) {
        this(userId, guildId, channelId, reply, arrival, "");
    }

    /**
     * Creates an origin whose arrival is unknown: its request is queued behind every waiting one.
     *
     * @param userId the requesting user
     * @param guildId the guild, or 0 in a direct message
     * @param channelId the channel the command ran in
     * @param reply sends a reply to the command and yields a handle to edit it
     */
    public RequestOrigin(
            long userId, long guildId, long channelId, Function<String, CompletableFuture<StatusMessage>> reply) {
        this(userId, guildId, channelId, reply, UNKNOWN_ARRIVAL, "");
    }

    /**
     * Takes the origin from a command invocation.
     *
     * @param event the command
     * @return its origin
     */
    public static RequestOrigin of(CommandEvent event) {
        long guildId = event.guild() == null ? 0 : event.guild().getIdLong();
        long arrival = event instanceof ArrivalOrder ordered ? ordered.arrival() : UNKNOWN_ARRIVAL;
        CommandRef command = event instanceof ReferableCommand referable ? referable.commandRef() : CommandRef.NONE;
        return new RequestOrigin(
                event.author().getIdLong(), guildId, event.channel().getIdLong(), event::reply, arrival,
                event.author().getName(), command);
    }
}
