package dev.voicesession.emulator.gateway;

import io.javalin.websocket.WsContext;
import java.nio.ByteBuffer;

/** One websocket connection to the gateway; sends are serialized so payloads keep their order. */
final class GatewayConnection {
    private final WsContext ws;
    private final ZlibStream zlib;
    private volatile GatewaySession session;
    private volatile boolean open = true;
    private long windowStart;
    private int inWindow;

    GatewayConnection(WsContext ws, boolean compressed) {
        this.ws = ws;
        this.zlib = compressed ? new ZlibStream() : null;
    }

    String id() {
        return ws.sessionId();
    }

    GatewaySession session() {
        return session;
    }

    void session(GatewaySession newSession) {
        this.session = newSession;
    }

    boolean isOpen() {
        return open;
    }

    synchronized void send(String payload) {
        if (!open) {
            return;
        }
        if (zlib == null) {
            ws.send(payload);
        } else {
            ws.send(ByteBuffer.wrap(zlib.compress(payload)));
        }
    }

    /**
     * Counts a payload from the client; {@code false} if it makes more than {@code limit} in the current window.
     * Windows are fixed: one starts with the first payload after the previous one ended.
     */
    synchronized boolean admit(long now, int limit, long windowNanos) {
        if (inWindow == 0 || now - windowStart >= windowNanos) {
            windowStart = now;
            inWindow = 0;
        }
        inWindow++;
        return inWindow <= limit;
    }

    synchronized void close(int code, String reason) {
        if (open) {
            open = false;
            ws.closeSession(code, reason);
        }
    }

    synchronized void closed() {
        open = false;
        if (zlib != null) {
            zlib.close();
        }
    }
}
