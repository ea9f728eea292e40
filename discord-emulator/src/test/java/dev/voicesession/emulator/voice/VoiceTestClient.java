package dev.voicesession.emulator.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/** A bare voice gateway client for protocol-level tests: a JDK websocket plus a real UDP socket. */
final class VoiceTestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final HttpClient http;
    private final WebSocket socket;
    private final DatagramSocket udp;

    private VoiceTestClient(HttpClient http, WebSocket socket) {
        this.http = http;
        this.socket = socket;
        try {
            this.udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            udp.setSoTimeout((int) WAIT.toMillis());
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens {@code wss://endpoint/?v=8}; the future fails if the TLS or websocket handshake does. */
    static CompletableFuture<VoiceTestClient> connect(String endpoint, SSLContext sslContext) {
        HttpClient http = HttpClient.newBuilder().sslContext(sslContext).build();
        Collector collector = new Collector();
        return http.newWebSocketBuilder()
                .connectTimeout(WAIT)
                .buildAsync(URI.create("wss://" + endpoint + "/?v=8"), collector)
                .thenApply(ws -> collector.attach(new VoiceTestClient(http, ws)));
    }

    static VoiceTestClient open(VoiceServer server) {
        return connect(server.endpoint(), server.clientSslContext()).orTimeout(5, TimeUnit.SECONDS).join();
    }

    void send(int op, JsonNode data) {
        ObjectNode message = JSON.createObjectNode().put("op", op);
        message.set("d", data);
        socket.sendText(message.toString(), true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The next message the server sent, which must have opcode {@code op}. */
    JsonNode expect(int op) {
        JsonNode message;
        try {
            message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        assertThat(message).as("a message with op %d", op).isNotNull();
        assertThat(message.path("op").asInt()).as("op of %s", message).isEqualTo(op);
        return message;
    }

    /** The close code the server sent, or -1 when the connection broke without one. */
    int closeCode() {
        return closed.orTimeout(5, TimeUnit.SECONDS).join();
    }

    void closeNormally() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).join();
    }

    ObjectNode identify(long guildId, long userId, String sessionId, String token) {
        ObjectNode data = JSON.createObjectNode()
                .put("server_id", Long.toString(guildId))
                .put("user_id", Long.toString(userId))
                .put("session_id", sessionId)
                .put("token", token)
                .put("max_dave_protocol_version", 0);
        send(VoiceProtocol.IDENTIFY, data);
        return data;
    }

    /** Sends a 74-byte IP discovery request and returns the response. */
    byte[] discover(InetSocketAddress server, int ssrc) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(74).putShort((short) 1).putShort((short) 70).putInt(ssrc);
        udp.send(new DatagramPacket(request.array(), 74, server));
        DatagramPacket response = new DatagramPacket(new byte[74], 74);
        udp.receive(response);
        return response.getData();
    }

    void sendUdp(InetSocketAddress server, byte[] packet) throws IOException {
        udp.send(new DatagramPacket(packet, packet.length, server));
    }

    /** An RTP packet as JDA sends it: version 2, payload type 0x78, then a fake encrypted payload. */
    static byte[] rtp(char sequence, int ssrc) {
        return ByteBuffer.allocate(12 + 3 + 16 + 4)
                .put((byte) 0x80)
                .put((byte) 0x78)
                .putChar(sequence)
                .putInt(sequence * 960)
                .putInt(ssrc)
                .array();
    }

    int udpPort() {
        return udp.getLocalPort();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    @Override
    public void close() {
        socket.abort();
        udp.close();
        http.close();
    }

    /** Gathers text messages and the close code. */
    private static final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private VoiceTestClient client;
        private final BlockingQueue<JsonNode> early = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> earlyClose = new CompletableFuture<>();

        synchronized VoiceTestClient attach(VoiceTestClient attached) {
            client = attached;
            early.drainTo(attached.received);
            earlyClose.thenAccept(attached.closed::complete);
            return attached;
        }

        @Override
        public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonNode message = json(partial.toString());
                partial.setLength(0);
                (client == null ? early : client.received).add(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            earlyClose.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            earlyClose.complete(-1);
        }
    }
}
