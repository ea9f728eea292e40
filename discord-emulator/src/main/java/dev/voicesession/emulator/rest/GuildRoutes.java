package dev.voicesession.emulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.voicesession.emulator.core.DiscordException;
import dev.voicesession.emulator.core.Permissions;
import dev.voicesession.emulator.core.Services;
import dev.voicesession.emulator.json.Json;
import dev.voicesession.emulator.model.Member;

/** {@code guilds/{guild_id}}, its channels, members and roles. */
final class GuildRoutes {
    private GuildRoutes() {}

    static void register(RestRouter router, Services services) {
        var entities = services.entities();
        var state = services.state();
        router.add("GET", "guilds/{guild_id}", r -> {
            var json = entities.guild(services.access().botGuild(guild(r)));
            if ("true".equalsIgnoreCase(r.query().get("with_counts"))) {
                json.put("approximate_member_count", state.members(guild(r)).size());
                json.put("approximate_presence_count", 0); // the emulator tracks no presences
            }
            return RestResponse.ok(json);
        });
        router.add("GET", "guilds/{guild_id}/channels", r -> {
            services.access().botGuild(guild(r));
            ArrayNode channels = Json.array();
            state.channels(guild(r)).forEach(c -> channels.add(entities.channel(c)));
            return RestResponse.ok(channels);
        });
        router.add("POST", "guilds/{guild_id}/channels",
                r -> RestResponse.created(entities.channel(services.channels().create(guild(r), r.body(), true))));
        router.add("GET", "guilds/{guild_id}/roles", r -> {
            services.access().botGuild(guild(r));
            ArrayNode roles = Json.array();
            state.roles(guild(r)).forEach(role -> roles.add(entities.role(role)));
            return RestResponse.ok(roles);
        });
        router.add("GET", "guilds/{guild_id}/members", r -> {
            services.access().botGuild(guild(r));
            int limit = r.intQuery("limit", 1, 1, 1000);
            Long afterId = r.idQuery("after");
            long after = afterId == null ? 0 : afterId;
            ArrayNode members = Json.array();
            state.members(guild(r)).stream()
                    .filter(m -> m.userId() > after)
                    .limit(Math.clamp(limit, 1, 1000))
                    .forEach(m -> members.add(entities.member(m)));
            return RestResponse.ok(members);
        });
        router.add("GET", "guilds/{guild_id}/members/{user_id}", r -> {
            services.access().botGuild(guild(r));
            return RestResponse.ok(entities.member(member(services, r)));
        });
        router.add("PATCH", "guilds/{guild_id}/members/{user_id}", r -> modifyMember(services, r));
    }

    private static RestResponse modifyMember(Services services, RestRequest r) {
        long guildId = guild(r);
        services.access().botGuild(guildId);
        Member member = member(services, r);
        JsonNode body = r.body();
        if (body.has("channel_id")) {
            services.voice().botMovesMember(guildId, member.userId(), Json.optId(body, "channel_id"));
        }
        if (body.has("nick")) {
            services.access().requireGuild(guildId, 1L << 27);
            member = services.guilds().setNickname(guildId, member.userId(),
                    body.get("nick").isNull() ? null : body.get("nick").asText());
        }
        if (body.has("roles")) {
            services.access().requireGuild(guildId, Permissions.MANAGE_ROLES);
            long[] roles = new long[body.get("roles").size()];
            for (int i = 0; i < roles.length; i++) {
                roles[i] = Long.parseUnsignedLong(body.get("roles").get(i).asText());
            }
            member = services.guilds().setMemberRoles(guildId, member.userId(), roles);
        }
        return RestResponse.ok(services.entities().member(member));
    }

    private static Member member(Services services, RestRequest r) {
        return services.state().member(guild(r), r.id("user_id", DiscordException.unknownMember()))
                .orElseThrow(DiscordException::unknownMember);
    }

    private static long guild(RestRequest r) {
        return r.id("guild_id", DiscordException.unknownGuild());
    }
}
