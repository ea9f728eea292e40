package dev.voicesession.emulator.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.entities.ApplicationInfo;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.MessageType;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.EmbedBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Replies, embeds and the application object as the real JDA client sends and reads them. */
class RepliesTest {
    private static final List<net.dv8tion.jda.api.entities.Message> RECEIVED = new CopyOnWriteArrayList<>();
    private static Guild guild;
    private static Channel text;
    private static Member erin;

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.withJda()
            .rateLimits(RateLimitMode.OFF)
            .seed(control -> {
                guild = control.createGuild("replies");
                text = control.createTextChannel(guild.id(), "general");
                erin = control.addMember(guild.id(), "erin");
            })
            .jda(builder -> builder.enableIntents(GatewayIntent.MESSAGE_CONTENT).addEventListeners(new ListenerAdapter() {
                @Override
                public void onMessageReceived(MessageReceivedEvent event) {
                    RECEIVED.add(event.getMessage());
                }
            }));

    @Test
    @DisplayName("message.reply() is a REPLY (type 19) with the referenced message, in the REST answer and MESSAGE_CREATE")
    void reply_is_type_19() {
        Message asked = DISCORD.control().userSendsMessage(text.id(), erin.userId(), "question");
        TextChannel channel = DISCORD.jda().getTextChannelById(text.id());

        var reply = channel.sendMessage("answer").setMessageReference(asked.id())
                .setEmbeds(new EmbedBuilder().setTitle("details").build()).complete();

        assertThat(reply.getType()).isEqualTo(MessageType.INLINE_REPLY);
        assertThat(reply.getReferencedMessage()).isNotNull();
        assertThat(reply.getReferencedMessage().getContentRaw()).isEqualTo("question");
        assertThat(reply.getEmbeds()).extracting(MessageEmbed::getType).containsExactly(
                net.dv8tion.jda.api.entities.EmbedType.RICH);
        await().until(() -> RECEIVED.stream().anyMatch(m -> m.getIdLong() == reply.getIdLong()));
        var dispatched = RECEIVED.stream().filter(m -> m.getIdLong() == reply.getIdLong()).findFirst().orElseThrow();
        assertThat(dispatched.getType()).isEqualTo(MessageType.INLINE_REPLY);
        assertThat(dispatched.getMessageReference()).isNotNull();
        assertThat(dispatched.getMessageReference().getMessageIdLong()).isEqualTo(asked.id());
        Message stored = DISCORD.control().message(reply.getIdLong()).orElseThrow();
        assertThat(stored.type()).isEqualTo(19);
        assertThat(stored.referencedMessageId()).isEqualTo(asked.id());
    }

    @Test
    @DisplayName("a reply to a message that does not exist fails with 50035, or is sent plain with fail_if_not_exists false")
    void reply_to_unknown_message() {
        TextChannel channel = DISCORD.jda().getTextChannelById(text.id());

        assertThatThrownBy(() -> channel.sendMessage("lost").setMessageReference(1L).failOnInvalidReply(true).complete())
                .isInstanceOf(ErrorResponseException.class)
                .satisfies(e -> assertThat(((ErrorResponseException) e).getErrorCode()).isEqualTo(50035));
        var plain = channel.sendMessage("plain").setMessageReference(1L).failOnInvalidReply(false).complete();
        assertThat(plain.getType()).isEqualTo(MessageType.DEFAULT);
        assertThat(plain.getReferencedMessage()).isNull();
    }

    @Test
    @DisplayName("JDA reads the application object (no nulls where the documentation allows none)")
    void application_info() {
        ApplicationInfo info = DISCORD.jda().retrieveApplicationInfo().complete();

        assertThat(info.getIdLong()).isEqualTo(DISCORD.emulator().bot().id());
        assertThat(info.getTermsOfServiceUrl()).isNull();
        assertThat(info.getPrivacyPolicyUrl()).isNull();
        assertThat(info.isBotPublic()).isTrue();
    }
}
