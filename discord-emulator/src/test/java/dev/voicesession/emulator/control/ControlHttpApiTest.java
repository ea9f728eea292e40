package dev.voicesession.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ControlHttpApiTest {
    private DiscordEmulator emulator;
    private final Http http = new Http(null);

    @BeforeEach
    void start() {
        emulator = DiscordEmulator.builder().voice(false).rateLimits(RateLimitMode.OFF).build().start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private JsonNode call(String method, String path, String body) {
        var response = http.send(method, emulator.controlUrl() + path, body);
        assertThat(response.statusCode()).as("%s %s -> %s", method, path, response.body()).isEqualTo(200);
        return Http.json(response);
    }

    @Test
    @DisplayName("guilds, roles, members and channels are seeded and inspected over HTTP")
    void seed_and_inspect() {
        JsonNode guild = call("POST", "guilds", "{\"name\":\"http-guild\"}");
        String guildId = guild.path("id").asText();
        JsonNode role = call("POST", "guilds/" + guildId + "/roles", "{\"name\":\"DJ\",\"permissions\":\"0\"}");
        JsonNode member = call("POST", "guilds/" + guildId + "/members",
                "{\"userName\":\"frank\",\"roles\":[\"" + role.path("id").asText() + "\"]}");
        JsonNode category = call("POST", "guilds/" + guildId + "/channels", "{\"name\":\"Cat\",\"type\":\"category\"}");
        JsonNode voice = call("POST", "guilds/" + guildId + "/channels",
                "{\"name\":\"Lobby\",\"type\":\"voice\",\"parentId\":\"" + category.path("id").asText() + "\"}");
        String userId = member.path("user").path("id").asText();
        call("PUT", "channels/" + voice.path("id").asText() + "/overwrites/" + userId,
                "{\"type\":1,\"allow\":\"0\",\"deny\":\"1024\"}");

        JsonNode channels = call("GET", "guilds/" + guildId + "/channels", null);
        assertThat(channels).hasSize(2);
        JsonNode lobby = channels.get(1);
        assertThat(lobby.path("channel").path("parentId").asText()).isEqualTo(category.path("id").asText());
        assertThat(lobby.path("channel").path("overwrites").get(0).path("deny").asText()).isEqualTo("1024");
        assertThat(lobby.path("effectivePermissions").path(userId).asText()).isEqualTo("0");
        assertThat(call("GET", "guilds", null)).hasSize(1);
        assertThat(call("GET", "bot", null).path("id").asText()).isEqualTo(Long.toString(emulator.bot().id()));
    }

    @Test
    @DisplayName("guilds are created on chosen shards of a sharded bot, with increasing ids, and a bad shard is a 400")
    void guilds_on_shards() {
        long previous = 0;
        for (int round = 0; round < 3; round++) {
            for (int shard = 7; shard >= 0; shard--) {
                JsonNode guild = call("POST", "guilds",
                        "{\"name\":\"g-" + round + "-" + shard + "\",\"shard\":" + shard + ",\"shards\":8}");
                long id = Long.parseUnsignedLong(guild.path("id").asText());
                assertThat((id >>> 22) % 8).as("shard of guild %s", id).isEqualTo(shard);
                assertThat(id).isGreaterThan(previous);
                assertThat(emulator.control().guild(id)).isPresent();
                previous = id;
            }
        }
        assertThat(http.send("POST", emulator.controlUrl() + "guilds", "{\"name\":\"x\",\"shard\":8,\"shards\":8}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName("acting as a user, faults and the request log work over HTTP")
    void act_fault_and_log() {
        String guildId = call("POST", "guilds", "{\"name\":\"acts\"}").path("id").asText();
        String userId = call("POST", "guilds/" + guildId + "/members", "{\"userName\":\"gina\"}").path("user")
                .path("id").asText();
        String text = call("POST", "guilds/" + guildId + "/channels", "{\"name\":\"general\"}").path("id").asText();
        String voice = call("POST", "guilds/" + guildId + "/channels", "{\"name\":\"Lobby\",\"type\":\"voice\"}")
                .path("id").asText();

        JsonNode message = call("POST", "channels/" + text + "/messages",
                "{\"userId\":\"" + userId + "\",\"content\":\"hi\"}");
        assertThat(message.path("content").asText()).isEqualTo("hi");
        call("POST", "guilds/" + guildId + "/voice/join", "{\"userId\":\"" + userId + "\",\"channelId\":\"" + voice + "\"}");
        assertThat(call("GET", "guilds/" + guildId + "/voice-states", null)).hasSize(1);
        call("POST", "guilds/" + guildId + "/voice/leave", "{\"userId\":\"" + userId + "\"}");
        assertThat(call("GET", "guilds/" + guildId + "/voice-states", null)).isEmpty();

        call("POST", "faults/fail", "{\"method\":\"GET\",\"route\":\"users/@me\",\"count\":1,\"status\":500,\"code\":0}");
        Http bot = new Http(emulator.botToken());
        assertThat(bot.send("GET", emulator.restBaseUrl() + "users/@me", null).statusCode()).isEqualTo(500);
        JsonNode log = call("GET", "requests", null);
        assertThat(log.get(log.size() - 1).path("route").asText()).isEqualTo("users/@me");
        assertThat(log.get(log.size() - 1).path("status").asInt()).isEqualTo(500);
        assertThat(log.get(log.size() - 1).path("timestamp").asText()).isNotEmpty();

        call("DELETE", "channels/" + voice, null);
        assertThat(call("GET", "guilds/" + guildId + "/channels", null)).hasSize(1);
        var unknown = http.send("GET", emulator.controlUrl() + "channels/" + voice, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("direct messages: a user DMs the bot over HTTP (MESSAGE_CREATE without guild_id) and reads the DM channel")
    void direct_messages() {
        String guildId = call("POST", "guilds", "{\"name\":\"dm\"}").path("id").asText();
        String userId = call("POST", "guilds/" + guildId + "/members", "{\"userName\":\"hana\"}").path("user")
                .path("id").asText();

        JsonNode sent = call("POST", "users/" + userId + "/direct-messages", "{\"content\":\"!voice\"}");

        assertThat(sent.path("content").asText()).isEqualTo("!voice");
        assertThat(sent.path("guildId").asText()).isEqualTo("0");
        JsonNode direct = call("GET", "users/" + userId + "/direct-messages", null);
        assertThat(direct.path("channelId").asText()).isEqualTo(sent.path("channelId").asText());
        assertThat(direct.path("messages")).hasSize(1);
        assertThat(direct.path("messages").get(0).path("content").asText()).isEqualTo("!voice");
        assertThat(emulator.control().messages(Long.parseUnsignedLong(sent.path("channelId").asText())))
                .extracting(m -> m.content()).containsExactly("!voice");
        var missing = http.send("POST", emulator.controlUrl() + "users/" + userId + "/direct-messages", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Http.json(missing).path("message").asText()).contains("content");
    }

    @Test
    @DisplayName("permission strings in the control API are non-negative: the owner's are Discord's documented bits")
    void owner_permissions_are_documented_bits() {
        JsonNode guild = call("POST", "guilds", "{\"name\":\"perm\"}");
        String guildId = guild.path("id").asText();
        String ownerId = guild.path("ownerId").asText();
        String voice = call("POST", "guilds/" + guildId + "/channels", "{\"name\":\"Lobby\",\"type\":\"voice\"}")
                .path("id").asText();

        String owner = call("GET", "channels/" + voice, null).path("effectivePermissions").path(ownerId).asText();

        assertThat(new java.math.BigInteger(owner)).isEqualTo(java.math.BigInteger.valueOf(
                dev.voicesession.emulator.core.Permissions.ALL)).isPositive();
        assertThat(new java.math.BigInteger(owner).testBit(63)).isFalse();
        assertThat(new java.math.BigInteger(owner).testBit(47)).isFalse();
    }
}
