package dev.voicesession.emulator.gateway;

import dev.voicesession.emulator.core.EventSink;
import dev.voicesession.emulator.core.GatewayEvent;
import dev.voicesession.emulator.core.Intents;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.log.EmulatorLog;
import dev.voicesession.emulator.model.DispatchLogEntry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each event to every valid session that has the needed intent and owns the guild's shard; sessions
 * without {@code MESSAGE_CONTENT} get the content-less form. Sessions that are disconnected but resumable
 * keep receiving (buffered) dispatches for replay.
 */
final class Dispatcher implements EventSink {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final List<GatewaySession> sessions = new CopyOnWriteArrayList<>();
    private final EmulatorLog log;
    private final DispatchLog dispatchLog;

    Dispatcher(EmulatorLog log, DispatchLog dispatchLog) {
        this.log = log;
        this.dispatchLog = dispatchLog;
    }

    void add(GatewaySession session) {
        sessions.add(session);
    }

    void remove(GatewaySession session) {
        sessions.remove(session);
    }

    List<GatewaySession> sessions() {
        return List.copyOf(sessions);
    }

    GatewaySession find(String sessionId) {
        return sessions.stream().filter(s -> s.id().equals(sessionId)).findFirst().orElse(null);
    }

    @Override
    public void dispatch(GatewayEvent event) {
        String full = null;
        String redacted = null;
        for (GatewaySession session : sessions) {
            if (!session.isValid() || !session.hasIntent(event.intent()) || !session.ownsGuild(event.guildId())) {
                continue;
            }
            boolean withoutContent = event.withoutContent() != null && !session.hasIntent(Intents.MESSAGE_CONTENT);
            String data;
            if (withoutContent) {
                redacted = redacted != null ? redacted : Json.write(event.withoutContent());
                data = redacted;
            } else {
                full = full != null ? full : Json.write(event.data());
                data = full;
            }
            sendTo(session, event.type(), event.guildId(), data);
        }
    }

    /**
     * Sends one dispatch to one session (READY, GUILD_CREATE at session start, GUILD_MEMBERS_CHUNK, RESUMED and
     * every event) and records it in the dispatch log, so what a session got is all observable from outside.
     */
    void sendTo(GatewaySession session, String type, long guildId, String data) {
        GatewaySession.Sent sent = session.dispatch(type, data);
        dispatchLog.add(new DispatchLogEntry(Instant.now(), sent.nanoTime(), session.id(), sent.sequence(), type,
                guildId, data));
        log.add(LOG, "-> {} to session '{}' (seq {}) {}", type, session.id(), sent.sequence(), data);
    }
}
