package dev.voicesession.emulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.core.DiscordException;
import dev.voicesession.emulator.core.Services;
import dev.voicesession.emulator.gateway.IdentifyLimiter;
import dev.voicesession.emulator.json.Json;
import java.util.List;
import java.util.function.Supplier;

/** {@code gateway}, {@code gateway/bot}, {@code users/@me}, {@code users/{id}} and the application routes. */
final class SelfRoutes {
    private SelfRoutes() {}

    static void register(RestRouter router, Services services, Supplier<String> gatewayUrl,
            IdentifyLimiter identifyLimiter) {
        router.add("GET", "gateway", r -> RestResponse.ok(Json.object().put("url", gatewayUrl.get())));
        router.add("GET", "gateway/bot",
                r -> RestResponse.ok(gatewayBot(gatewayUrl.get(), identifyLimiter.sessionStartLimit())));
        router.add("GET", "users/@me", r -> RestResponse.ok(services.entities().selfUser()));
        router.add("GET", "users/{user_id}", r -> RestResponse.ok(services.entities().user(services.state()
                .user(r.id("user_id", DiscordException.unknownUser()))
                .orElseThrow(DiscordException::unknownUser))));
        ApplicationEdits edits = new ApplicationEdits();
        router.add("GET", "applications/@me", r -> RestResponse.ok(edits.applyTo(application(services))));
        router.add("GET", "oauth2/applications/@me", r -> RestResponse.ok(edits.applyTo(application(services))));
        router.add("PATCH", "applications/@me", r -> {
            edits.store(r.body());
            return RestResponse.ok(edits.applyTo(application(services)));
        });
    }

    /**
     * What {@code PATCH applications/@me} changed, kept for later reads: the text and list fields of "Edit Current
     * Application" (images, flags, install settings and webhook event settings are accepted and not kept). An
     * optional string set to null or "" is removed rather than sent as null.
     */
    private static final class ApplicationEdits {
        private static final List<String> OPTIONAL_STRINGS = List.of("custom_install_url");
        private static final List<String> NULLABLE_STRINGS = List.of(
                "interactions_endpoint_url", "role_connections_verification_url", "event_webhooks_url");
        private final ObjectNode edits = Json.object();

        synchronized void store(JsonNode body) {
            if (body.hasNonNull("description")) {
                edits.put("description", body.get("description").asText());
            }
            if (body.has("tags")) {
                edits.set("tags", body.get("tags").isArray() ? body.get("tags").deepCopy() : Json.array());
            }
            for (String field : OPTIONAL_STRINGS) {
                if (body.has(field)) {
                    String value = body.get(field).isNull() ? "" : body.get(field).asText();
                    edits.put(field, value);
                }
            }
            for (String field : NULLABLE_STRINGS) {
                if (body.has(field)) {
                    edits.set(field, body.get(field).isNull() || body.get(field).asText().isEmpty()
                            ? NullNode.getInstance() : body.get(field).deepCopy());
                }
            }
        }

        synchronized ObjectNode applyTo(ObjectNode application) {
            edits.properties().forEach(e -> {
                if (OPTIONAL_STRINGS.contains(e.getKey()) && e.getValue().asText().isEmpty()) {
                    application.remove(e.getKey());
                } else {
                    application.set(e.getKey(), e.getValue().deepCopy());
                }
            });
            return application;
        }
    }

    /** "Get Gateway Bot": the URL, one recommended shard, and the session start limit as it stands now. */
    private static ObjectNode gatewayBot(String url, IdentifyLimiter.SessionStartLimit sessionStarts) {
        ObjectNode json = Json.object();
        json.put("url", url);
        json.put("shards", 1);
        ObjectNode limit = json.putObject("session_start_limit");
        limit.put("total", sessionStarts.total());
        limit.put("remaining", sessionStarts.remaining());
        limit.put("reset_after", sessionStarts.resetAfterMillis());
        limit.put("max_concurrency", sessionStarts.maxConcurrency());
        return json;
    }

    /**
     * The application object (Discord's "Application Object" table in resources/application). Optional
     * strings the emulated application has no value for ({@code cover_image}, {@code guild_id},
     * {@code terms_of_service_url}, {@code privacy_policy_url}, {@code custom_install_url}, {@code slug},
     * {@code primary_sku_id}) are left out, never null; the fields Discord always sends for the current
     * application (its own and those the OpenAPI description marks required) are always present.
     */
    static ObjectNode application(Services services) {
        var bot = services.state().bot();
        ObjectNode json = Json.object();
        json.put("id", Json.id(bot.id()));
        json.put("name", bot.username());
        json.putNull("icon");
        json.put("description", "A bot running against the Discord emulator");
        json.putNull("type");
        json.putArray("rpc_origins");
        json.put("bot_public", true);
        json.put("bot_require_code_grant", false);
        json.set("bot", services.entities().user(bot));
        json.set("owner", services.entities().user(services.state().bot()));
        json.put("verify_key", "0".repeat(64));
        json.putNull("team");
        json.put("flags", 0);
        json.put("flags_new", "0");
        json.putArray("tags");
        json.put("approximate_guild_count", services.state().botGuilds().size());
        json.put("approximate_user_install_count", 0);
        json.put("approximate_user_authorization_count", 0);
        json.putArray("redirect_uris");
        json.putNull("interactions_endpoint_url");
        json.putNull("role_connections_verification_url");
        json.putNull("event_webhooks_url");
        json.put("event_webhooks_status", 1);
        json.put("explicit_content_filter", 0);
        json.putArray("eligible_oauth2_scopes").add("applications.commands").add("bot");
        ObjectNode install = json.putObject("install_params");
        install.putArray("scopes").add("applications.commands").add("bot");
        install.put("permissions", "0");
        ObjectNode guildInstall = json.putObject("integration_types_config").putObject("0");
        guildInstall.set("oauth2_install_params", install.deepCopy());
        return json;
    }
}
