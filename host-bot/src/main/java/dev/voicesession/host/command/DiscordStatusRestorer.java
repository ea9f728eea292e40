package dev.voicesession.host.command;

import dev.voicesession.api.DiscordClient;
import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.host.queue.CommandRef;
import dev.voicesession.host.queue.QueueException;
import dev.voicesession.host.queue.StatusRef;
import dev.voicesession.host.queue.StatusRestorer;
import dev.voicesession.host.queue.StoredRequest;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reaches the users of requests a previous run left in the queue's store, through Discord's REST API.
 *
 * <ul>
 *   <li>A recorded status message is edited: a channel message through its channel; a slash command's
 *       response through the interaction's stored token while Discord still accepts it, through the
 *       channel afterwards (as a live one is).
 *   <li>No status message recorded (the previous run stopped between storing the request and recording its
 *       message): for a prefix command, the bot's reply to the user's message is looked up in the channel
 *       and edited, or sent anew; for a slash command, the interaction's original response is edited while
 *       the token is valid.
 *   <li>Where none of that works (the message was deleted, the token expired before any message was
 *       recorded, or the request came without a command), a new message in the request's channel mentions
 *       the user, and becomes the status message.
 * </ul>
 *
 * A failure that may pass (a server error, no answer in time) is returned as it is, for the queue to try
 * again; the guild or channel being gone fails the request, which the queue then drops.
 */
public final class DiscordStatusRestorer implements StatusRestorer {

    private static final Logger log = LoggerFactory.getLogger(DiscordStatusRestorer.class);

    /** How many messages after the user's command are searched for the bot's reply. */
    private static final int HISTORY_LIMIT = 50;

    private final DiscordClient discord;
    private final Clock clock;

    /**
     * Creates the restorer.
     *
     * @param discord the bot's ready client
     * @param clock tells whether an interaction's token is still valid
     */
    public DiscordStatusRestorer(DiscordClient discord, Clock clock) {
        this.discord = discord;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<StatusMessage> reopen(StoredRequest request, String text) {
        Optional<JDA> shard = request.guildId() == 0 ? Optional.of(discord.anyShard()) : discord.shardFor(request.guildId());
        if (shard.isEmpty()) {
            return CompletableFuture.failedFuture(new QueueException(
                    "This process does not serve guild '" + request.guildId() + "'", null));
        }
        JDA jda = shard.get();
        return channel(jda, request).thenCompose(channel -> reopen(jda, channel, request, text));
    }

    private CompletableFuture<MessageChannel> channel(JDA jda, StoredRequest request) {
        if (request.guildId() == 0) {
            return Replies.submit(() -> jda.openPrivateChannelById(request.userId())).thenApply(channel -> channel);
        }
        Guild guild = jda.getGuildById(request.guildId());
        if (guild == null) {
            return CompletableFuture.failedFuture(new QueueException(
                    "The bot is no longer in guild '" + request.guildId() + "'", null));
        }
        long channelId = request.status() != null ? request.status().channelId() : request.channelId();
        GuildMessageChannel channel = guild.getChannelById(GuildMessageChannel.class, channelId);
        if (channel == null) {
            return CompletableFuture.failedFuture(new QueueException(
                    "Channel '" + channelId + "' of guild '" + request.guildId() + "' is gone", null));
        }
        return CompletableFuture.completedFuture(channel);
    }

    private CompletableFuture<StatusMessage> reopen(JDA jda, MessageChannel channel, StoredRequest request, String text) {
        StatusRef status = request.status();
        Optional<CommandRef.SlashCommand> token = request.command() instanceof CommandRef.SlashCommand slash
                && slash.usableAt(clock.instant()) ? Optional.of(slash) : Optional.empty();
        if (status != null) {
            if (status.kind() != StatusRef.Kind.CHANNEL && token.isPresent()) {
                InteractionStatusMessage message = new InteractionStatusMessage(
                        InteractionHook.from(jda, token.get().token()), channel, status.messageId(),
                        status.kind() == StatusRef.Kind.ORIGINAL, token.get().expiresAt(), clock);
                return message.edit(text).<StatusMessage>thenApply(ignored -> message)
                        .exceptionallyCompose(error -> refused(error)
                                ? editInChannel(channel, request, status.messageId(), text)
                                : CompletableFuture.failedFuture(error));
            }
            return editInChannel(channel, request, status.messageId(), text);
        }
        return switch (request.command()) {
            case CommandRef.PrefixCommand prefix -> findReply(jda, channel, prefix.messageId())
                    .thenCompose(reply -> reply.isPresent()
                            ? editInChannel(channel, request, reply.get(), text)
                            : replyAnew(channel, request, prefix.messageId(), text));
            case CommandRef.SlashCommand slash when token.isPresent() -> editOriginal(jda, channel, request, slash, text);
            default -> sendNew(channel, request, text);
        };
    }

    private CompletableFuture<StatusMessage> editInChannel(MessageChannel channel, StoredRequest request, long messageId,
            String text) {
        ChannelStatusMessage message = new ChannelStatusMessage(channel, messageId);
        return message.edit(text).<StatusMessage>thenApply(ignored -> message)
                .exceptionallyCompose(error -> unknownMessage(error)
                        ? sendNew(channel, request, text)
                        : CompletableFuture.failedFuture(error));
    }

    /** The bot's reply to the user's command, among the messages after it. */
    private static CompletableFuture<Optional<Long>> findReply(JDA jda, MessageChannel channel, long commandId) {
        long self = jda.getSelfUser().getIdLong();
        return Replies.submit(() -> channel.getHistoryAfter(commandId, HISTORY_LIMIT))
                .thenApply(history -> history.getRetrievedHistory().stream()
                        .filter(message -> message.getAuthor().getIdLong() == self)
                        .filter(message -> message.getMessageReference() != null
                                && message.getMessageReference().getMessageIdLong() == commandId)
                        .map(Message::getIdLong)
                        .findFirst())
                .exceptionallyCompose(error -> refused(error)
                        ? CompletableFuture.completedFuture(Optional.empty())
                        : CompletableFuture.failedFuture(error));
    }

    private CompletableFuture<StatusMessage> replyAnew(MessageChannel channel, StoredRequest request, long commandId,
            String text) {
        log.info("No status message of request '{}' of user '{}' was recorded or found; replying to the command again",
                request.id(), request.userId());
        return Replies.submitLogged(() -> channel.sendMessage(text)
                                .setMessageReference(commandId)
                                .failOnInvalidReply(false)
                                .mentionRepliedUser(false)
                                .setAllowedMentions(Replies.NO_MENTIONS),
                        () -> "the new status message of request '" + request.id() + "' in channel '"
                                + channel.getId() + "'")
                .thenApply(message -> new ChannelStatusMessage(channel, message.getIdLong()));
    }

    private CompletableFuture<StatusMessage> editOriginal(JDA jda, MessageChannel channel, StoredRequest request,
            CommandRef.SlashCommand slash, String text) {
        InteractionHook hook = InteractionHook.from(jda, slash.token());
        return Replies.submit(() -> hook.editOriginal(text).setAllowedMentions(Replies.NO_MENTIONS))
                .<StatusMessage>thenApply(message -> new InteractionStatusMessage(hook, channel, message.getIdLong(), true,
                        slash.expiresAt(), clock))
                .exceptionallyCompose(error -> refused(error)
                        ? sendNew(channel, request, text)
                        : CompletableFuture.failedFuture(error));
    }

    /** A new message that mentions the user (in a guild), since they are not looking at an edited one. */
    private CompletableFuture<StatusMessage> sendNew(MessageChannel channel, StoredRequest request, String text) {
        log.info("The status message of request '{}' of user '{}' cannot be edited; sending a new one in channel '{}'",
                request.id(), request.userId(), channel.getId());
        boolean mention = request.guildId() != 0;
        String content = mention ? "<@" + request.userId() + "> " + text : text;
        return Replies.submitLogged(() -> {
                    var action = channel.sendMessage(content).setAllowedMentions(Replies.NO_MENTIONS);
                    return mention ? action.mentionUsers(request.userId()) : action;
                }, () -> "the new status message of request '" + request.id() + "' in channel '" + channel.getId() + "'")
                .thenApply(message -> new ChannelStatusMessage(channel, message.getIdLong()));
    }

    /** Discord refused the request (a 4xx): sending it again would not help, another way might. */
    private static boolean refused(Throwable error) {
        return unwrap(error) instanceof ErrorResponseException response && !response.isServerError();
    }

    private static boolean unknownMessage(Throwable error) {
        return unwrap(error) instanceof ErrorResponseException response
                && response.getErrorResponse() == ErrorResponse.UNKNOWN_MESSAGE;
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
