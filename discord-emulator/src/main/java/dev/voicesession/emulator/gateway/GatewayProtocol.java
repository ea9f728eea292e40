package dev.voicesession.emulator.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.core.EmulatorState;
import dev.voicesession.emulator.core.Intents;
import dev.voicesession.emulator.core.Services;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.log.EmulatorLog;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.IdentifyLogEntry.Outcome;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the gateway does with each opcode a client sends. */
final class GatewayProtocol {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayProtocol.class);

    private final Services services;
    private final EmulatorState state;
    private final Dispatcher dispatcher;
    private final EmulatorLog log;
    private final Supplier<String> gatewayUrl;
    private final IdentifyLimiter identifyLimiter;
    private final SecureRandom random = new SecureRandom();
    /** IDENTIFYs parked while identify is held, answered in order on release; null when not held. */
    private List<Runnable> heldIdentifies;
    private volatile int allowedPrivileged = Intents.PRIVILEGED;

    GatewayProtocol(Services services, Dispatcher dispatcher, EmulatorLog log, Supplier<String> gatewayUrl,
            IdentifyLimiter identifyLimiter) {
        this.services = services;
        this.state = services.state();
        this.dispatcher = dispatcher;
        this.log = log;
        this.gatewayUrl = gatewayUrl;
        this.identifyLimiter = identifyLimiter;
    }

    void handle(GatewayConnection connection, JsonNode payload) {
        int op = payload.path("op").asInt(-1);
        JsonNode data = payload.path("d");
        if (op != 1) {
            log.add(LOG, "<- op {} on connection '{}'", op, connection.id());
        }
        switch (op) {
            case 1 -> connection.send("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
            case 2 -> identify(connection, data);
            case 6 -> resume(connection, data);
            case 3, 4, 8 -> {
                GatewaySession session = connection.session();
                if (session == null || !session.isValid()) {
                    connection.close(4003, "Not authenticated");
                } else if (op == 4) {
                    voiceStateUpdate(session, data);
                } else if (op == 8) {
                    requestGuildMembers(session, data);
                }
            }
            default -> connection.close(4001, "Unknown opcode");
        }
    }

    /**
     * Sets which privileged intents the application has switched on in the developer portal; an IDENTIFY
     * asking for any other privileged intent is closed with 4014 Disallowed intent(s), as Discord does.
     * All of them are allowed by default.
     *
     * @param allowed a mask of {@link Intents#PRIVILEGED} bits
     */
    void allowPrivilegedIntents(int allowed) {
        allowedPrivileged = allowed & Intents.PRIVILEGED;
    }

    /**
     * Holds every IDENTIFY from now on: it gets no READY until {@link #releaseIdentify()}, like a gateway
     * that is slow to start sessions. Connections stay open and heartbeats are answered.
     */
    synchronized void holdIdentify() {
        if (heldIdentifies == null) {
            heldIdentifies = new ArrayList<>();
        }
    }

    /** Answers the held IDENTIFYs in the order they came (on closed connections they are dropped). */
    void releaseIdentify() {
        List<Runnable> held;
        synchronized (this) {
            held = heldIdentifies == null ? List.of() : heldIdentifies;
            heldIdentifies = null;
        }
        log.add(LOG, "Identify released; answering {} held IDENTIFY payload(s)", held.size());
        held.forEach(Runnable::run);
    }

    private synchronized boolean parkIdentify(GatewayConnection connection, GatewaySession session) {
        if (heldIdentifies == null) {
            return false;
        }
        log.add(LOG, "IDENTIFY on connection '{}' held", connection.id());
        heldIdentifies.add(() -> {
            if (connection.isOpen()) {
                startSession(connection, session);
            }
        });
        return true;
    }

    /**
     * Checks an IDENTIFY (already authenticated 4005, token 4004, privileged intents 4014, shard 4010), then the
     * identify limit: a second IDENTIFY in one bucket within the window gets op 9 INVALID_SESSION ({@code d:
     * false}) and no session; one past the session start limit ends every session and resets the token. An
     * accepted IDENTIFY starts its session now, or when a held identify is released.
     */
    private void identify(GatewayConnection connection, JsonNode data) {
        if (connection.session() != null) {
            connection.close(4005, "Already authenticated");
            return;
        }
        if (!state.botToken().equals(stripBot(data.path("token").asText()))) {
            connection.close(4004, "Authentication failed");
            return;
        }
        int disallowed = data.path("intents").asInt(0) & Intents.PRIVILEGED & ~allowedPrivileged;
        if (disallowed != 0) {
            connection.close(4014, "Disallowed intent(s)");
            return;
        }
        JsonNode shard = data.path("shard");
        int shardId = shard.isArray() ? shard.get(0).asInt() : 0;
        int shardCount = shard.isArray() ? shard.get(1).asInt() : 1;
        if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
            connection.close(4010, "Invalid shard");
            return;
        }
        Outcome outcome = identifyLimiter.admit(connection.id(), shardId, shardCount, System.nanoTime());
        switch (outcome) {
            case RATE_LIMITED -> {
                IdentifyLimit limit = identifyLimiter.limit();
                log.add(LOG, "IDENTIFY of shard [{}, {}] on connection '{}' refused: bucket {} already identified"
                        + " within {} ms (max_concurrency {}); sending INVALID_SESSION", shardId, shardCount,
                        connection.id(), limit.bucketOf(shardId), limit.window().toMillis(), limit.maxConcurrency());
                connection.send("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}");
            }
            case SESSION_START_LIMIT_EXCEEDED -> sessionStartLimitExceeded(connection);
            case ACCEPTED -> {
                GatewaySession session = new GatewaySession(newSessionId(), data.path("intents").asInt(0), shardId,
                        shardCount);
                if (!parkIdentify(connection, session)) {
                    startSession(connection, session);
                }
            }
        }
    }

    /**
     * What Discord documents for a bot past its session start limit: every active session is ended and the bot's
     * token is reset (the owner gets an email). The old token is refused from now on: REST answers 401, the
     * gateway closes with 4004.
     */
    private void sessionStartLimitExceeded(GatewayConnection connection) {
        log.add(LOG, "Session start limit of {} used up: ending every session and resetting the bot token",
                identifyLimiter.limit().total());
        state.resetToken();
        for (GatewaySession session : dispatcher.sessions()) {
            session.invalidate();
            dispatcher.remove(session);
            GatewayConnection open = session.connection();
            if (open != null) {
                open.close(4004, "Authentication failed");
            }
        }
        connection.close(4004, "Authentication failed");
    }

    private void startSession(GatewayConnection connection, GatewaySession session) {
        synchronized (state) {
            session.attach(connection);
            List<Guild> guilds = state.botGuilds().stream().filter(g -> session.ownsGuild(g.id())).toList();
            dispatcher.sendTo(session, "READY", 0, Json.write(ready(session, guilds)));
            dispatcher.add(session);
            if (session.hasIntent(Intents.GUILDS)) {
                for (Guild guild : guilds) {
                    dispatcher.sendTo(session, "GUILD_CREATE", guild.id(),
                            Json.write(services.entities().guildCreate(guild)));
                }
            }
        }
        log.add(LOG, "Session '{}' identified with intents {} shard [{}, {}]", session.id(), session.intents(),
                session.shardId(), session.shardCount());
    }

    private ObjectNode ready(GatewaySession session, List<Guild> guilds) {
        ObjectNode ready = Json.object();
        ready.put("v", 10);
        ready.set("user", services.entities().selfUser());
        ArrayNode guildArray = ready.putArray("guilds");
        guilds.forEach(g -> guildArray.add(services.entities().unavailableGuild(g.id())));
        ready.put("session_id", session.id());
        ready.put("session_type", "normal");
        ready.put("resume_gateway_url", gatewayUrl.get());
        if (session.shardCount() > 1 || session.shardId() > 0) {
            ready.putArray("shard").add(session.shardId()).add(session.shardCount());
        }
        ObjectNode application = ready.putObject("application");
        application.put("id", Json.id(state.bot().id()));
        application.put("flags", 0);
        ready.putArray("private_channels");
        ready.putArray("relationships");
        ready.putArray("presences");
        ready.putArray("guild_join_requests");
        ready.putArray("geo_ordered_rtc_regions").add("emulator");
        ready.putObject("user_settings");
        ready.putObject("auth");
        ready.putArray("_trace").add("[\"discord-emulator\"]");
        return ready;
    }

    private void resume(GatewayConnection connection, JsonNode data) {
        GatewaySession session = dispatcher.find(data.path("session_id").asText());
        boolean tokenOk = state.botToken().equals(stripBot(data.path("token").asText()));
        List<GatewaySession.Sent> missed = null;
        if (session != null && session.isValid() && tokenOk) {
            synchronized (session) {
                missed = session.since(data.path("seq").asInt(0));
                if (missed != null) {
                    session.attach(connection);
                    missed.forEach(s -> connection.send(s.payload()));
                    dispatcher.sendTo(session, "RESUMED", 0, "{\"_trace\":[\"discord-emulator\"]}");
                }
            }
        }
        if (missed == null) {
            log.add(LOG, "Resume of session '{}' refused; sending INVALID_SESSION", data.path("session_id").asText());
            connection.send("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}");
            return;
        }
        log.add(LOG, "Session '{}' resumed at seq {}, replayed {} dispatches", session.id(),
                data.path("seq").asInt(0), missed.size());
    }

    private void voiceStateUpdate(GatewaySession session, JsonNode data) {
        long guildId = Long.parseUnsignedLong(data.path("guild_id").asText("0"));
        Long channelId = Json.optId(data, "channel_id");
        services.voice().botVoiceStateUpdate(session.id(), guildId, channelId, data.path("self_mute").asBoolean(),
                data.path("self_deaf").asBoolean());
    }

    private void requestGuildMembers(GatewaySession session, JsonNode data) {
        JsonNode guildIds = data.path("guild_id");
        List<JsonNode> ids = guildIds.isArray() ? List.copyOf(guildIds.valueStream().toList()) : List.of(guildIds);
        for (JsonNode id : ids) {
            long guildId = Long.parseUnsignedLong(id.asText("0"));
            ObjectNode chunk = Json.object();
            chunk.put("guild_id", Json.id(guildId));
            ArrayNode members = chunk.putArray("members");
            state.members(guildId).forEach(m -> members.add(services.entities().member(m)));
            chunk.put("chunk_index", 0);
            chunk.put("chunk_count", 1);
            chunk.putArray("not_found");
            if (data.hasNonNull("nonce")) {
                chunk.put("nonce", data.get("nonce").asText());
            }
            dispatcher.sendTo(session, "GUILD_MEMBERS_CHUNK", guildId, Json.write(chunk));
        }
    }

    private static String stripBot(String token) {
        return token.startsWith("Bot ") ? token.substring(4) : token;
    }

    private String newSessionId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
