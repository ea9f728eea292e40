package dev.voicesession.emulator.gateway;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A gateway session (what READY starts and RESUME continues): its sequence, the dispatches it was sent
 * (kept for replay on resume) and the connection it currently uses, if any.
 */
final class GatewaySession {
    private static final int REPLAY_CAPACITY = 5_000;

    private final String id;
    private final int intents;
    private final int shardId;
    private final int shardCount;
    private final Deque<Sent> sent = new ArrayDeque<>();
    private int sequence;
    private GatewayConnection connection;
    private boolean valid = true;

    /** A dispatch as sent: its sequence, payload and {@link System#nanoTime()} just before it was sent. */
    record Sent(int sequence, String payload, long nanoTime) {}

    GatewaySession(String id, int intents, int shardId, int shardCount) {
        this.id = id;
        this.intents = intents;
        this.shardId = shardId;
        this.shardCount = shardCount;
    }

    String id() {
        return id;
    }

    int intents() {
        return intents;
    }

    boolean hasIntent(int intent) {
        return (intents & intent) == intent;
    }

    boolean ownsGuild(long guildId) {
        return shardCount <= 1 || guildId == 0 || (int) ((guildId >>> 22) % shardCount) == shardId;
    }

    int shardId() {
        return shardId;
    }

    int shardCount() {
        return shardCount;
    }

    synchronized boolean isValid() {
        return valid;
    }

    synchronized void invalidate() {
        valid = false;
    }

    synchronized GatewayConnection connection() {
        return connection;
    }

    synchronized void attach(GatewayConnection newConnection) {
        connection = newConnection;
        newConnection.session(this);
    }

    synchronized void detach(GatewayConnection old) {
        if (connection == old) {
            connection = null;
        }
    }

    synchronized int sequence() {
        return sequence;
    }

    /** Assigns the next sequence to a dispatch, keeps it for replay and sends it if connected. */
    synchronized Sent dispatch(String type, String dataJson) {
        sequence++;
        String payload = "{\"op\":0,\"s\":" + sequence + ",\"t\":\"" + type + "\",\"d\":" + dataJson + "}";
        if (sent.size() == REPLAY_CAPACITY) {
            sent.removeFirst();
        }
        Sent dispatched = new Sent(sequence, payload, System.nanoTime());
        sent.addLast(dispatched);
        if (connection != null) {
            connection.send(payload);
        }
        return dispatched;
    }

    /** Dispatches sent after {@code afterSequence}, or {@code null} if some were already dropped. */
    synchronized List<Sent> since(int afterSequence) {
        if (!sent.isEmpty() && sent.getFirst().sequence() > afterSequence + 1) {
            return null;
        }
        return sent.stream().filter(s -> s.sequence() > afterSequence).toList();
    }
}
