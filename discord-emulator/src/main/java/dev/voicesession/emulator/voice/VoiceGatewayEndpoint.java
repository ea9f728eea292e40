package dev.voicesession.emulator.voice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Set;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One voice websocket: speaks the voice gateway v8 handshake (HELLO, IDENTIFY, READY, SELECT_PROTOCOL,
 * SESSION_DESCRIPTION), heartbeats, SPEAKING and RESUME, and ignores DAVE's opcodes 21-31.
 *
 * <p>Internal to {@link VoiceServer}; public only because Jetty invokes websocket listeners through public lookups.
 */
public final class VoiceGatewayEndpoint extends Session.Listener.AbstractAutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceGatewayEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_KEY_LENGTH = 32;

    /** What every websocket of one server shares. */
    record Context(
            VoiceSessions sessions,
            VoiceCounters counters,
            InetSocketAddress udpAddress,
            long heartbeatIntervalMillis,
            Set<VoiceGatewayEndpoint> openEndpoints) {}

    private final Context context;
    /** The session this websocket identified or resumed; written and read on Jetty's handler thread. */
    private volatile VoiceSession voiceSession;

    VoiceGatewayEndpoint(Context context) {
        this.context = context;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        context.counters().websocketsOpened.incrementAndGet();
        context.openEndpoints().add(this);
        LOG.debug("Voice websocket opened from '{}'", session.getRemoteSocketAddress());
        send(VoiceProtocol.HELLO, JSON.createObjectNode().put("heartbeat_interval", context.heartbeatIntervalMillis()));
    }

    @Override
    public void onWebSocketText(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            LOG.debug("Undecodable voice payload '{}'", text, e);
            close(VoiceProtocol.CLOSE_FAILED_TO_DECODE, "Failed to decode payload");
            return;
        }
        int op = message.path("op").asInt(-1);
        JsonNode data = message.path("d");
        LOG.trace("Voice op {} from guild '{}': {}", op, guildIdForLog(), text);
        switch (op) {
            case VoiceProtocol.IDENTIFY -> identify(data);
            case VoiceProtocol.RESUME -> resume(data);
            case VoiceProtocol.HEARTBEAT -> heartbeat(data);
            case VoiceProtocol.SELECT_PROTOCOL -> whenAuthenticated(() -> selectProtocol(data));
            case VoiceProtocol.SPEAKING ->
                whenAuthenticated(() -> voiceSession.speaking(data.path("speaking").asInt()));
            default -> {
                if (op >= VoiceProtocol.DAVE_FIRST && op <= VoiceProtocol.DAVE_LAST) {
                    context.counters().daveMessages.incrementAndGet();
                    LOG.debug("Ignoring DAVE op {} from guild '{}'", op, guildIdForLog());
                } else {
                    close(VoiceProtocol.CLOSE_UNKNOWN_OPCODE, "Unknown opcode " + op);
                }
            }
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        // Binary frames only carry DAVE's MLS messages (opcodes 25-30), which are out of scope.
        context.counters().daveMessages.incrementAndGet();
        LOG.debug("Ignoring binary DAVE message of {} bytes from guild '{}'", payload.remaining(), guildIdForLog());
        callback.succeed();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        context.openEndpoints().remove(this);
        LOG.debug("Voice websocket of guild '{}' closed: {} '{}'", guildIdForLog(), statusCode, reason);
        VoiceSession session = voiceSession;
        if (session != null) {
            session.endpointClosed(this, statusCode);
        }
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("Voice websocket of guild '{}' failed", guildIdForLog(), cause);
    }

    /** Closes the websocket with a voice close code. */
    void close(int code, String reason) {
        Session session = getSession();
        if (session != null && session.isOpen()) {
            session.close(code, reason, Callback.NOOP);
        }
    }

    /** Drops the connection without a close frame, as a vanished server would. */
    void drop() {
        Session session = getSession();
        if (session != null) {
            session.disconnect();
        }
    }

    /** Sends CLIENTS_CONNECT (op 11) for other users joining the channel. */
    boolean sendClientsConnect(long... userIds) {
        ObjectNode data = JSON.createObjectNode();
        ArrayNode ids = data.putArray("user_ids");
        for (long userId : userIds) {
            ids.add(Long.toUnsignedString(userId));
        }
        return send(VoiceProtocol.CLIENTS_CONNECT, data);
    }

    /** Sends CLIENT_DISCONNECT (op 13) for another user leaving the channel. */
    boolean sendClientDisconnect(long userId) {
        ObjectNode data = JSON.createObjectNode().put("user_id", Long.toUnsignedString(userId));
        return send(VoiceProtocol.CLIENT_DISCONNECT, data);
    }

    private void identify(JsonNode data) {
        if (voiceSession != null) {
            close(VoiceProtocol.CLOSE_ALREADY_AUTHENTICATED, "Already authenticated");
            return;
        }
        long guildId = snowflake(data.path("server_id"));
        long userId = snowflake(data.path("user_id"));
        VoiceSession session = context.sessions().active(guildId, userId);
        if (session == null
                || !session.accepts(data.path("session_id").asText(), data.path("token").asText())) {
            context.counters().authenticationFailures.incrementAndGet();
            LOG.info("Voice IDENTIFY refused for user '{}' in guild '{}'", userId, guildId);
            close(VoiceProtocol.CLOSE_AUTHENTICATION_FAILED, "Authentication failed");
            return;
        }
        context.counters().identifies.incrementAndGet();
        int ssrc = context.sessions().assignSsrc(session);
        voiceSession = session;
        session.identified(this, ssrc, data.path("max_dave_protocol_version").asInt(-1));
        ObjectNode ready = JSON.createObjectNode()
                .put("ssrc", ssrc)
                .put("ip", context.udpAddress().getAddress().getHostAddress())
                .put("port", context.udpAddress().getPort());
        ArrayNode modes = ready.putArray("modes");
        VoiceProtocol.ENCRYPTION_MODES.forEach(modes::add);
        ready.putArray("experiments");
        send(VoiceProtocol.READY, ready);
    }

    private void selectProtocol(JsonNode data) {
        if (!"udp".equals(data.path("protocol").asText())) {
            close(VoiceProtocol.CLOSE_UNKNOWN_PROTOCOL, "Unknown protocol");
            return;
        }
        JsonNode udp = data.path("data");
        String mode = udp.path("mode").asText();
        if (!VoiceProtocol.ENCRYPTION_MODES.contains(mode)) {
            close(VoiceProtocol.CLOSE_UNKNOWN_ENCRYPTION_MODE, "Unknown encryption mode");
            return;
        }
        int port = udp.path("port").asInt(-1);
        if (port < 0 || port > 0xFFFF) {
            close(VoiceProtocol.CLOSE_FAILED_TO_DECODE, "Invalid port");
            return;
        }
        voiceSession.protocolSelected(mode, udpAddress(udp.path("address").asText(), port));
        byte[] secretKey = new byte[SECRET_KEY_LENGTH];
        RANDOM.nextBytes(secretKey);
        ObjectNode description = JSON.createObjectNode()
                .put("mode", mode)
                .put("audio_codec", "opus")
                .put("media_session_id", Long.toHexString(RANDOM.nextLong()))
                .put("dave_protocol_version", VoiceProtocol.DAVE_PROTOCOL_VERSION);
        ArrayNode key = description.putArray("secret_key");
        for (byte b : secretKey) {
            key.add(b & 0xFF);
        }
        send(VoiceProtocol.SESSION_DESCRIPTION, description);
    }

    private void resume(JsonNode data) {
        if (voiceSession != null) {
            close(VoiceProtocol.CLOSE_ALREADY_AUTHENTICATED, "Already authenticated");
            return;
        }
        long guildId = snowflake(data.path("server_id"));
        VoiceSession session = context.sessions()
                .forResume(guildId, data.path("session_id").asText(), data.path("token").asText());
        if (session == null || !session.resume(this, data.path("seq_ack").asLong(-1))) {
            context.counters().authenticationFailures.incrementAndGet();
            LOG.info("Voice RESUME refused for guild '{}'", guildId);
            close(VoiceProtocol.CLOSE_SESSION_NO_LONGER_VALID, "Session no longer valid");
            return;
        }
        context.counters().resumes.incrementAndGet();
        voiceSession = session;
        LOG.debug("Voice session of guild '{}' resumed", guildId);
        send(VoiceProtocol.RESUMED, JSON.nullNode());
    }

    private void heartbeat(JsonNode data) {
        context.counters().heartbeats.incrementAndGet();
        // v8 sends {"t": nonce, "seq_ack": n}; older clients (and JDA's reply to a server HEARTBEAT) a bare nonce.
        JsonNode nonce = data.isObject() ? data.path("t") : data;
        VoiceSession session = voiceSession;
        if (session != null) {
            session.heartbeat(data.path("seq_ack").asLong(-1));
        }
        send(VoiceProtocol.HEARTBEAT_ACK, JSON.createObjectNode().set("t", nonce.isMissingNode() ? null : nonce));
    }

    private void whenAuthenticated(Runnable action) {
        if (voiceSession == null) {
            close(VoiceProtocol.CLOSE_NOT_AUTHENTICATED, "Not authenticated");
        } else {
            action.run();
        }
    }

    private synchronized boolean send(int op, JsonNode data) {
        Session session = getSession();
        if (session == null || !session.isOpen()) {
            return false;
        }
        ObjectNode message = JSON.createObjectNode().put("op", op);
        message.set("d", data);
        VoiceSession bound = voiceSession;
        if (bound != null && op != VoiceProtocol.HELLO && op != VoiceProtocol.HEARTBEAT_ACK) {
            message.put("seq", bound.nextSequence());
        }
        String text = message.toString();
        LOG.trace("Voice op {} to guild '{}': {}", op, guildIdForLog(), text);
        session.sendText(
                text,
                Callback.from(() -> {}, failure -> LOG.debug("Could not send voice op {} to guild '{}'", op,
                        guildIdForLog(), failure)));
        return true;
    }

    private String guildIdForLog() {
        VoiceSession session = voiceSession;
        return session == null ? "?" : Long.toUnsignedString(session.guildId());
    }

    /** The bot's UDP address as it named it: an IP literal is kept as is, anything else is left unresolved. */
    private static InetSocketAddress udpAddress(String host, int port) {
        try {
            return new InetSocketAddress(InetAddress.ofLiteral(host), port);
        } catch (IllegalArgumentException e) {
            return InetSocketAddress.createUnresolved(host, port);
        }
    }

    /** A snowflake sent as a JSON string or number, or 0 when it is neither. */
    private static long snowflake(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        try {
            return Long.parseUnsignedLong(node.asText());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
