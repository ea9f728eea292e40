package dev.voicesession.emulator.voice;

import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulated Discord voice server: a TLS websocket speaking voice gateway v8 plus a UDP socket for IP discovery and
 * RTP, both on loopback ports chosen at start.
 *
 * <p>The certificate is self-signed and generated at start; a client trusts it through {@link #clientSslContext()}
 * (JDA: {@code new WebSocketFactory().setSSLContext(voiceServer.clientSslContext())}) or, from another process,
 * through the file {@link #writeCertificatePem(Path)} writes. Only transport encryption is negotiated: the
 * SESSION_DESCRIPTION says {@code dave_protocol_version} 0 and DAVE's MLS exchange is not emulated. Audio packets are
 * counted, not decrypted.
 *
 * <p>The main gateway emulation calls {@link #authorize} when it sends VOICE_SERVER_UPDATE and {@link #revoke} when
 * the bot leaves voice; tests inspect {@link #connection(long)} and inject faults with {@link #setUnreachable}.
 */
public final class VoiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceServer.class);
    /** The heartbeat interval Discord's voice servers announce in HELLO. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(13_750);

    private final VoiceSessions sessions = new VoiceSessions();
    private final VoiceCounters counters = new VoiceCounters();
    private final Set<VoiceGatewayEndpoint> openEndpoints = ConcurrentHashMap.newKeySet();
    private final VoiceUdpReceiver udp;
    private final Server server;
    private final VoiceGatewayEndpoint.Context context;
    // Set once by start(), before the server is handed out.
    private VoiceTls tls;
    private ServerConnector connector;
    private volatile boolean unreachable;

    private VoiceServer(Duration heartbeatInterval) throws SocketException {
        this.udp = new VoiceUdpReceiver(sessions, counters, () -> unreachable);
        this.context = new VoiceGatewayEndpoint.Context(
                sessions, counters, udp.localAddress(), heartbeatInterval.toMillis(), openEndpoints);
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("voice-ws");
        threads.setDaemon(true);
        this.server = new Server(threads);
        server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
            // Heartbeats keep a healthy socket busy; a silent one is dropped after three missed intervals.
            container.setIdleTimeout(heartbeatInterval.multipliedBy(3));
            container.addMapping("/*", this::upgrade);
        }));
    }

    /**
     * Starts a voice server with Discord's heartbeat interval.
     *
     * @return the running server
     */
    public static VoiceServer start() {
        return start(DEFAULT_HEARTBEAT_INTERVAL);
    }

    /**
     * Starts a voice server that announces {@code heartbeatInterval} in HELLO.
     *
     * @param heartbeatInterval the interval the bot is asked to heartbeat at
     * @return the running server
     */
    public static VoiceServer start(Duration heartbeatInterval) {
        long started = System.nanoTime();
        // The certificate (BouncyCastle's signed jars are slow to load) is made while Jetty starts.
        CompletableFuture<VoiceTls> identity = CompletableFuture.supplyAsync(VoiceTls::generate);
        VoiceServer voice;
        try {
            voice = new VoiceServer(heartbeatInterval);
        } catch (SocketException e) {
            throw new IllegalStateException("Could not open the voice server's UDP socket", e);
        }
        try {
            voice.server.start();
            voice.listen(identity.join());
        } catch (Exception e) { // Jetty's LifeCycle.start() declares Exception
            voice.close();
            throw new IllegalStateException("Could not start the voice server's websocket", e);
        }
        LOG.info(
                "Voice server listening on wss://127.0.0.1:{} and udp://127.0.0.1:{} (started in {} ms)",
                voice.port(),
                voice.udpAddress().getPort(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return voice;
    }

    /** Opens the TLS connector on a free loopback port once the certificate exists. */
    private void listen(VoiceTls identity) throws Exception {
        this.tls = identity;
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(identity.serverContext());
        this.connector = new ServerConnector(server, ssl);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addBean(connector, true);
        server.addConnector(connector);
        connector.start();
    }

    /**
     * The voice endpoint as sent in VOICE_SERVER_UPDATE: a host name and port, like Discord's. JDA prefixes
     * {@code wss://} and appends {@code ?v=8}. The host is {@code localhost}, not {@code 127.0.0.1}, because JDA parses
     * the endpoint as a URI first, and a string starting with a digit before the colon is no valid URI; the websocket
     * listens on 127.0.0.1 only, and the certificate names both.
     *
     * @return {@code "localhost:PORT"}
     */
    public String endpoint() {
        return "localhost:" + port();
    }

    /**
     * The port of the TLS voice websocket (on 127.0.0.1).
     *
     * @return the port
     */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * The UDP address announced in READY.
     *
     * @return the loopback address and port of the UDP socket
     */
    public InetSocketAddress udpAddress() {
        return udp.localAddress();
    }

    /**
     * Lets a bot user connect to voice in a guild and returns the token for VOICE_SERVER_UPDATE. IDENTIFY must then
     * carry {@code server_id} = guild, {@code user_id}, {@code session_id} and this token. A new authorization for the
     * same guild and user replaces the previous one (which stays valid for a websocket already bound to it).
     *
     * @param guildId the guild
     * @param userId the bot's user id
     * @param sessionId the session id sent in the bot's VOICE_STATE_UPDATE
     * @param channelId the voice channel joined
     * @return the voice token
     */
    public String authorize(long guildId, long userId, String sessionId, long channelId) {
        String token = sessions.authorize(guildId, userId, sessionId, channelId).token();
        LOG.debug("Voice authorized for user '{}' in guild '{}', channel '{}'", userId, guildId, channelId);
        return token;
    }

    /**
     * The bot left voice or was disconnected: its voice websocket is closed with 4014 (disconnected), its token and
     * ssrc are forgotten and the connection shows {@link VoiceConnectionState#CLOSED}. Does nothing if the user has
     * no voice session in the guild.
     *
     * @param guildId the guild
     * @param userId the bot's user id
     */
    public void revoke(long guildId, long userId) {
        VoiceSession session = sessions.active(guildId, userId);
        if (session == null) {
            return;
        }
        sessions.forget(session);
        VoiceGatewayEndpoint endpoint = session.revoke();
        if (endpoint != null) {
            endpoint.close(VoiceProtocol.CLOSE_DISCONNECTED, "Disconnected");
        }
        LOG.debug("Voice revoked for user '{}' in guild '{}'", userId, guildId);
    }

    /**
     * The latest voice connection in a guild, also after it closed.
     *
     * @param guildId the guild
     * @return a snapshot; {@link VoiceConnectionInfo#none(long)} when the guild never had one
     */
    public VoiceConnectionInfo connection(long guildId) {
        VoiceSession session = sessions.latest(guildId);
        return session == null ? VoiceConnectionInfo.none(guildId) : session.snapshot();
    }

    /**
     * Fault injection. While unreachable, voice websocket handshakes are refused (HTTP 503), established voice
     * websockets are dropped without a close frame (their sessions become {@link VoiceConnectionState#DISCONNECTED})
     * and UDP packets are ignored. {@code false} restores normal service.
     *
     * @param unreachable whether the voice server is unreachable
     */
    public void setUnreachable(boolean unreachable) {
        this.unreachable = unreachable;
        LOG.info("Voice server {}", unreachable ? "made unreachable" : "reachable again");
        if (unreachable) {
            openEndpoints.forEach(VoiceGatewayEndpoint::drop);
        }
    }

    /**
     * Whether {@link #setUnreachable(boolean)} is in force.
     *
     * @return {@code true} while unreachable
     */
    public boolean isUnreachable() {
        return unreachable;
    }

    /**
     * Tells the bot in a guild that other users joined its voice channel (op 11, CLIENTS_CONNECT).
     *
     * @param guildId the guild
     * @param userIds the users that joined
     * @return whether a bot websocket was there to tell
     */
    public boolean clientsConnected(long guildId, long... userIds) {
        VoiceGatewayEndpoint endpoint = boundEndpoint(guildId);
        return endpoint != null && endpoint.sendClientsConnect(userIds);
    }

    /**
     * Tells the bot in a guild that another user left its voice channel (op 13, CLIENT_DISCONNECT).
     *
     * @param guildId the guild
     * @param userId the user that left
     * @return whether a bot websocket was there to tell
     */
    public boolean clientDisconnected(long guildId, long userId) {
        VoiceGatewayEndpoint endpoint = boundEndpoint(guildId);
        return endpoint != null && endpoint.sendClientDisconnect(userId);
    }

    /**
     * Adds a listener told about every connection state change.
     *
     * @param listener the listener
     */
    public void addListener(VoiceStateListener listener) {
        sessions.addListener(listener);
    }

    /**
     * Removes a listener added with {@link #addListener(VoiceStateListener)}.
     *
     * @param listener the listener
     */
    public void removeListener(VoiceStateListener listener) {
        sessions.removeListener(listener);
    }

    /**
     * Counters of what the server received, for the emulator's request log.
     *
     * @return a snapshot of the counters
     */
    public VoiceServerStats stats() {
        return counters.snapshot();
    }

    /**
     * An SSLContext that trusts only this server's generated certificate, for JDA's {@code WebSocketFactory} in tests
     * and sandbox mode.
     *
     * @return a new client SSLContext
     */
    public SSLContext clientSslContext() {
        return VoiceTls.trusting(tls.certificate());
    }

    /**
     * An SSLContext that trusts exactly the given certificates, for a client that must trust this server and another
     * emulated endpoint.
     *
     * @param certificates the certificates to trust
     * @return a new client SSLContext
     */
    public static SSLContext sslContextTrusting(X509Certificate... certificates) {
        return VoiceTls.trusting(certificates);
    }

    /**
     * The self-signed certificate generated at start (subject alternative names {@code 127.0.0.1} and
     * {@code localhost}).
     *
     * @return the server certificate
     */
    public X509Certificate certificate() {
        return tls.certificate();
    }

    /**
     * The certificate in PEM form.
     *
     * @return the PEM text
     */
    public String certificatePem() {
        return tls.pem();
    }

    /**
     * Writes the certificate as PEM so that a separately running bot process can trust it by file.
     *
     * @param file the file to write (replaced if it exists)
     */
    public void writeCertificatePem(Path file) {
        tls.writePem(file);
    }

    /**
     * Reads a PEM certificate such as {@link #writeCertificatePem(Path)} writes and returns an SSLContext trusting it.
     *
     * @param pemFile the certificate file
     * @return a new client SSLContext
     */
    public static SSLContext sslContextTrusting(Path pemFile) {
        return VoiceTls.trusting(VoiceTls.readPem(pemFile));
    }

    /** Stops the websocket and the UDP socket; open voice websockets are dropped. */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) { // Jetty's LifeCycle.stop() declares Exception
            LOG.warn("Voice server with UDP port '{}' did not stop cleanly", udp.localAddress().getPort(), e);
        }
        udp.close();
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (unreachable) {
            counters.websocketsRejected.incrementAndGet();
            Response.writeError(request, response, callback, 503, "Voice server unreachable");
            return null;
        }
        String version = Request.extractQueryParameters(request).getValue("v");
        if (version != null && !version.equals(Integer.toString(VoiceProtocol.GATEWAY_VERSION))) {
            Response.writeError(request, response, callback, 400, "Only voice gateway v8 is emulated");
            return null;
        }
        return new VoiceGatewayEndpoint(context);
    }

    private VoiceGatewayEndpoint boundEndpoint(long guildId) {
        VoiceSession session = sessions.latest(guildId);
        return session == null ? null : session.boundEndpoint();
    }
}
