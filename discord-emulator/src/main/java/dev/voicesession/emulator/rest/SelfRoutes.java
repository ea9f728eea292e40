package dev.voicesession.emulator.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.core.DiscordException;
import dev.voicesession.emulator.core.Services;
import dev.voicesession.emulator.json.Json;
import java.util.function.Supplier;

/** {@code gateway}, {@code gateway/bot}, {@code users/@me}, {@code users/{id}} and the application routes. */
final class SelfRoutes {
    private SelfRoutes() {}

    static void register(RestRouter router, Services services, Supplier<String> gatewayUrl) {
        router.add("GET", "gateway", r -> RestResponse.ok(Json.object().put("url", gatewayUrl.get())));
        router.add("GET", "gateway/bot", r -> RestResponse.ok(gatewayBot(gatewayUrl.get())));
        router.add("GET", "users/@me", r -> RestResponse.ok(services.entities().selfUser()));
        router.add("GET", "users/{user_id}", r -> RestResponse.ok(services.entities().user(services.state()
                .user(r.id("user_id", DiscordException.unknownUser()))
                .orElseThrow(DiscordException::unknownUser))));
        router.add("GET", "applications/@me", r -> RestResponse.ok(application(services)));
        router.add("GET", "oauth2/applications/@me", r -> RestResponse.ok(application(services)));
        router.add("PATCH", "applications/@me", r -> RestResponse.ok(application(services)));
    }

    private static ObjectNode gatewayBot(String url) {
        ObjectNode json = Json.object();
        json.put("url", url);
        json.put("shards", 1);
        ObjectNode limit = json.putObject("session_start_limit");
        limit.put("total", 1000);
        limit.put("remaining", 1000);
        limit.put("reset_after", 14_400_000);
        limit.put("max_concurrency", 1);
        return json;
    }

    static ObjectNode application(Services services) {
        var bot = services.state().bot();
        ObjectNode json = Json.object();
        json.put("id", Json.id(bot.id()));
        json.put("name", bot.username());
        json.putNull("icon");
        json.put("description", "A bot running against the Discord emulator");
        json.putArray("rpc_origins");
        json.put("bot_public", true);
        json.put("bot_require_code_grant", false);
        json.set("bot", services.entities().user(bot));
        json.putNull("terms_of_service_url");
        json.putNull("privacy_policy_url");
        ObjectNode owner = services.entities().user(services.state().bot());
        json.set("owner", owner);
        json.put("verify_key", "0".repeat(64));
        json.putNull("team");
        json.putNull("guild_id");
        json.put("flags", 0);
        json.putArray("tags");
        json.putNull("custom_install_url");
        json.putNull("cover_image");
        json.put("approximate_guild_count", services.state().botGuilds().size());
        json.putArray("redirect_uris");
        json.putNull("interactions_endpoint_url");
        json.putNull("role_connections_verification_url");
        json.putObject("integration_types_config");
        return json;
    }
}
