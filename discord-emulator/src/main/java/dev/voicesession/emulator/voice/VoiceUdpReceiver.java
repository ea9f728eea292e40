package dev.voicesession.emulator.voice;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voice server's UDP side: answers IP discovery and counts the bot's RTP and keep-alive packets. Audio is neither
 * decrypted nor forwarded.
 */
final class VoiceUdpReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceUdpReceiver.class);
    private static final int MAX_PACKET = 2048;

    private final DatagramSocket socket;
    private final VoiceSessions sessions;
    private final VoiceCounters counters;
    private final BooleanSupplier unreachable;
    private final Thread thread;

    VoiceUdpReceiver(VoiceSessions sessions, VoiceCounters counters, BooleanSupplier unreachable)
            throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.sessions = sessions;
        this.counters = counters;
        this.unreachable = unreachable;
        this.thread = Thread.ofPlatform()
                .name("voice-udp-" + socket.getLocalPort())
                .daemon()
                .unstarted(this::receiveLoop);
        thread.start();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[MAX_PACKET];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                handle(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("Voice UDP receive failed on port '{}'", socket.getLocalPort(), e);
                }
            } catch (RuntimeException e) {
                LOG.error("Voice UDP packet from '{}' could not be handled", packet.getSocketAddress(), e);
            }
        }
    }

    private void handle(DatagramPacket packet) throws IOException {
        if (unreachable.getAsBoolean()) {
            counters.udpDropped.incrementAndGet();
            return;
        }
        ByteBuffer data = ByteBuffer.wrap(packet.getData(), packet.getOffset(), packet.getLength());
        InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
        int length = packet.getLength();
        if (length == VoiceProtocol.IP_DISCOVERY_LENGTH && data.getShort(0) == VoiceProtocol.IP_DISCOVERY_REQUEST) {
            discover(data.getInt(4), from);
        } else if (length >= 1 && data.get(0) == VoiceProtocol.UDP_KEEP_ALIVE_MARKER) {
            counters.udpKeepAlives.incrementAndGet();
            VoiceSession session = sessions.byUdpAddress(from);
            if (session != null) {
                session.keepAliveReceived();
            }
        } else if (length >= VoiceProtocol.RTP_HEADER_LENGTH && (data.get(0) & 0xC0) == 0x80) {
            VoiceSession session = sessions.bySsrc(data.getInt(8));
            if (session == null) {
                counters.udpUnmatched.incrementAndGet();
            } else {
                counters.rtpPackets.incrementAndGet();
                session.rtpReceived(length);
            }
        } else {
            counters.udpUnmatched.incrementAndGet();
        }
    }

    /** Answers an IP discovery request with the address and port the packet came from. */
    private void discover(int ssrc, InetSocketAddress from) throws IOException {
        VoiceSession session = sessions.bySsrc(ssrc);
        if (session == null) {
            counters.udpUnmatched.incrementAndGet();
            LOG.debug("IP discovery for unknown ssrc {} from '{}'", ssrc, from);
            return;
        }
        counters.ipDiscoveries.incrementAndGet();
        session.udpDiscovered(from);
        byte[] address = from.getAddress().getHostAddress().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer response = ByteBuffer.allocate(VoiceProtocol.IP_DISCOVERY_LENGTH)
                .putShort((short) VoiceProtocol.IP_DISCOVERY_RESPONSE)
                .putShort((short) (VoiceProtocol.IP_DISCOVERY_LENGTH - 4))
                .putInt(ssrc)
                .put(address, 0, Math.min(address.length, VoiceProtocol.IP_DISCOVERY_ADDRESS_LENGTH - 1));
        response.putShort(VoiceProtocol.IP_DISCOVERY_LENGTH - 2, (short) from.getPort());
        socket.send(new DatagramPacket(response.array(), response.capacity(), from));
    }
}
