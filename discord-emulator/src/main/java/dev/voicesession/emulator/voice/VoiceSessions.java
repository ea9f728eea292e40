package dev.voicesession.emulator.voice;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The voice sessions a {@link VoiceServer} knows, found by guild and user, by ssrc or by UDP address. */
final class VoiceSessions {
    private static final Logger LOG = LoggerFactory.getLogger(VoiceSessions.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Key(long guildId, long userId) {}

    /** Sessions whose token still works. */
    private final Map<Key, VoiceSession> active = new ConcurrentHashMap<>();
    /** The latest session of each guild, kept after it ends so that it can still be inspected. */
    private final Map<Long, VoiceSession> latestByGuild = new ConcurrentHashMap<>();

    private final Map<Integer, VoiceSession> bySsrc = new ConcurrentHashMap<>();
    private final AtomicInteger nextSsrc = new AtomicInteger(1 + RANDOM.nextInt(0x10000));
    private final List<VoiceStateListener> listeners = new CopyOnWriteArrayList<>();

    VoiceSession authorize(long guildId, long userId, String sessionId, long channelId) {
        String token = HexFormat.of().formatHex(randomBytes());
        VoiceSession session = new VoiceSession(guildId, userId, channelId, sessionId, token, this::fire);
        active.put(new Key(guildId, userId), session);
        latestByGuild.put(guildId, session);
        return session;
    }

    VoiceSession active(long guildId, long userId) {
        return active.get(new Key(guildId, userId));
    }

    /** The active session a RESUME names (RESUME carries no user id). */
    VoiceSession forResume(long guildId, String sessionId, String token) {
        return active.values().stream()
                .filter(s -> s.guildId() == guildId && s.accepts(sessionId, token))
                .findFirst()
                .orElse(null);
    }

    VoiceSession latest(long guildId) {
        return latestByGuild.get(guildId);
    }

    /** Forgets the session's token and ssrc; it stays inspectable through {@link #latest(long)}. */
    void forget(VoiceSession session) {
        active.remove(new Key(session.guildId(), session.userId()), session);
        bySsrc.values().removeIf(s -> s == session);
    }

    int assignSsrc(VoiceSession session) {
        int ssrc = nextSsrc.getAndIncrement();
        bySsrc.values().removeIf(s -> s == session);
        bySsrc.put(ssrc, session);
        return ssrc;
    }

    VoiceSession bySsrc(int ssrc) {
        return bySsrc.get(ssrc);
    }

    VoiceSession byUdpAddress(InetSocketAddress address) {
        return bySsrc.values().stream()
                .filter(s -> s.isUdpAddress(address))
                .findFirst()
                .orElse(null);
    }

    void addListener(VoiceStateListener listener) {
        listeners.add(listener);
    }

    void removeListener(VoiceStateListener listener) {
        listeners.remove(listener);
    }

    private void fire(VoiceConnectionInfo connection, VoiceConnectionState previous) {
        LOG.debug(
                "Voice connection of user '{}' in guild '{}': {} -> {}",
                connection.userId(),
                connection.guildId(),
                previous,
                connection.state());
        for (VoiceStateListener listener : listeners) {
            try {
                listener.onStateChange(connection, previous);
            } catch (RuntimeException e) {
                LOG.warn("Voice state listener failed for guild '{}'", connection.guildId(), e);
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
