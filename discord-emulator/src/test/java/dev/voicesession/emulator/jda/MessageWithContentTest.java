package dev.voicesession.emulator.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.support.EventRecorder;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("with the MESSAGE_CONTENT intent")
class MessageWithContentTest {
    private static final EventRecorder WITH_CONTENT_EVENTS = new EventRecorder();

    private static Guild guild;
    private static Channel text;
    private static Member alice;

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.withJda()
            .rateLimits(RateLimitMode.OFF)
            .seed(control -> {
                guild = control.createGuild("messages");
                text = control.createTextChannel(guild.id(), "general");
                alice = control.addMember(guild.id(), "alice");
            })
            .jda(builder -> builder.addEventListeners(WITH_CONTENT_EVENTS));

    @BeforeEach
    void clear() {
        WITH_CONTENT_EVENTS.clear();
    }

    @Test
    @DisplayName("a user's message reaches JDA with its content and author")
    void user_message_with_content() {
        DISCORD.control().userSendsMessage(text.id(), alice.userId(), "hello bot");

        await().until(() -> !WITH_CONTENT_EVENTS.of(MessageReceivedEvent.class).isEmpty());
        var event = WITH_CONTENT_EVENTS.of(MessageReceivedEvent.class).getFirst();
        assertThat(event.getMessage().getContentRaw()).isEqualTo("hello bot");
        assertThat(event.getAuthor().getName()).isEqualTo("alice");
        assertThat(event.getMember()).isNotNull();
        assertThat(event.getChannel().getIdLong()).isEqualTo(text.id());
    }

    @Test
    @DisplayName("the bot's sent and edited message is kept with its edit history")
    void bot_message_edit_history() {
        var channel = DISCORD.jda().getTextChannelById(text.id());
        var sent = channel.sendMessage("queued").complete();
        sent.editMessage("creating").complete();
        sent.editMessage("ready").complete();

        Message stored = DISCORD.control().message(sent.getIdLong()).orElseThrow();
        assertThat(stored.contentHistory()).containsExactly("queued", "creating", "ready");
        assertThat(stored.authorId()).isEqualTo(DISCORD.emulator().bot().id());
        await().until(() -> WITH_CONTENT_EVENTS.of(MessageUpdateEvent.class).size() == 2);
    }
}
