package dev.voicesession.emulator.control;

import static dev.voicesession.emulator.control.ControlJson.id;
import static dev.voicesession.emulator.control.ControlJson.optionalId;
import static dev.voicesession.emulator.control.ControlJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.core.DiscordException;
import dev.voicesession.emulator.core.Intents;
import dev.voicesession.emulator.core.VoiceAccessDeniedException;
import dev.voicesession.emulator.gateway.IdentifyLimit;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.ChannelType;
import dev.voicesession.emulator.rest.RequestHold;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The control API over HTTP+JSON under {@code /control}, on the emulator's loopback port. */
public final class ControlHttpApi {
    private final EmulatorControl control;

    /** Creates the HTTP binding of a control API. */
    public ControlHttpApi(EmulatorControl control) {
        this.control = control;
    }

    /** Adds every {@code /control} route. */
    public void register(RoutesConfig routes) {
        routes.exception(DiscordException.class, (e, ctx) -> ctx.status(e.status()).json(e.body().toString()));
        routes.get("/control/bot", ctx -> json(ctx, Map.of("id", control.bot().id(), "username",
                control.bot().username(), "token", control.botToken())));
        routes.get("/control/guilds", ctx -> json(ctx, control.guilds()));
        routes.post("/control/guilds", ctx -> handle(ctx, body -> {
            String name = text(body, "name");
            if (!body.path("withBot").asBoolean(true)) {
                return control.createGuildWithoutBot(name);
            }
            if (body.has("shards")) {
                return control.createGuildOnShard(name, body.path("shard").asInt(0), body.get("shards").asInt());
            }
            Long permissions = optionalId(body, "botPermissions");
            return permissions == null ? control.createGuild(name) : control.createGuild(name, permissions);
        }));
        routes.get("/control/guilds/{guildId}", ctx -> json(ctx, control.guild(guild(ctx)).orElseThrow(
                DiscordException::unknownGuild)));
        routes.post("/control/guilds/{guildId}/bot",
                ctx -> handle(ctx, body -> control.addBotToGuild(guild(ctx), id(body, "permissions"))));
        routes.delete("/control/guilds/{guildId}/bot", ctx -> handle(ctx, body -> {
            control.removeBotFromGuild(guild(ctx));
            return Map.of("removed", true);
        }));
        routes.put("/control/guilds/{guildId}/bot/permissions",
                ctx -> handle(ctx, body -> control.setBotPermissions(guild(ctx), id(body, "permissions"))));
        routes.get("/control/guilds/{guildId}/roles", ctx -> json(ctx, control.roles(guild(ctx))));
        routes.post("/control/guilds/{guildId}/roles", ctx -> handle(ctx,
                body -> control.createRole(guild(ctx), text(body, "name"), id(body, "permissions"))));
        routes.get("/control/guilds/{guildId}/members", ctx -> json(ctx, control.members(guild(ctx))));
        routes.post("/control/guilds/{guildId}/members", ctx -> handle(ctx, body -> {
            long[] roles = new long[body.path("roles").size()];
            for (int i = 0; i < roles.length; i++) {
                roles[i] = Long.parseUnsignedLong(body.path("roles").get(i).asText());
            }
            var member = control.addMember(guild(ctx), text(body, "userName"), roles);
            return Map.of("member", member, "user", control.user(member.userId()).orElseThrow());
        }));
        routes.get("/control/guilds/{guildId}/channels", ctx -> json(ctx, control.channels(guild(ctx)).stream()
                .map(this::channelView).toList()));
        routes.post("/control/guilds/{guildId}/channels", ctx -> handle(ctx, body -> control.createChannel(
                guild(ctx), text(body, "name"), channelType(body.path("type").asText("text")),
                optionalId(body, "parentId"))));
        registerChannels(routes);
        registerVoice(routes);
        registerFaults(routes);
        routes.get("/control/requests", ctx -> json(ctx, control.requestLog()));
        routes.get("/control/gateway/dispatches", ctx -> json(ctx, control.gatewayDispatches()));
        routes.delete("/control/traffic", ctx -> {
            control.clearTrafficLogs();
            json(ctx, Map.of("cleared", true));
        });
    }

    private void registerChannels(RoutesConfig routes) {
        routes.get("/control/channels/{channelId}", ctx -> json(ctx, channelView(control.channel(channel(ctx))
                .orElseThrow(DiscordException::unknownChannel))));
        routes.patch("/control/channels/{channelId}",
                ctx -> handle(ctx, body -> control.moderatorEditsChannel(channel(ctx), ControlJson.map(body))));
        routes.delete("/control/channels/{channelId}", ctx -> handle(ctx, body -> {
            control.moderatorDeletesChannel(channel(ctx));
            return Map.of("deleted", true);
        }));
        routes.put("/control/channels/{channelId}/overwrites/{targetId}", ctx -> handle(ctx, body ->
                control.setOverwrite(channel(ctx), Long.parseUnsignedLong(ctx.pathParam("targetId")),
                        body.path("type").asInt(0), ControlJson.optionalId(body, "allow") == null ? 0
                                : id(body, "allow"), ControlJson.optionalId(body, "deny") == null ? 0
                                : id(body, "deny"))));
        routes.get("/control/channels/{channelId}/messages", ctx -> json(ctx, control.messages(channel(ctx))));
        routes.post("/control/channels/{channelId}/messages", ctx -> handle(ctx,
                body -> control.userSendsMessage(channel(ctx), id(body, "userId"), text(body, "content"))));
        routes.get("/control/users/{userId}/direct-messages", ctx -> {
            long userId = Long.parseUnsignedLong(ctx.pathParam("userId"));
            json(ctx, Map.of("channelId", control.directMessageChannel(userId),
                    "messages", control.directMessages(userId)));
        });
        routes.post("/control/users/{userId}/direct-messages", ctx -> handle(ctx, body -> control
                .userSendsDirectMessage(Long.parseUnsignedLong(ctx.pathParam("userId")), text(body, "content"))));
        routes.post("/control/guilds/{guildId}/commands/run", ctx -> handle(ctx, body -> control.userRunsSlashCommand(
                guild(ctx), id(body, "channelId"), id(body, "userId"), text(body, "command"),
                ControlJson.map(body.get("options")))));
        routes.get("/control/guilds/{guildId}/commands", ctx -> json(ctx, control.commands(guild(ctx))));
        routes.get("/control/commands", ctx -> json(ctx, control.commands(null)));
        routes.get("/control/interactions/{interactionId}", ctx -> json(ctx, control.interaction(
                Long.parseUnsignedLong(ctx.pathParam("interactionId"))).orElseThrow(
                        DiscordException::unknownInteraction)));
    }

    private void registerVoice(RoutesConfig routes) {
        routes.get("/control/guilds/{guildId}/voice-states", ctx -> json(ctx, control.voiceStates(guild(ctx))));
        routes.post("/control/guilds/{guildId}/voice/join", ctx -> handle(ctx,
                body -> control.userJoinsVoice(guild(ctx), id(body, "userId"), id(body, "channelId"))));
        routes.post("/control/guilds/{guildId}/voice/move", ctx -> handle(ctx,
                body -> control.userMovesVoice(guild(ctx), id(body, "userId"), id(body, "channelId"))));
        routes.post("/control/guilds/{guildId}/voice/moderator-move", ctx -> handle(ctx,
                body -> control.moderatorMovesMember(guild(ctx), id(body, "moderatorId"), id(body, "userId"),
                        id(body, "channelId"))));
        routes.post("/control/guilds/{guildId}/voice/leave", ctx -> handle(ctx, body -> {
            control.userLeavesVoice(guild(ctx), id(body, "userId"));
            return Map.of("left", true);
        }));
        routes.post("/control/guilds/{guildId}/voice/disconnect", ctx -> handle(ctx, body -> {
            control.userDisconnects(guild(ctx), id(body, "userId"));
            return Map.of("disconnected", true);
        }));
        routes.post("/control/guilds/{guildId}/voice/bot/disconnect", ctx -> handle(ctx, body -> {
            control.disconnectBotFromVoice(guild(ctx));
            return Map.of("disconnected", true);
        }));
        routes.get("/control/guilds/{guildId}/voice/bot", ctx -> json(ctx, control.botVoiceConnection(guild(ctx))));
        routes.post("/control/voice/unreachable", ctx -> handle(ctx, body -> {
            control.setVoiceUnreachable(body.path("unreachable").asBoolean(true));
            return Map.of("unreachable", body.path("unreachable").asBoolean(true));
        }));
    }

    private void registerFaults(RoutesConfig routes) {
        routes.post("/control/faults/fail", ctx -> handle(ctx, body -> {
            control.faults().failNext(text(body, "method"), text(body, "route"), body.path("count").asInt(1),
                    body.path("status").asInt(500), body.path("code").asInt(0));
            return Map.of("armed", true);
        }));
        routes.post("/control/faults/latency", ctx -> handle(ctx, body -> {
            control.faults().latency(text(body, "method"), text(body, "route"),
                    Duration.ofMillis(body.path("millis").asLong()));
            return Map.of("armed", true);
        }));
        routes.post("/control/faults/rate-limit", ctx -> handle(ctx, body -> {
            control.faults().rateLimitNext(text(body, "method"), text(body, "route"),
                    Duration.ofMillis(body.path("retryAfterMillis").asLong(1000)));
            return Map.of("armed", true);
        }));
        routes.delete("/control/faults", ctx -> handle(ctx, body -> {
            control.faults().clear();
            return Map.of("cleared", true);
        }));
        routes.post("/control/faults/hold", ctx -> handle(ctx, body -> {
            RequestHold.Phase phase = RequestHold.Phase.valueOf(
                    body.path("phase").asText("before").toUpperCase(Locale.ROOT));
            String contains = body.hasNonNull("contains") ? body.get("contains").asText() : null;
            return describe(control.faults().hold(text(body, "method"), text(body, "route"), phase, contains));
        }));
        routes.get("/control/faults/holds",
                ctx -> json(ctx, control.faults().holds().stream().map(ControlHttpApi::describe).toList()));
        routes.post("/control/faults/holds/{holdId}/release", ctx -> handle(ctx, body -> {
            RequestHold hold = hold(ctx);
            hold.release();
            return describe(hold);
        }));
        routes.post("/control/faults/holds/{holdId}/abandon", ctx -> handle(ctx, body -> {
            RequestHold hold = hold(ctx);
            hold.abandon();
            return describe(hold);
        }));
        routes.post("/control/gateway/drop", ctx -> handle(ctx, body -> {
            control.dropGateway(body.path("resumable").asBoolean(true));
            return Map.of("dropped", true);
        }));
        routes.post("/control/gateway/reconnect", ctx -> handle(ctx, body -> {
            control.requestGatewayReconnect();
            return Map.of("sent", true);
        }));
        routes.post("/control/gateway/invalidate", ctx -> handle(ctx, body -> {
            control.invalidateGatewaySessions(body.path("resumable").asBoolean(false));
            return Map.of("sent", true);
        }));
        routes.post("/control/gateway/privileged-intents", ctx -> handle(ctx, body -> {
            control.allowPrivilegedIntents(body.path("allowed").asInt(Intents.PRIVILEGED));
            return Map.of("allowed", body.path("allowed").asInt(Intents.PRIVILEGED));
        }));
        routes.get("/control/gateway/identify-limit", ctx -> json(ctx, identifyLimitView()));
        routes.put("/control/gateway/identify-limit", ctx -> handle(ctx, body -> {
            IdentifyLimit limit = control.identifyLimit();
            if (body.has("maxConcurrency")) {
                limit = limit.withMaxConcurrency(body.get("maxConcurrency").asInt());
            }
            if (body.has("windowMillis")) {
                limit = limit.withWindow(Duration.ofMillis(body.get("windowMillis").asLong()));
            }
            if (body.has("total")) {
                limit = limit.withTotal(body.get("total").asInt());
            }
            if (body.has("resetAfterMillis")) {
                limit = limit.withResetAfter(Duration.ofMillis(body.get("resetAfterMillis").asLong()));
            }
            control.setIdentifyLimit(limit);
            if (body.has("enforced")) {
                control.enforceIdentifyLimit(body.get("enforced").asBoolean());
            }
            return identifyLimitView();
        }));
        routes.get("/control/gateway/identifies", ctx -> json(ctx, control.identifies()));
        routes.post("/control/gateway/identify/hold", ctx -> handle(ctx, body -> {
            control.holdIdentify();
            return Map.of("held", true);
        }));
        routes.post("/control/gateway/identify/release", ctx -> handle(ctx, body -> {
            control.releaseIdentify();
            return Map.of("held", false);
        }));
    }

    private Map<String, Object> identifyLimitView() {
        IdentifyLimit limit = control.identifyLimit();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("enforced", control.identifyLimitEnforced());
        view.put("maxConcurrency", limit.maxConcurrency());
        view.put("windowMillis", limit.window().toMillis());
        view.put("total", limit.total());
        view.put("resetAfterMillis", limit.resetAfter().toMillis());
        view.put("remaining", control.sessionStartLimit().remaining());
        return view;
    }

    private Map<String, Object> channelView(Channel channel) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("channel", channel);
        view.put("effectivePermissions", control.effectivePermissions(channel.id()));
        return view;
    }

    private RequestHold hold(Context ctx) {
        String id = ctx.pathParam("holdId");
        return control.faults().holds().stream()
                .filter(h -> Long.toString(h.id()).equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No armed hold '" + id + "'"));
    }

    private static Map<String, Object> describe(RequestHold hold) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", hold.id());
        out.put("method", hold.method());
        out.put("route", hold.route());
        out.put("phase", hold.phase().name().toLowerCase(Locale.ROOT));
        out.put("contains", hold.contains());
        out.put("arrived", hold.hasArrived());
        out.put("path", hold.heldPath());
        out.put("released", hold.isReleased());
        return out;
    }

    private void handle(Context ctx, Function<JsonNode, Object> action) {
        try {
            json(ctx, action.apply(ControlJson.read(ctx.body())));
        } catch (VoiceAccessDeniedException e) {
            ctx.status(403).contentType("application/json")
                    .result(ControlJson.write(Map.of("message", String.valueOf(e.getMessage()))));
        } catch (IllegalArgumentException | IllegalStateException e) {
            ctx.status(400).contentType("application/json")
                    .result(ControlJson.write(Map.of("message", String.valueOf(e.getMessage()))));
        }
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(ControlJson.write(value));
    }

    private static ChannelType channelType(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "text", "0" -> ChannelType.TEXT;
            case "voice", "2" -> ChannelType.VOICE;
            case "category", "4" -> ChannelType.CATEGORY;
            case "news", "5" -> ChannelType.NEWS;
            case "stage", "13" -> ChannelType.STAGE;
            default -> throw new IllegalArgumentException("Unknown channel type '" + type + "'");
        };
    }

    private static long guild(Context ctx) {
        return Long.parseUnsignedLong(ctx.pathParam("guildId"));
    }

    private static long channel(Context ctx) {
        return Long.parseUnsignedLong(ctx.pathParam("channelId"));
    }
}
