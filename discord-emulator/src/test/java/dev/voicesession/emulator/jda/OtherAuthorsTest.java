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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("direct messages, other bots, webhooks, nonces and channel name lengths")
class OtherAuthorsTest {
    private static final EventRecorder EVENTS = new EventRecorder();

    private static Guild guild;
    private static Channel text;
    private static Member alice;
    private static Member otherBot;

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.withJda()
            .rateLimits(RateLimitMode.OFF)
            .intents(GatewayIntent.GUILD_MESSAGES, GatewayIntent.MESSAGE_CONTENT, GatewayIntent.GUILD_VOICE_STATES,
                    GatewayIntent.DIRECT_MESSAGES)
            .seed(control -> {
                guild = control.createGuild("others");
                text = control.createTextChannel(guild.id(), "general");
                alice = control.addMember(guild.id(), "alice");
                otherBot = control.addBotMember(guild.id(), "other-bot");
            })
            .jda(builder -> builder.addEventListeners(EVENTS));

    @BeforeEach
    void clear() {
        EVENTS.clear();
    }

    @Test
    @DisplayName("a direct message reaches JDA without a guild, and the bot's reply lands in it")
    void direct_message() {
        DISCORD.control().userSendsDirectMessage(alice.userId(), "hello in private");

        await().until(() -> !EVENTS.of(MessageReceivedEvent.class).isEmpty());
        var event = EVENTS.of(MessageReceivedEvent.class).getFirst();
        assertThat(event.isFromGuild()).isFalse();
        assertThat(event.getAuthor().getIdLong()).isEqualTo(alice.userId());
        assertThat(event.getMessage().getContentRaw()).isEqualTo("hello in private");

        event.getMessage().reply("only in a server").complete();
        long dm = DISCORD.control().directMessageChannel(alice.userId());
        assertThat(DISCORD.control().messages(dm)).extracting(m -> m.content())
                .containsExactly("hello in private", "only in a server");
    }

    @Test
    @DisplayName("another bot's message and a webhook's message are marked as such")
    void bot_and_webhook() {
        DISCORD.control().userSendsMessage(text.id(), otherBot.userId(), "from a bot");
        DISCORD.control().webhookSendsMessage(text.id(), "hook", "from a webhook");

        await().until(() -> EVENTS.of(MessageReceivedEvent.class).size() == 2);
        var events = EVENTS.of(MessageReceivedEvent.class);
        assertThat(events.get(0).getAuthor().isBot()).isTrue();
        assertThat(events.get(0).isWebhookMessage()).isFalse();
        assertThat(events.get(1).isWebhookMessage()).isTrue();
    }

    @Test
    @DisplayName("a message sent again with the same enforced nonce returns the first one")
    void enforced_nonce() {
        var channel = DISCORD.jda().getTextChannelById(text.id());
        var first = channel.sendMessage("once").setNonce("n-1").complete();
        var again = channel.sendMessage("once").setNonce("n-1").complete();

        assertThat(again.getIdLong()).isEqualTo(first.getIdLong());
        assertThat(DISCORD.control().messages(text.id())).filteredOn(m -> m.content().equals("once")).hasSize(1);
    }

    @Test
    @DisplayName("channel names are counted in characters, as JDA and Discord do: 100 emoji fit")
    void channel_name_length() {
        var jdaGuild = DISCORD.jda().getGuildById(guild.id());
        String emoji = "\uD83D\uDE00".repeat(100);

        assertThat(jdaGuild.createVoiceChannel(emoji).complete().getName()).isEqualTo(emoji);
    }
}
