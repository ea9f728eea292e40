package dev.voicesession.host.command;

import dev.voicesession.api.command.StatusMessage;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * A reply to a slash command. It is edited through the interaction while the interaction's token is
 * valid (15 minutes), and through the channel afterwards, so a status message can outlive the token.
 *
 * @param hook the interaction's hook
 * @param channel the channel the interaction came from
 * @param messageId the reply
 * @param original whether this is the interaction's original response
 */
record InteractionStatusMessage(InteractionHook hook, MessageChannel channel, long messageId, boolean original)
        implements StatusMessage {

    @Override
    public long channelId() {
        return channel.getIdLong();
    }

    @Override
    public CompletableFuture<Void> edit(String content) {
        if (hook.isExpired()) {
            return new ChannelStatusMessage(channel, messageId).edit(content);
        }
        return Replies.submitLogged(
                        () -> (original ? hook.editOriginal(content) : hook.editMessageById(messageId, content))
                                .setAllowedMentions(Replies.NO_MENTIONS)
                                .mentionRepliedUser(false),
                        () -> "the edit of interaction reply '" + messageId + "' in channel '" + channel.getId() + "'")
                .thenApply(message -> null);
    }
}
