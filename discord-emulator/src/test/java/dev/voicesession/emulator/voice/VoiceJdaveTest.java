package dev.voicesession.emulator.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import club.minnced.discord.jdave.interop.JDaveSessionFactory;
import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.audio.AudioModuleConfig;
import net.dv8tion.jda.api.audio.dave.DaveProtocolCallbacks;
import net.dv8tion.jda.api.audio.hooks.ConnectionListener;
import net.dv8tion.jda.api.audio.hooks.ConnectionStatus;
import net.dv8tion.jda.api.entities.channel.concrete.VoiceChannel;
import net.dv8tion.jda.api.managers.AudioManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * JDA with jdave's DAVE session (the production setup) connects to the emulator, which answers
 * {@code dave_protocol_version} 0. Skipped where jdave's native library cannot load: jdave 0.1.5's libdave needs
 * glibc 2.38, which Debian 12 lacks.
 */
class VoiceJdaveTest {
    private Guild guild;
    private Channel lobby;

    @RegisterExtension
    final EmulatorExtension discord = EmulatorExtension.withJda()
            .rateLimits(RateLimitMode.OFF)
            .jda(builder -> builder.setAudioModuleConfig(
                    new AudioModuleConfig().withDaveSessionFactory(new JDaveSessionFactory())))
            .seed(control -> {
                guild = control.createGuild("jdave-guild");
                lobby = control.createVoiceChannel(guild.id(), "Lobby");
            });

    @Test
    @EnabledIf(value = "jdaveLoads", disabledReason = "jdave's native library (libdave) does not load here")
    @DisplayName("JDA with jdave reaches CONNECTED and sends RTP; IDENTIFY announces DAVE support")
    void jdave_session_connects_with_dave_version_0() {
        List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        VoiceChannel channel = discord.jda().getVoiceChannelById(lobby.id());
        assertThat(channel).isNotNull();
        AudioManager audio = channel.getGuild().getAudioManager();
        audio.setConnectionListener(new ConnectionListener() {
            @Override
            public void onStatusChange(ConnectionStatus status) {
                statuses.add(status);
            }
        });
        audio.setSendingHandler(new VoiceJdaTest.OpusSilence());
        audio.openAudioConnection(channel);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(statuses).contains(ConnectionStatus.CONNECTED);
            VoiceConnectionInfo info = discord.emulator().voiceServer().connection(guild.id());
            assertThat(info.state()).isEqualTo(VoiceConnectionState.CONNECTED);
            assertThat(info.udpPacketsReceived()).isGreaterThanOrEqualTo(10);
        });
        assertThat(discord.emulator().voiceServer().connection(guild.id()).maxDaveProtocolVersion())
                .isPositive();
    }

    /** Whether jdave can create a session, which loads libdave through the FFM API. */
    static boolean jdaveLoads() {
        try {
            new JDaveSessionFactory().createDaveSession(new NoCallbacks(), 1L, 2L).destroy();
            return true;
        } catch (LinkageError e) {
            // ExceptionInInitializerError or NoClassDefFoundError around "Cannot open library".
            return false;
        }
    }

    private static final class NoCallbacks implements DaveProtocolCallbacks {
        @Override
        public void sendMLSKeyPackage(ByteBuffer mlsKeyPackage) {}

        @Override
        public void sendDaveProtocolReadyForTransition(int transitionId) {}

        @Override
        public void sendMLSCommitWelcome(ByteBuffer commitWelcomeMessage) {}

        @Override
        public void sendMLSInvalidCommitWelcome(int transitionId) {}
    }
}
