package dev.voicesession.emulator.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.core.EventSink;
import dev.voicesession.emulator.core.Services;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.log.EmulatorLog;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway websocket: HELLO, heartbeats, IDENTIFY, RESUME, op 4 voice state updates and op 8 member
 * requests from the client; READY, GUILD_CREATE and every dispatch to it; and the drops a test asks for.
 */
public final class GatewayServer {
    /** Gateway close code for an unknown error; the client may resume. */
    public static final int CLOSE_UNKNOWN_ERROR = 4000;
    /** Gateway close code for a timed-out session; the client has to identify again. */
    public static final int CLOSE_SESSION_TIMED_OUT = 4009;

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final Dispatcher dispatcher;
    private final DispatchLog dispatchLog;
    private final EmulatorLog log;
    private final Duration heartbeatInterval;
    private final Supplier<String> gatewayUrl;
    private final Map<String, GatewayConnection> connections = new ConcurrentHashMap<>();
    private volatile GatewayProtocol protocol;
    private volatile GatewayRateLimit rateLimit = GatewayRateLimit.discord();
    private volatile IdentifyLimiter identifyLimiter = new IdentifyLimiter(IdentifyLimit.discord(), true);

    /** Creates the gateway; call {@link #bind(Services)} once the services exist. */
    public GatewayServer(EmulatorLog log, Duration heartbeatInterval, Supplier<String> gatewayUrl) {
        this(log, heartbeatInterval, gatewayUrl, new DispatchLog(20_000));
    }

    /** Creates the gateway recording every dispatch in {@code dispatchLog}. */
    public GatewayServer(EmulatorLog log, Duration heartbeatInterval, Supplier<String> gatewayUrl,
            DispatchLog dispatchLog) {
        this.log = log;
        this.dispatchLog = dispatchLog;
        this.dispatcher = new Dispatcher(log, dispatchLog);
        this.heartbeatInterval = heartbeatInterval;
        this.gatewayUrl = gatewayUrl;
    }

    /** Every dispatch sent, with its monotonic timestamp. */
    public DispatchLog dispatchLog() {
        return dispatchLog;
    }

    /** Sets the limit on payloads a client may send (Discord's 120 per 60 s unless changed). */
    public void rateLimit(GatewayRateLimit limit) {
        this.rateLimit = limit;
    }

    /** The limit on payloads a client may send, with the record of what clients sent. */
    public GatewayRateLimit rateLimit() {
        return rateLimit;
    }

    /** Sets the limiter that judges each IDENTIFY (Discord's limit unless changed); call before {@link #bind}. */
    public void identifyLimiter(IdentifyLimiter limiter) {
        this.identifyLimiter = limiter;
    }

    /** The limiter that judges each IDENTIFY: buckets, session starts, and the record of what it judged. */
    public IdentifyLimiter identifyLimiter() {
        return identifyLimiter;
    }

    /** Where the services send their events. */
    public EventSink events() {
        return dispatcher;
    }

    /** Serves clients over the given services (built with {@link #events()}). */
    public void bind(Services services) {
        this.protocol = new GatewayProtocol(services, dispatcher, log, gatewayUrl, identifyLimiter);
    }

    /** Configures the websocket handlers. */
    public void configure(WsConfig ws) {
        ws.onConnect(this::onConnect);
        ws.onMessage(ctx -> onText(ctx, ctx.message()));
        ws.onClose(ctx -> onClose(ctx, ctx.status(), ctx.reason()));
        ws.onError(ctx -> LOG.debug("Gateway connection '{}' failed", ctx.sessionId(), ctx.error()));
    }

    private void onConnect(WsContext ctx) {
        String encoding = ctx.queryParam("encoding");
        boolean compressed = "zlib-stream".equals(ctx.queryParam("compress"));
        GatewayConnection connection = new GatewayConnection(ctx, compressed);
        connections.put(ctx.sessionId(), connection);
        log.add(LOG, "Gateway connection '{}' opened (encoding {}, compress {})", ctx.sessionId(), encoding,
                ctx.queryParam("compress"));
        if (encoding != null && !"json".equals(encoding)) {
            connection.close(4002, "Only encoding=json is supported");
            return;
        }
        ObjectNode hello = Json.object().put("op", 10);
        hello.putObject("d").put("heartbeat_interval", heartbeatInterval.toMillis());
        hello.putNull("s");
        hello.putNull("t");
        connection.send(Json.write(hello));
    }

    private void onText(WsContext ctx, String text) {
        GatewayConnection connection = connections.get(ctx.sessionId());
        if (connection == null) {
            return;
        }
        JsonNode payload;
        try {
            payload = Json.parse(text);
        } catch (JsonProcessingException e) {
            connection.close(4002, "Decode error");
            return;
        }
        if (!rateLimit.admit(connection, payload.path("op").asInt(-1), System.nanoTime())) {
            log.add(LOG, "Gateway connection '{}' sent more than {} payloads in {} ms; closing with 4008",
                    ctx.sessionId(), rateLimit.events(), rateLimit.window().toMillis());
            connection.close(GatewayRateLimit.CLOSE_RATE_LIMITED, "Rate limited.");
            return;
        }
        try {
            protocol.handle(connection, payload);
        } catch (RuntimeException e) {
            LOG.error("Gateway connection '{}' failed to handle op '{}'", ctx.sessionId(), payload.path("op"), e);
            connection.close(CLOSE_UNKNOWN_ERROR, "Unknown error");
        }
    }

    private void onClose(WsContext ctx, int status, String reason) {
        GatewayConnection connection = connections.remove(ctx.sessionId());
        if (connection == null) {
            return;
        }
        connection.closed();
        GatewaySession session = connection.session();
        if (session != null) {
            session.detach(connection);
        }
        log.add(LOG, "Gateway connection '{}' closed with {} {}", ctx.sessionId(), status, reason);
    }

    /**
     * Closes every gateway connection. Resumable: close code 4000, the session stays and keeps buffering
     * events for replay. Not resumable: the session is invalidated and the close code is 4009, so a RESUME
     * gets INVALID_SESSION and the client identifies again.
     */
    public void drop(boolean resumable) {
        for (GatewaySession session : dispatcher.sessions()) {
            if (!resumable) {
                session.invalidate();
                dispatcher.remove(session);
            }
            GatewayConnection connection = session.connection();
            if (connection != null) {
                log.add(LOG, "Dropping gateway session '{}' (resumable {})", session.id(), resumable);
                connection.close(resumable ? CLOSE_UNKNOWN_ERROR : CLOSE_SESSION_TIMED_OUT,
                        resumable ? "Unknown error" : "Session timed out");
            }
        }
    }

    /**
     * Sets which privileged intents the application may use; others are refused with close code 4014.
     *
     * @param allowed a mask of privileged intent bits, all of them by default
     */
    public void allowPrivilegedIntents(int allowed) {
        protocol.allowPrivilegedIntents(allowed);
    }

    /** Holds every IDENTIFY until {@link #releaseIdentify()}: new sessions get no READY meanwhile. */
    public void holdIdentify() {
        protocol.holdIdentify();
    }

    /** Answers the IDENTIFYs held since {@link #holdIdentify()} and stops holding. */
    public void releaseIdentify() {
        protocol.releaseIdentify();
    }

    /** Sends op 7 RECONNECT to every connected session. */
    public void requestReconnect() {
        for (GatewaySession session : dispatcher.sessions()) {
            GatewayConnection connection = session.connection();
            if (connection != null) {
                connection.send("{\"op\":7,\"d\":null,\"s\":null,\"t\":null}");
            }
        }
    }

    /** Sends op 9 INVALID_SESSION to every connected session. */
    public void invalidateSessions(boolean resumable) {
        for (GatewaySession session : dispatcher.sessions()) {
            if (!resumable) {
                session.invalidate();
                dispatcher.remove(session);
            }
            GatewayConnection connection = session.connection();
            if (connection != null) {
                connection.send("{\"op\":9,\"d\":" + resumable + ",\"s\":null,\"t\":null}");
            }
        }
    }

    /** Ids of the sessions currently able to receive events. */
    public List<String> sessionIds() {
        return dispatcher.sessions().stream().filter(GatewaySession::isValid).map(GatewaySession::id).toList();
    }

    /** Number of open websocket connections. */
    public int openConnections() {
        return (int) connections.values().stream().filter(GatewayConnection::isOpen).count();
    }

    /** Closes all connections (emulator shutdown). */
    public void close() {
        connections.values().forEach(c -> c.close(1001, "Emulator stopped"));
    }
}
