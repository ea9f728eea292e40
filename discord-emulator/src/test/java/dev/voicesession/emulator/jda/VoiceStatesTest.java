package dev.voicesession.emulator.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.support.EventRecorder;
import dev.voicesession.emulator.voice.VoiceConnectionState;
import java.time.Duration;
import net.dv8tion.jda.api.events.guild.voice.GuildVoiceUpdateEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VoiceStatesTest {
    private static final EventRecorder EVENTS = new EventRecorder();
    private static Guild guild;
    private static Member carol;
    private static Channel lobby;
    private static Channel stage;

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.withJda()
            .rateLimits(RateLimitMode.OFF)
            .seed(control -> {
                guild = control.createGuild("voice");
                carol = control.addMember(guild.id(), "carol");
                lobby = control.createVoiceChannel(guild.id(), "Lobby");
                stage = control.createVoiceChannel(guild.id(), "Stage");
            })
            .jda(builder -> builder.addEventListeners(EVENTS));

    @BeforeEach
    void clear() {
        EVENTS.clear();
    }

    @Test
    @DisplayName("a user joining, moving and leaving voice is seen by JDA as GuildVoiceUpdateEvent")
    void user_join_move_leave() {
        DISCORD.control().userJoinsVoice(guild.id(), carol.userId(), lobby.id());
        await().until(() -> EVENTS.of(GuildVoiceUpdateEvent.class).size() == 1);
        DISCORD.control().userMovesVoice(guild.id(), carol.userId(), stage.id());
        await().until(() -> EVENTS.of(GuildVoiceUpdateEvent.class).size() == 2);
        DISCORD.control().userLeavesVoice(guild.id(), carol.userId());
        await().until(() -> EVENTS.of(GuildVoiceUpdateEvent.class).size() == 3);

        var events = EVENTS.of(GuildVoiceUpdateEvent.class);
        assertThat(events.get(0).getChannelJoined().getIdLong()).isEqualTo(lobby.id());
        assertThat(events.get(0).getChannelLeft()).isNull();
        assertThat(events.get(1).getChannelLeft().getIdLong()).isEqualTo(lobby.id());
        assertThat(events.get(1).getChannelJoined().getIdLong()).isEqualTo(stage.id());
        assertThat(events.get(2).getChannelLeft().getIdLong()).isEqualTo(stage.id());
        assertThat(events.get(2).getChannelJoined()).isNull();
        assertThat(events).allSatisfy(e -> assertThat(e.getMember().getIdLong()).isEqualTo(carol.userId()));
        assertThat(DISCORD.control().voiceState(guild.id(), carol.userId())).isEmpty();
    }

    @Test
    @DisplayName("the bot joins voice with op 4, gets VOICE_SERVER_UPDATE, connects to the voice server, and is disconnected by a moderator")
    void bot_joins_and_is_disconnected() {
        var jdaGuild = DISCORD.jda().getGuildById(guild.id());
        long botId = DISCORD.emulator().bot().id();

        jdaGuild.getAudioManager().openAudioConnection(jdaGuild.getVoiceChannelById(lobby.id()));

        await().until(() -> DISCORD.control().voiceState(guild.id(), botId).isPresent());
        assertThat(DISCORD.control().voiceState(guild.id(), botId).orElseThrow().channelId()).isEqualTo(lobby.id());
        assertThat(DISCORD.control().voiceState(guild.id(), botId).orElseThrow().sessionId())
                .isIn(DISCORD.control().gatewaySessions());
        await().atMost(Duration.ofSeconds(10)).until(() -> DISCORD.control().botVoiceConnection(guild.id()).state()
                == VoiceConnectionState.CONNECTED);
        await().until(() -> jdaGuild.getSelfMember().getVoiceState().getChannel() != null);

        DISCORD.control().disconnectBotFromVoice(guild.id());

        await().until(() -> EVENTS.of(GuildVoiceUpdateEvent.class).stream()
                .anyMatch(e -> e.getMember().getIdLong() == botId && e.getChannelJoined() == null));
        assertThat(DISCORD.control().voiceState(guild.id(), botId)).isEmpty();
        await().until(() -> DISCORD.control().botVoiceConnection(guild.id()).state() != VoiceConnectionState.CONNECTED);
    }
}
