package dev.voicesession.emulator.voice;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One authorized voice session: a bot user in a guild's voice channel, with the token handed out for it, its state
 * and its counters. A session outlives its websockets (a RESUME binds a new one) and stays inspectable after it is
 * closed.
 */
final class VoiceSession {
    private final long guildId;
    private final long userId;
    private final long channelId;
    private final String sessionId;
    private final String token;
    private final VoiceStateListener notifier;
    private final AtomicLong rtpPackets = new AtomicLong();
    private final AtomicLong rtpBytes = new AtomicLong();
    private final AtomicLong keepAlives = new AtomicLong();

    // Guarded by this.
    private VoiceConnectionState state = VoiceConnectionState.NONE;
    private VoiceGatewayEndpoint endpoint;
    private boolean revoked;
    private int ssrc;
    private String encryptionMode;
    private int maxDaveProtocolVersion = -1;
    private InetSocketAddress udpAddress;
    private long heartbeats;
    private Instant lastHeartbeat;
    private long lastSeqAck = -1;
    private int speaking;
    private int resumes;
    private int lastCloseCode;
    private long sequence;

    VoiceSession(
            long guildId, long userId, long channelId, String sessionId, String token, VoiceStateListener notifier) {
        this.guildId = guildId;
        this.userId = userId;
        this.channelId = channelId;
        this.sessionId = sessionId;
        this.token = token;
        this.notifier = notifier;
    }

    long guildId() {
        return guildId;
    }

    long userId() {
        return userId;
    }

    String token() {
        return token;
    }

    /** The websocket currently bound to this session, or {@code null}. */
    VoiceGatewayEndpoint boundEndpoint() {
        synchronized (this) {
            return endpoint;
        }
    }

    boolean accepts(String sessionId, String token) {
        synchronized (this) {
            return !revoked && this.sessionId.equals(sessionId) && this.token.equals(token);
        }
    }

    /** IDENTIFY accepted on {@code socket}: binds it and moves to {@link VoiceConnectionState#IDENTIFIED}. */
    void identified(VoiceGatewayEndpoint socket, int assignedSsrc, int maxDaveVersion) {
        update(() -> {
            endpoint = socket;
            ssrc = assignedSsrc;
            maxDaveProtocolVersion = maxDaveVersion;
            encryptionMode = null;
            sequence = 0;
            state = VoiceConnectionState.IDENTIFIED;
        });
    }

    void protocolSelected(String mode, InetSocketAddress address) {
        update(() -> {
            encryptionMode = mode;
            udpAddress = address;
            state = VoiceConnectionState.CONNECTED;
        });
    }

    /**
     * RESUME on {@code socket}; succeeds when the session was identified before and is neither revoked nor closed.
     */
    boolean resume(VoiceGatewayEndpoint socket, long seqAck) {
        VoiceConnectionState before;
        VoiceConnectionInfo after;
        synchronized (this) {
            if (revoked || ssrc == 0 || state == VoiceConnectionState.CLOSED) {
                return false;
            }
            before = state;
            endpoint = socket;
            lastSeqAck = seqAck;
            resumes++;
            state = encryptionMode == null ? VoiceConnectionState.IDENTIFIED : VoiceConnectionState.CONNECTED;
            after = snapshot();
        }
        fire(before, after);
        return true;
    }

    void heartbeat(long seqAck) {
        synchronized (this) {
            heartbeats++;
            lastHeartbeat = Instant.now();
            if (seqAck >= 0) {
                lastSeqAck = seqAck;
            }
        }
    }

    void speaking(int flags) {
        synchronized (this) {
            speaking = flags;
        }
    }

    /** The next {@code seq} for a server message on this session (v8 buffered resume). */
    long nextSequence() {
        synchronized (this) {
            return ++sequence;
        }
    }

    /**
     * The bound websocket closed: a normal close (1000, or 1005 for a close frame without a code, which is how JDA
     * closes) ends the session; anything else leaves it resumable.
     */
    void endpointClosed(VoiceGatewayEndpoint socket, int closeCode) {
        update(() -> {
            if (endpoint != socket) {
                return;
            }
            endpoint = null;
            lastCloseCode = closeCode;
            if (state != VoiceConnectionState.CLOSED) {
                state = closeCode == VoiceProtocol.CLOSE_NORMAL || closeCode == VoiceProtocol.CLOSE_NO_CODE
                        ? VoiceConnectionState.CLOSED
                        : VoiceConnectionState.DISCONNECTED;
            }
        });
    }

    /**
     * Ends the session for good: its token stops working and it moves to {@link VoiceConnectionState#CLOSED}.
     *
     * @return the websocket still bound to it, for the caller to close, or {@code null}
     */
    VoiceGatewayEndpoint revoke() {
        VoiceGatewayEndpoint[] bound = new VoiceGatewayEndpoint[1];
        update(() -> {
            revoked = true;
            bound[0] = endpoint;
            endpoint = null;
            if (bound[0] != null) {
                lastCloseCode = VoiceProtocol.CLOSE_DISCONNECTED;
            }
            state = VoiceConnectionState.CLOSED;
        });
        return bound[0];
    }

    void udpDiscovered(InetSocketAddress address) {
        synchronized (this) {
            udpAddress = address;
        }
    }

    boolean isUdpAddress(InetSocketAddress address) {
        synchronized (this) {
            return address.equals(udpAddress);
        }
    }

    void rtpReceived(int length) {
        rtpPackets.incrementAndGet();
        rtpBytes.addAndGet(length);
    }

    void keepAliveReceived() {
        keepAlives.incrementAndGet();
    }

    VoiceConnectionInfo snapshot() {
        synchronized (this) {
            return new VoiceConnectionInfo(
                    guildId,
                    userId,
                    channelId,
                    state,
                    ssrc,
                    encryptionMode,
                    maxDaveProtocolVersion,
                    udpAddress,
                    rtpPackets.get(),
                    rtpBytes.get(),
                    keepAlives.get(),
                    heartbeats,
                    lastHeartbeat,
                    lastSeqAck,
                    speaking,
                    resumes,
                    lastCloseCode);
        }
    }

    /** Applies {@code change} under the lock, then tells the listener outside it if the state moved. */
    private void update(Runnable change) {
        VoiceConnectionState before;
        VoiceConnectionInfo after;
        synchronized (this) {
            before = state;
            change.run();
            after = snapshot();
        }
        fire(before, after);
    }

    private void fire(VoiceConnectionState before, VoiceConnectionInfo after) {
        if (before != after.state()) {
            notifier.onStateChange(after, before);
        }
    }
}
