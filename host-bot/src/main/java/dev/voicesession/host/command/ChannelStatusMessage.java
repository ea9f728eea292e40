package dev.voicesession.host.command;

import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.host.queue.ReferableStatus;
import dev.voicesession.host.queue.StatusRef;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * A message the bot sent in a channel, edited through the channel.
 *
 * @param channel the channel
 * @param messageId the message
 */
record ChannelStatusMessage(MessageChannel channel, long messageId) implements StatusMessage, ReferableStatus {

    @Override
    public long channelId() {
        return channel.getIdLong();
    }

    @Override
    public StatusRef statusRef() {
        return new StatusRef(StatusRef.Kind.CHANNEL, channelId(), messageId);
    }

    @Override
    public CompletableFuture<Void> edit(String content) {
        return Replies.submitLogged(
                        () -> channel.editMessageById(messageId, content)
                                .setAllowedMentions(Replies.NO_MENTIONS)
                                .mentionRepliedUser(false),
                        () -> "the edit of message '" + messageId + "' in channel '" + channel.getId() + "'")
                .thenApply(message -> null);
    }
}
