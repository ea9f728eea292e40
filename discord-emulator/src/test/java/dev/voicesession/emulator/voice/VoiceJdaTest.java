package dev.voicesession.emulator.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.dv8tion.jda.api.audio.AudioModuleConfig;
import net.dv8tion.jda.api.audio.AudioSendHandler;
import net.dv8tion.jda.api.audio.dave.PassthroughDaveSessionFactory;
import net.dv8tion.jda.api.audio.hooks.ConnectionListener;
import net.dv8tion.jda.api.audio.hooks.ConnectionStatus;
import net.dv8tion.jda.api.entities.channel.concrete.VoiceChannel;
import net.dv8tion.jda.api.managers.AudioManager;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real JDA 6 client joins a voice channel of the emulator: the voice websocket over TLS, IP discovery and
 * RTP over a real UDP socket, with JDA's passthrough DAVE session (the emulator negotiates DAVE version 0).
 * {@link VoiceJdaveTest} repeats the connection with jdave where its native library loads.
 */
class VoiceJdaTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private Guild guild;
    private Channel lobby;

    @RegisterExtension
    final EmulatorExtension discord = EmulatorExtension.withJda()
            .rateLimits(RateLimitMode.OFF)
            .jda(builder -> builder.setAudioModuleConfig(
                    new AudioModuleConfig().withDaveSessionFactory(new PassthroughDaveSessionFactory())))
            .seed(control -> {
                guild = control.createGuild("voice-guild");
                lobby = control.createVoiceChannel(guild.id(), "Lobby");
            });

    @Test
    @DisplayName("AudioManager reaches CONNECTED, the emulator counts the bot's RTP packets, and sees it leave")
    void bot_connects_sends_audio_and_leaves() {
        List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        AudioManager audio = join(statuses);

        await().atMost(WAIT).until(() -> statuses.contains(ConnectionStatus.CONNECTED));
        assertThat(statuses)
                .containsSubsequence(
                        ConnectionStatus.CONNECTING_AWAITING_WEBSOCKET_CONNECT,
                        ConnectionStatus.CONNECTING_AWAITING_AUTHENTICATION,
                        ConnectionStatus.CONNECTING_ATTEMPTING_UDP_DISCOVERY,
                        ConnectionStatus.CONNECTING_AWAITING_READY,
                        ConnectionStatus.CONNECTED);
        assertThat(audio.isConnected()).isTrue();
        await().atMost(WAIT).untilAsserted(() -> {
            VoiceConnectionInfo info = voice().connection(guild.id());
            assertThat(info.state()).isEqualTo(VoiceConnectionState.CONNECTED);
            assertThat(info.udpPacketsReceived()).isGreaterThanOrEqualTo(10);
            assertThat(info.speaking()).isEqualTo(1);
            assertThat(info.heartbeats()).isPositive();
        });
        VoiceConnectionInfo info = voice().connection(guild.id());
        assertThat(info.userId()).isEqualTo(discord.emulator().bot().id());
        assertThat(info.channelId()).isEqualTo(lobby.id());
        assertThat(info.encryptionMode()).isEqualTo("aead_aes256_gcm_rtpsize");
        assertThat(info.maxDaveProtocolVersion()).isZero();
        assertThat(info.lastHeartbeat()).isNotNull();
        assertThat(info.udpAddress()).isNotNull();
        assertThat(discord.control().botVoiceConnection(guild.id()).ssrc()).isEqualTo(info.ssrc());

        audio.closeAudioConnection();

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(voice().connection(guild.id()).state()).isEqualTo(VoiceConnectionState.CLOSED);
            assertThat(discord.control().voiceState(guild.id(), discord.emulator().bot().id())).isEmpty();
        });
        assertThat(statuses).endsWith(ConnectionStatus.NOT_CONNECTED);
        // JDA closes without a code (1005); the gateway's revoke (4014) may come first.
        assertThat(voice().connection(guild.id()).lastCloseCode()).isIn(1005, 4014);
    }

    @Test
    @DisplayName("A moderator disconnecting the bot closes its voice websocket with 4014")
    void moderator_disconnect_closes_with_4014() {
        List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        join(statuses);
        await().atMost(WAIT).until(() -> statuses.contains(ConnectionStatus.CONNECTED));

        discord.control().disconnectBotFromVoice(guild.id());

        await().atMost(WAIT).until(() -> statuses.contains(ConnectionStatus.DISCONNECTED_KICKED_FROM_CHANNEL));
        VoiceConnectionInfo info = voice().connection(guild.id());
        assertThat(info.state()).isEqualTo(VoiceConnectionState.CLOSED);
        assertThat(info.lastCloseCode()).isEqualTo(4014);
    }

    @Test
    @DisplayName("An unreachable voice server drops the bot, which reconnects once it is back")
    void unreachable_voice_server_drops_and_bot_reconnects() {
        List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        AudioManager audio = join(statuses);
        await().atMost(WAIT).until(() -> statuses.contains(ConnectionStatus.CONNECTED));
        statuses.clear();
        List<VoiceConnectionState> serverStates = new CopyOnWriteArrayList<>();
        voice().addListener((connection, previous) -> serverStates.add(connection.state()));

        voice().setUnreachable(true);

        // The websocket is dropped, JDA tries to resume and gets HTTP 503.
        await().atMost(WAIT).until(() -> voice().stats().websocketsRejected() > 0);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(statuses)
                        .containsSubsequence(
                                ConnectionStatus.ERROR_LOST_CONNECTION,
                                ConnectionStatus.ERROR_WEBSOCKET_UNABLE_TO_CONNECT));
        assertThat(serverStates).startsWith(VoiceConnectionState.DISCONNECTED);

        voice().setUnreachable(false);

        // JDA asks the gateway for a new voice server and connects with a new session.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(statuses).contains(ConnectionStatus.CONNECTED);
            assertThat(voice().connection(guild.id()).state()).isEqualTo(VoiceConnectionState.CONNECTED);
        });
        assertThat(audio.isConnected()).isTrue();
        assertThat(voice().stats().identifies()).isEqualTo(2);
    }

    private AudioManager join(List<ConnectionStatus> statuses) {
        VoiceChannel channel = discord.jda().getVoiceChannelById(lobby.id());
        assertThat(channel).isNotNull();
        AudioManager audio = channel.getGuild().getAudioManager();
        audio.setConnectionListener(new ConnectionListener() {
            @Override
            public void onStatusChange(ConnectionStatus status) {
                statuses.add(status);
            }
        });
        audio.setSendingHandler(new OpusSilence());
        audio.openAudioConnection(channel);
        return audio;
    }

    private VoiceServer voice() {
        return discord.emulator().voiceServer();
    }

    /** Sends Opus silence frames, so no Opus encoder (native) is needed. */
    static final class OpusSilence implements AudioSendHandler {
        private static final byte[] FRAME = {(byte) 0xF8, (byte) 0xFF, (byte) 0xFE};

        @Override
        public boolean canProvide() {
            return true;
        }

        @Override
        public ByteBuffer provide20MsAudio() {
            return ByteBuffer.wrap(FRAME);
        }

        @Override
        public boolean isOpus() {
            return true;
        }
    }
}
