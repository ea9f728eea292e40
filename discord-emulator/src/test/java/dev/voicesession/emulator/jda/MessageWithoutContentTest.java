package dev.voicesession.emulator.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.support.EventRecorder;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.utils.Compression;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("without the MESSAGE_CONTENT intent (and without compression)")
class MessageWithoutContentTest {
    private static final EventRecorder WITHOUT_CONTENT_EVENTS = new EventRecorder();

    private static Guild guild;
    private static Channel text;
    private static Member bob;

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.withJda()
            .rateLimits(RateLimitMode.OFF)
            .intents(GatewayIntent.GUILD_MESSAGES, GatewayIntent.GUILD_VOICE_STATES)
            .seed(control -> {
                guild = control.createGuild("no-content");
                text = control.createTextChannel(guild.id(), "general");
                bob = control.addMember(guild.id(), "bob");
            })
            .jda(builder -> builder.setCompression(Compression.NONE).addEventListeners(WITHOUT_CONTENT_EVENTS));

    @BeforeEach
    void clear() {
        WITHOUT_CONTENT_EVENTS.clear();
    }

    @Test
    @DisplayName("a user's message arrives with empty content")
    void content_is_empty() {
        DISCORD.control().userSendsMessage(text.id(), bob.userId(), "secret words");

        await().until(() -> !WITHOUT_CONTENT_EVENTS.of(MessageReceivedEvent.class).isEmpty());
        var event = WITHOUT_CONTENT_EVENTS.of(MessageReceivedEvent.class).getFirst();
        assertThat(event.getMessage().getContentRaw()).isEmpty();
        assertThat(event.getAuthor().getName()).isEqualTo("bob");
    }

    @Test
    @DisplayName("a message that mentions the bot keeps its content")
    void mention_keeps_content() {
        long botId = DISCORD.emulator().bot().id();
        DISCORD.control().userSendsMessage(text.id(), bob.userId(), "<@" + botId + "> play");

        await().until(() -> !WITHOUT_CONTENT_EVENTS.of(MessageReceivedEvent.class).isEmpty());
        var message = WITHOUT_CONTENT_EVENTS.of(MessageReceivedEvent.class).getFirst().getMessage();
        assertThat(message.getContentRaw()).isEqualTo("<@" + botId + "> play");
        assertThat(message.getMentions().getUsers()).extracting(u -> u.getIdLong()).containsExactly(botId);
    }
}
