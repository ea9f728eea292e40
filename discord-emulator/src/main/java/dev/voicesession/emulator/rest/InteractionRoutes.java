package dev.voicesession.emulator.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.voicesession.emulator.core.DiscordException;
import dev.voicesession.emulator.core.Services;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.model.ApplicationCommand;
import java.util.List;

/** Application commands (global and guild), interaction callbacks and the interaction webhooks. */
final class InteractionRoutes {
    private static final String GLOBAL = "applications/{application_id}/commands";
    private static final String GUILD = "applications/{application_id}/guilds/{guild_id}/commands";
    private static final String WEBHOOK = "webhooks/{application_id}/{interaction_token}";

    private InteractionRoutes() {}

    static void register(RestRouter router, Services services) {
        for (String base : List.of(GLOBAL, GUILD)) {
            router.add("GET", base, r -> RestResponse.ok(array(services.commands().list(scope(services, r)))));
            router.add("PUT", base,
                    r -> RestResponse.ok(array(services.commands().bulkOverwrite(scope(services, r), r.body()))));
            router.add("POST", base, r -> {
                // 201 for a new command, 200 when one of the same name is replaced (Create Application Command).
                Long scope = scope(services, r);
                String name = r.body().path("name").asText();
                boolean replaces = services.state().commands(scope).stream().anyMatch(c -> c.name().equals(name));
                var json = services.commands().upsert(scope, r.body()).json();
                return replaces ? RestResponse.ok(json) : RestResponse.created(json);
            });
            router.add("GET", base + "/{command_id}",
                    r -> RestResponse.ok(services.commands().get(scope(services, r), command(r)).json()));
            router.add("PATCH", base + "/{command_id}",
                    r -> RestResponse.ok(services.commands().edit(scope(services, r), command(r), r.body()).json()));
            router.add("DELETE", base + "/{command_id}", r -> {
                services.commands().delete(scope(services, r), command(r));
                return RestResponse.noContent();
            });
        }
        router.addTokenRoute("POST", "interactions/{interaction_id}/{interaction_token}/callback", r -> {
            var body = services.interactions().callback(
                    r.id("interaction_id", DiscordException.unknownInteraction()), r.param("interaction_token"),
                    r.body());
            return "true".equals(r.query().get("with_response")) ? RestResponse.ok(body) : RestResponse.noContent();
        });
        var messageJson = services.messageJson();
        router.addTokenRoute("POST", WEBHOOK, r -> {
            checkApplication(services, r);
            return RestResponse.ok(messageJson.message(
                    services.interactions().followUp(r.param("interaction_token"), r.body()), false));
        });
        router.addTokenRoute("GET", WEBHOOK + "/messages/{message_id}", r -> {
            checkApplication(services, r);
            return RestResponse.ok(messageJson.message(services.interactions()
                    .readResponse(r.param("interaction_token"), r.param("message_id")), false));
        });
        router.addTokenRoute("PATCH", WEBHOOK + "/messages/{message_id}", r -> {
            checkApplication(services, r);
            return RestResponse.ok(messageJson.message(services.interactions()
                    .editResponse(r.param("interaction_token"), r.param("message_id"), r.body()), false));
        });
        router.addTokenRoute("DELETE", WEBHOOK + "/messages/{message_id}", r -> {
            checkApplication(services, r);
            services.interactions().deleteResponse(r.param("interaction_token"), r.param("message_id"));
            return RestResponse.noContent();
        });
    }

    private static Long scope(Services services, RestRequest r) {
        checkApplication(services, r);
        return r.params().containsKey("guild_id") ? r.id("guild_id", DiscordException.unknownGuild()) : null;
    }

    private static void checkApplication(Services services, RestRequest r) {
        if (!Json.id(services.state().bot().id()).equals(r.param("application_id"))) {
            throw new DiscordException(404, 10002, "Unknown Application");
        }
    }

    private static long command(RestRequest r) {
        return r.id("command_id", DiscordException.unknownCommand());
    }

    private static ArrayNode array(List<ApplicationCommand> commands) {
        ArrayNode result = Json.array();
        commands.forEach(c -> result.add(c.json()));
        return result;
    }
}
