package dev.voicesession.emulator.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.support.EventRecorder;
import java.time.Duration;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GatewayResumeTest {
    private final EventRecorder events = new EventRecorder();
    private Guild guild;
    private Channel text;
    private Member erin;

    @RegisterExtension
    final EmulatorExtension discord = EmulatorExtension.withJda()
            .rateLimits(RateLimitMode.OFF)
            .seed(control -> {
                guild = control.createGuild("resume");
                text = control.createTextChannel(guild.id(), "general");
                erin = control.addMember(guild.id(), "erin");
            })
            .jda(builder -> builder.addEventListeners(events));

    @BeforeEach
    void clear() {
        events.clear();
    }

    @Test
    @DisplayName("a resumable drop is resumed and events sent while disconnected are replayed, none lost")
    void resume_replays_missed_events() {
        String session = discord.control().gatewaySessions().getFirst();

        discord.control().dropGateway(true);
        for (int i = 0; i < 5; i++) {
            discord.control().userSendsMessage(text.id(), erin.userId(), "missed " + i);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !events.of(SessionResumeEvent.class).isEmpty());
        await().until(() -> events.of(MessageReceivedEvent.class).size() == 5);
        assertThat(events.of(MessageReceivedEvent.class)).extracting(e -> e.getMessage().getContentRaw())
                .containsExactly("missed 0", "missed 1", "missed 2", "missed 3", "missed 4");
        assertThat(discord.control().gatewaySessions()).containsExactly(session);
        assertThat(discord.jda().getStatus()).isEqualTo(JDA.Status.CONNECTED);
    }

    @Test
    @DisplayName("a non-resumable drop makes JDA identify again and rebuild its cache")
    void non_resumable_drop_reidentifies() {
        String oldSession = discord.control().gatewaySessions().getFirst();

        discord.control().dropGateway(false);

        await().atMost(Duration.ofSeconds(15)).until(() -> !events.of(SessionRecreateEvent.class).isEmpty());
        assertThat(discord.control().gatewaySessions()).doesNotContain(oldSession).hasSize(1);
        assertThat(discord.jda().getGuildById(guild.id())).isNotNull();
        discord.control().userSendsMessage(text.id(), erin.userId(), "after");
        await().until(() -> events.of(MessageReceivedEvent.class).size() == 1);
    }

    @Test
    @DisplayName("a held IDENTIFY leaves JDA connected without a session until released, then READY rebuilds it")
    void held_identify_gets_ready_on_release() {
        discord.control().holdIdentify();
        discord.control().dropGateway(false);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> discord.jda().getStatus() == JDA.Status.AWAITING_LOGIN_CONFIRMATION);
        // A READY that was not held would have come within this second.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> discord.jda().getStatus() == JDA.Status.AWAITING_LOGIN_CONFIRMATION);
        assertThat(discord.control().gatewaySessions()).isEmpty();
        assertThat(discord.jda().getGuildById(guild.id())).isNull();

        discord.control().releaseIdentify();

        await().atMost(Duration.ofSeconds(10)).until(() -> !events.of(SessionRecreateEvent.class).isEmpty());
        assertThat(discord.jda().getStatus()).isEqualTo(JDA.Status.CONNECTED);
        assertThat(discord.control().gatewaySessions()).hasSize(1);
        assertThat(discord.jda().getGuildById(guild.id())).isNotNull();
    }

    @Test
    @DisplayName("removing the bot from a guild sends GUILD_DELETE and JDA fires GuildLeaveEvent")
    void guild_delete() {
        discord.control().removeBotFromGuild(guild.id());

        await().until(() -> !events.of(GuildLeaveEvent.class).isEmpty());
        assertThat(discord.jda().getGuildById(guild.id())).isNull();
    }
}
