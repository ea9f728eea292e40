package dev.voicesession.emulator.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the voice server at the protocol level with the JDK's websocket client and a real UDP socket. */
class VoiceServerProtocolTest {
    private static final long GUILD = 1_100_000_000_000_000_001L;
    private static final long USER = 1_200_000_000_000_000_002L;
    private static final long CHANNEL = 1_300_000_000_000_000_003L;
    private static final String SESSION = "voice-session-1";

    private VoiceServer server;
    private final List<VoiceConnectionState> states = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        server = VoiceServer.start(Duration.ofSeconds(5));
        server.addListener((connection, previous) -> states.add(connection.state()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("HELLO, IDENTIFY, READY, IP discovery, SELECT_PROTOCOL, SESSION_DESCRIPTION (DAVE 0), heartbeat, RTP")
    void full_handshake_heartbeat_and_rtp_are_seen() throws IOException {
        String token = server.authorize(GUILD, USER, SESSION, CHANNEL);
        assertThat(server.connection(GUILD).state()).isEqualTo(VoiceConnectionState.NONE);

        try (VoiceTestClient client = VoiceTestClient.open(server)) {
            assertThat(client.expect(VoiceProtocol.HELLO).path("d").path("heartbeat_interval").asLong())
                    .isEqualTo(5000);

            client.identify(GUILD, USER, SESSION, token);
            JsonNode ready = client.expect(VoiceProtocol.READY).path("d");
            int ssrc = ready.path("ssrc").asInt();
            assertThat(ssrc).isPositive();
            assertThat(ready.path("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(ready.path("port").asInt()).isEqualTo(server.udpAddress().getPort());
            assertThat(ready.path("modes").toString())
                    .contains("aead_aes256_gcm_rtpsize", "aead_xchacha20_poly1305_rtpsize");
            assertThat(server.connection(GUILD).state()).isEqualTo(VoiceConnectionState.IDENTIFIED);

            InetSocketAddress udpServer = new InetSocketAddress(ready.path("ip").asText(), ready.path("port").asInt());
            ByteBuffer discovery = ByteBuffer.wrap(client.discover(udpServer, ssrc));
            assertThat(discovery.getShort(0)).isEqualTo((short) 2);
            assertThat(discovery.getShort(2)).isEqualTo((short) 70);
            assertThat(discovery.getInt(4)).isEqualTo(ssrc);
            assertThat(new String(discovery.array(), 8, 64, StandardCharsets.US_ASCII).trim())
                    .isEqualTo("127.0.0.1");
            assertThat(discovery.getShort(72) & 0xFFFF).isEqualTo(client.udpPort());

            JsonNode select = VoiceTestClient.json("{\"protocol\":\"udp\",\"data\":{\"address\":\"127.0.0.1\","
                    + "\"port\":" + client.udpPort() + ",\"mode\":\"aead_aes256_gcm_rtpsize\"}}");
            client.send(VoiceProtocol.SELECT_PROTOCOL, select);
            JsonNode description = client.expect(VoiceProtocol.SESSION_DESCRIPTION);
            assertThat(description.path("d").path("mode").asText()).isEqualTo("aead_aes256_gcm_rtpsize");
            assertThat(description.path("d").path("dave_protocol_version").asInt(-1)).isZero();
            assertThat(description.path("d").path("secret_key").size()).isEqualTo(32);
            long seq = description.path("seq").asLong();
            assertThat(seq).isPositive();

            client.send(VoiceProtocol.HEARTBEAT, VoiceTestClient.object().put("t", 1234L).put("seq_ack", seq));
            assertThat(client.expect(VoiceProtocol.HEARTBEAT_ACK).path("d").path("t").asLong()).isEqualTo(1234L);
            client.send(VoiceProtocol.SPEAKING, VoiceTestClient.object().put("speaking", 1).put("ssrc", ssrc));

            for (char i = 0; i < 5; i++) {
                client.sendUdp(udpServer, VoiceTestClient.rtp(i, ssrc));
            }
            client.sendUdp(udpServer, new byte[] {(byte) 0xC9, 0, 0, 0, 0, 0, 0, 0, 0});
            client.sendUdp(udpServer, VoiceTestClient.rtp((char) 9, ssrc + 1000));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                VoiceConnectionInfo info = server.connection(GUILD);
                assertThat(info.udpPacketsReceived()).isEqualTo(5);
                assertThat(info.udpKeepAlivesReceived()).isEqualTo(1);
                assertThat(info.speaking()).isEqualTo(1);
            });
            VoiceConnectionInfo info = server.connection(GUILD);
            assertThat(info.state()).isEqualTo(VoiceConnectionState.CONNECTED);
            assertThat(info.userId()).isEqualTo(USER);
            assertThat(info.channelId()).isEqualTo(CHANNEL);
            assertThat(info.ssrc()).isEqualTo(ssrc);
            assertThat(info.encryptionMode()).isEqualTo("aead_aes256_gcm_rtpsize");
            assertThat(info.maxDaveProtocolVersion()).isZero();
            assertThat(info.heartbeats()).isEqualTo(1);
            assertThat(info.lastHeartbeat()).isNotNull();
            assertThat(info.lastSeqAck()).isEqualTo(seq);
            assertThat(info.udpAddress().getPort()).isEqualTo(client.udpPort());
            VoiceServerStats stats = server.stats();
            assertThat(stats.identifies()).isEqualTo(1);
            assertThat(stats.ipDiscoveries()).isEqualTo(1);
            assertThat(stats.rtpPackets()).isEqualTo(5);
            assertThat(stats.udpUnmatched()).isEqualTo(1);

            client.closeNormally();
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.connection(GUILD).state() == VoiceConnectionState.CLOSED);
        }
        assertThat(states)
                .containsExactly(
                        VoiceConnectionState.IDENTIFIED, VoiceConnectionState.CONNECTED, VoiceConnectionState.CLOSED);
    }

    @Test
    @DisplayName("IDENTIFY with a wrong token is closed with 4004")
    void wrong_token_is_refused_with_4004() {
        server.authorize(GUILD, USER, SESSION, CHANNEL);
        try (VoiceTestClient client = VoiceTestClient.open(server)) {
            client.expect(VoiceProtocol.HELLO);
            client.identify(GUILD, USER, SESSION, "not-the-token");
            assertThat(client.closeCode()).isEqualTo(4004);
        }
        assertThat(server.connection(GUILD).state()).isEqualTo(VoiceConnectionState.NONE);
        assertThat(server.stats().authenticationFailures()).isEqualTo(1);
    }

    @Test
    @DisplayName("SELECT_PROTOCOL before IDENTIFY is closed with 4003")
    void payload_before_identify_is_refused_with_4003() {
        try (VoiceTestClient client = VoiceTestClient.open(server)) {
            client.expect(VoiceProtocol.HELLO);
            client.send(VoiceProtocol.SELECT_PROTOCOL, VoiceTestClient.object().put("protocol", "udp"));
            assertThat(client.closeCode()).isEqualTo(4003);
        }
    }

    @Test
    @DisplayName("revoke closes the websocket with 4014 and the token stops working")
    void revoke_closes_with_4014_and_forgets_the_token() {
        String token = server.authorize(GUILD, USER, SESSION, CHANNEL);
        try (VoiceTestClient client = VoiceTestClient.open(server)) {
            client.expect(VoiceProtocol.HELLO);
            client.identify(GUILD, USER, SESSION, token);
            client.expect(VoiceProtocol.READY);

            server.revoke(GUILD, USER);

            assertThat(client.closeCode()).isEqualTo(4014);
            assertThat(server.connection(GUILD).state()).isEqualTo(VoiceConnectionState.CLOSED);
            assertThat(server.connection(GUILD).lastCloseCode()).isEqualTo(4014);
        }
        try (VoiceTestClient again = VoiceTestClient.open(server)) {
            again.expect(VoiceProtocol.HELLO);
            again.identify(GUILD, USER, SESSION, token);
            assertThat(again.closeCode()).isEqualTo(4004);
        }
    }

    @Test
    @DisplayName("unreachable drops the socket, refuses handshakes with 503, drops UDP; RESUME restores the session")
    void unreachable_drops_refuses_and_resume_restores() throws IOException {
        String token = server.authorize(GUILD, USER, SESSION, CHANNEL);
        int ssrc;
        try (VoiceTestClient client = VoiceTestClient.open(server)) {
            client.expect(VoiceProtocol.HELLO);
            client.identify(GUILD, USER, SESSION, token);
            ssrc = client.expect(VoiceProtocol.READY).path("d").path("ssrc").asInt();
            client.send(
                    VoiceProtocol.SELECT_PROTOCOL,
                    VoiceTestClient.json("{\"protocol\":\"udp\",\"data\":{\"address\":\"127.0.0.1\",\"port\":"
                            + client.udpPort() + ",\"mode\":\"aead_xchacha20_poly1305_rtpsize\"}}"));
            client.expect(VoiceProtocol.SESSION_DESCRIPTION);

            server.setUnreachable(true);

            assertThat(client.closeCode()).isNotIn(1000, 4014);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.connection(GUILD).state() == VoiceConnectionState.DISCONNECTED);
            client.sendUdp(server.udpAddress(), VoiceTestClient.rtp((char) 1, ssrc));
            await().atMost(Duration.ofSeconds(5)).until(() -> server.stats().udpDropped() == 1);
        }
        assertThatThrownBy(() -> VoiceTestClient.connect(server.endpoint(), server.clientSslContext())
                        .get(5, TimeUnit.SECONDS))
                .cause()
                .isInstanceOfSatisfying(WebSocketHandshakeException.class, e -> assertThat(
                                e.getResponse().statusCode())
                        .isEqualTo(503));
        assertThat(server.stats().websocketsRejected()).isEqualTo(1);

        server.setUnreachable(false);

        try (VoiceTestClient client = VoiceTestClient.open(server)) {
            client.expect(VoiceProtocol.HELLO);
            client.send(
                    VoiceProtocol.RESUME,
                    VoiceTestClient.object()
                            .put("server_id", Long.toString(GUILD))
                            .put("session_id", SESSION)
                            .put("token", token)
                            .put("seq_ack", 2));
            client.expect(VoiceProtocol.RESUMED);
            VoiceConnectionInfo info = server.connection(GUILD);
            assertThat(info.state()).isEqualTo(VoiceConnectionState.CONNECTED);
            assertThat(info.resumes()).isEqualTo(1);
            assertThat(info.ssrc()).isEqualTo(ssrc);
            assertThat(info.encryptionMode()).isEqualTo("aead_xchacha20_poly1305_rtpsize");
        }
        // Aborting the resumed socket leaves the session resumable again.
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(states)
                        .containsExactly(
                                VoiceConnectionState.IDENTIFIED,
                                VoiceConnectionState.CONNECTED,
                                VoiceConnectionState.DISCONNECTED,
                                VoiceConnectionState.CONNECTED,
                                VoiceConnectionState.DISCONNECTED));
    }

    @Test
    @DisplayName("RESUME of an unknown session is closed with 4006")
    void resume_of_unknown_session_is_refused_with_4006() {
        try (VoiceTestClient client = VoiceTestClient.open(server)) {
            client.expect(VoiceProtocol.HELLO);
            client.send(
                    VoiceProtocol.RESUME,
                    VoiceTestClient.object()
                            .put("server_id", Long.toString(GUILD))
                            .put("session_id", SESSION)
                            .put("token", "nope"));
            assertThat(client.closeCode()).isEqualTo(4006);
        }
    }

    @Test
    @DisplayName("other users joining and leaving are announced with ops 11 and 13")
    void other_clients_are_announced() {
        String token = server.authorize(GUILD, USER, SESSION, CHANNEL);
        assertThat(server.clientsConnected(GUILD, 42L)).isFalse();
        try (VoiceTestClient client = VoiceTestClient.open(server)) {
            client.expect(VoiceProtocol.HELLO);
            client.identify(GUILD, USER, SESSION, token);
            client.expect(VoiceProtocol.READY);

            assertThat(server.clientsConnected(GUILD, 42L, 43L)).isTrue();
            assertThat(client.expect(VoiceProtocol.CLIENTS_CONNECT).path("d").path("user_ids").toString())
                    .isEqualTo("[\"42\",\"43\"]");
            assertThat(server.clientDisconnected(GUILD, 42L)).isTrue();
            assertThat(client.expect(VoiceProtocol.CLIENT_DISCONNECT).path("d").path("user_id").asText())
                    .isEqualTo("42");
        }
    }

    @Test
    @DisplayName("the generated certificate is trusted through the emulator's context or its PEM file, not by default")
    void certificate_is_trusted_only_through_the_emulator(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> VoiceTestClient.connect(server.endpoint(), SSLContext.getDefault())
                        .get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(SSLHandshakeException.class);

        Path pem = dir.resolve("voice.pem");
        server.writeCertificatePem(pem);
        assertThat(server.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        try (VoiceTestClient client = VoiceTestClient.connect(server.endpoint(), VoiceServer.sslContextTrusting(pem))
                .get(5, TimeUnit.SECONDS)) {
            client.expect(VoiceProtocol.HELLO);
        }
        assertThat(server.certificate().getSubjectAlternativeNames().toString()).contains("127.0.0.1", "localhost");
    }

    @Test
    @DisplayName("a second server starts well under a second on other ports")
    void starts_well_under_a_second() {
        long started = System.nanoTime();
        try (VoiceServer another = VoiceServer.start()) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(another.endpoint()).isEqualTo("localhost:" + another.port());
            assertThat(another.port()).isNotEqualTo(server.port());
        }
    }

}
