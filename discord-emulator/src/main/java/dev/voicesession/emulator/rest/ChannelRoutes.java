package dev.voicesession.emulator.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.voicesession.emulator.core.DiscordException;
import dev.voicesession.emulator.core.Services;
import dev.voicesession.emulator.json.Json;

/** {@code channels/{channel_id}}, its permission overwrites and its messages. */
final class ChannelRoutes {
    private ChannelRoutes() {}

    static void register(RestRouter router, Services services) {
        var entities = services.entities();
        var channels = services.channels();
        var messages = services.messages();
        var messageJson = services.messageJson();
        router.add("GET", "channels/{channel_id}",
                r -> RestResponse.ok(entities.channel(services.access().visibleChannel(channel(r)))));
        router.add("PATCH", "channels/{channel_id}",
                r -> RestResponse.ok(entities.channel(channels.modify(channel(r), r.body(), true))));
        router.add("DELETE", "channels/{channel_id}",
                r -> RestResponse.ok(entities.channel(channels.delete(channel(r), true))));
        router.add("PUT", "channels/{channel_id}/permissions/{overwrite_id}", r -> {
            channels.putOverwrite(channel(r), r.id("overwrite_id", DiscordException.unknownRole()), r.body(), true);
            return RestResponse.noContent();
        });
        router.add("DELETE", "channels/{channel_id}/permissions/{overwrite_id}", r -> {
            channels.deleteOverwrite(channel(r), r.id("overwrite_id", DiscordException.unknownRole()), true);
            return RestResponse.noContent();
        });
        router.add("POST", "channels/{channel_id}/messages",
                r -> RestResponse.ok(messageJson.message(messages.botSends(channel(r), r.body()), false)));
        router.add("GET", "channels/{channel_id}/messages", r -> {
            int limit = r.intQuery("limit", 50, 1, 100);
            Long before = r.idQuery("before");
            ArrayNode result = Json.array();
            messages.botLists(channel(r), limit, before, r.idQuery("after"), r.idQuery("around"))
                    .forEach(m -> result.add(messageJson.message(m, false)));
            return RestResponse.ok(result);
        });
        router.add("GET", "channels/{channel_id}/messages/{message_id}",
                r -> RestResponse.ok(messageJson.message(messages.botReads(channel(r), message(r)), false)));
        router.add("PATCH", "channels/{channel_id}/messages/{message_id}",
                r -> RestResponse.ok(messageJson.message(messages.botEdits(channel(r), message(r), r.body()), false)));
        router.add("DELETE", "channels/{channel_id}/messages/{message_id}", r -> {
            messages.botDeletes(channel(r), message(r));
            return RestResponse.noContent();
        });
    }

    private static long channel(RestRequest r) {
        return r.id("channel_id", DiscordException.unknownChannel());
    }

    private static long message(RestRequest r) {
        return r.id("message_id", DiscordException.unknownMessage());
    }
}
