package dev.voicesession.host.command;

import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.host.queue.ReferableStatus;
import dev.voicesession.host.queue.StatusRef;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * A reply to a slash command. It is edited through the interaction while the interaction's token is
 * valid (15 minutes), and through the channel afterwards, so a status message can outlive the token.
 *
 * <p>The end of the token's life is given, not asked of the hook: a hook made again from a stored token
 * after a restart ({@code InteractionHook.from}) does not know when its interaction was created.
 *
 * @param hook the interaction's hook
 * @param channel the channel the interaction came from
 * @param messageId the reply
 * @param original whether this is the interaction's original response
 * @param tokenExpiresAt when the token stops working ({@link dev.voicesession.host.queue.CommandRef.SlashCommand})
 * @param clock tells the time the token's end is compared with
 */
record InteractionStatusMessage(
        InteractionHook hook, MessageChannel channel, long messageId, boolean original, Instant tokenExpiresAt,
        Clock clock) implements StatusMessage, ReferableStatus {

    @Override
    public long channelId() {
        return channel.getIdLong();
    }

    @Override
    public StatusRef statusRef() {
        return new StatusRef(original ? StatusRef.Kind.ORIGINAL : StatusRef.Kind.FOLLOWUP, channelId(), messageId);
    }

    @Override
    public CompletableFuture<Void> edit(String content) {
        if (!clock.instant().isBefore(tokenExpiresAt)) {
            return new ChannelStatusMessage(channel, messageId).edit(content);
        }
        return Replies.submitLogged(
                        () -> (original ? hook.editOriginal(content) : hook.editMessageById(messageId, content))
                                .setAllowedMentions(Replies.NO_MENTIONS)
                                .mentionRepliedUser(false),
                        () -> "the edit of interaction reply '" + messageId + "' in channel '" + channel.getId() + "'")
                .thenApply(message -> null);
    }

    @Override
    public String toString() {
        // the hook holds the interaction's token: never part of a log line
        return "InteractionStatusMessage[channel=" + channel.getId() + ", message=" + messageId + ", original=" + original
                + "]";
    }
}
