package dev.voicesession.host.command;

import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.host.queue.ArrivalOrder;
import dev.voicesession.host.queue.CommandRef;
import dev.voicesession.host.queue.ReferableCommand;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;

/** A prefix command, run from a message. Replies answer the message without pinging its author. */
final class MessageCommandEvent implements CommandEvent, ArrivalOrder, ReferableCommand {

    private final MessageReceivedEvent event;
    private final String args;
    private final String invocation;
    private final long arrival;

    MessageCommandEvent(MessageReceivedEvent event, String args, String invocation, long arrival) {
        this.event = event;
        this.args = args;
        this.invocation = invocation;
        this.arrival = arrival;
    }

    @Override
    public long arrival() {
        return arrival;
    }

    @Override
    public CommandRef commandRef() {
        return new CommandRef.PrefixCommand(event.getMessageIdLong());
    }

    @Override
    public User author() {
        return event.getAuthor();
    }

    @Override
    public Member member() {
        return event.getMember();
    }

    @Override
    public Guild guild() {
        return event.isFromGuild() ? event.getGuild() : null;
    }

    @Override
    public MessageChannel channel() {
        return event.getChannel();
    }

    @Override
    public String args() {
        return args;
    }

    @Override
    public boolean isSlash() {
        return false;
    }

    @Override
    public String invocation() {
        return invocation;
    }

    @Override
    public CompletableFuture<StatusMessage> reply(String content) {
        return Replies.submitLogged(() -> event.getMessage()
                        .reply(content)
                        .mentionRepliedUser(false)
                        .setAllowedMentions(Replies.NO_MENTIONS),
                        () -> "the reply to '" + invocation + "' of user '" + event.getAuthor().getId()
                                + "' in channel '" + event.getChannel().getId() + "'")
                .thenApply(message -> new ChannelStatusMessage(event.getChannel(), message.getIdLong()));
    }
}
