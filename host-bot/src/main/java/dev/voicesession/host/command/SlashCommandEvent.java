package dev.voicesession.host.command;

import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.host.queue.ArrivalOrder;
import dev.voicesession.host.queue.CommandRef;
import dev.voicesession.host.queue.ReferableCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;

/**
 * A slash command. The listener deferred the reply on the event thread, so the first {@link
 * #reply(String)} edits the deferred original response and later ones send follow-ups.
 */
final class SlashCommandEvent implements CommandEvent, ArrivalOrder, ReferableCommand {

    private final SlashCommandInteractionEvent event;
    private final String args;
    private final String invocation;
    private final AtomicBoolean responded = new AtomicBoolean();

    private final long arrival;

    SlashCommandEvent(SlashCommandInteractionEvent event, String args, String invocation, long arrival) {
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
        return new CommandRef.SlashCommand(event.getIdLong(), event.getToken(), tokenExpiresAt());
    }

    /** Discord accepts the interaction's token for 15 minutes after the interaction. */
    private Instant tokenExpiresAt() {
        return event.getTimeCreated().toInstant().plus(CommandRef.SlashCommand.TOKEN_LIFETIME);
    }

    @Override
    public User author() {
        return event.getUser();
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
        return event.getMessageChannel();
    }

    @Override
    public String args() {
        return args;
    }

    @Override
    public boolean isSlash() {
        return true;
    }

    @Override
    public String invocation() {
        return invocation;
    }

    @Override
    public CompletableFuture<StatusMessage> reply(String content) {
        var hook = event.getHook();
        if (responded.compareAndSet(false, true)) {
            return Replies.submitLogged(() -> hook.editOriginal(content).setAllowedMentions(Replies.NO_MENTIONS), this::what)
                    .thenApply(message -> new InteractionStatusMessage(hook, channel(), message.getIdLong(), true,
                            tokenExpiresAt(), Clock.systemUTC()));
        }
        return Replies.submitLogged(() -> hook.sendMessage(content).setAllowedMentions(Replies.NO_MENTIONS), this::what)
                .thenApply(message -> new InteractionStatusMessage(hook, channel(), message.getIdLong(), false,
                        tokenExpiresAt(), Clock.systemUTC()));
    }

    private String what() {
        return "the reply to '" + invocation + "' of user '" + event.getUser().getId() + "' in channel '"
                + event.getChannelId() + "'";
    }
}
