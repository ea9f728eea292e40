package dev.voicesession.emulator.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Interaction;
import dev.voicesession.emulator.model.InteractionResponse;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.util.Map;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InteractionsTest {
    private static Guild guild;
    private static Channel text;
    private static Member dave;

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.withJda()
            .rateLimits(RateLimitMode.OFF)
            .seed(control -> {
                guild = control.createGuild("commands");
                text = control.createTextChannel(guild.id(), "general");
                dave = control.addMember(guild.id(), "dave");
            })
            .jda(builder -> builder.addEventListeners(new Bot()));

    /** A tiny bot: /ping replies, /session defers then edits its reply through a status sequence. */
    static final class Bot extends ListenerAdapter {
        @Override
        public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
            switch (event.getName()) {
                case "ping" -> event.reply("pong " + event.getOption("word").getAsString()).queue();
                case "session" -> event.deferReply().queue(hook -> hook.editOriginal("queued")
                        .flatMap(m -> hook.editOriginal("creating"))
                        .flatMap(m -> hook.editOriginal("ready"))
                        .flatMap(m -> hook.sendMessage("follow-up"))
                        .queue());
                default -> event.reply("unknown").setEphemeral(true).queue();
            }
        }
    }

    @BeforeAll
    static void registerCommands() {
        DISCORD.jda().updateCommands().addCommands(
                Commands.slash("ping", "Answers").addOption(OptionType.STRING, "word", "A word", true),
                Commands.slash("session", "Starts a session")).complete();
    }

    @Test
    @DisplayName("updateCommands() registers global commands the emulator can list")
    void commands_registered() {
        assertThat(DISCORD.control().commands(null)).extracting(c -> c.name()).containsExactly("ping", "session");
        assertThat(DISCORD.jda().retrieveCommands().complete()).extracting(c -> c.getName())
                .containsExactly("ping", "session");
    }

    @Test
    @DisplayName("'/ping word:hi' is answered with 'pong hi' and the reply is recorded")
    void reply_is_recorded() {
        Interaction interaction = DISCORD.control().userRunsSlashCommand(guild.id(), text.id(), dave.userId(), "ping",
                Map.of("word", "hi"));

        await().until(() -> DISCORD.control().interaction(interaction.id()).orElseThrow().acknowledged());
        Interaction answered = DISCORD.control().interaction(interaction.id()).orElseThrow();
        assertThat(answered.responses()).first().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(InteractionResponse.Kind.CALLBACK);
            assertThat(r.callbackType()).isEqualTo(4);
        });
        Message reply = DISCORD.control().message(answered.originalMessageId()).orElseThrow();
        assertThat(reply.content()).isEqualTo("pong hi");
        assertThat(reply.channelId()).isEqualTo(text.id());
    }

    @Test
    @DisplayName("a deferred reply edited to queued, creating, ready keeps that history, then a follow-up")
    void deferred_reply_history() {
        Interaction interaction = DISCORD.control().userRunsSlashCommand(guild.id(), text.id(), dave.userId(),
                "session", Map.of());

        await().until(() -> DISCORD.control().interaction(interaction.id()).orElseThrow().responses().size() == 5);
        Interaction answered = DISCORD.control().interaction(interaction.id()).orElseThrow();
        assertThat(answered.responses()).extracting(InteractionResponse::kind).containsExactly(
                InteractionResponse.Kind.CALLBACK, InteractionResponse.Kind.EDIT_ORIGINAL,
                InteractionResponse.Kind.EDIT_ORIGINAL, InteractionResponse.Kind.EDIT_ORIGINAL,
                InteractionResponse.Kind.FOLLOWUP);
        Message original = DISCORD.control().message(answered.originalMessageId()).orElseThrow();
        assertThat(original.contentHistory()).containsExactly("", "queued", "creating", "ready");
        assertThat(DISCORD.control().messages(text.id())).extracting(Message::content).contains("follow-up");
    }
}
