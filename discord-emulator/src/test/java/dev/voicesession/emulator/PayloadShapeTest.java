package dev.voicesession.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicesession.emulator.core.Intents;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.rest.RateLimitConfig;
import dev.voicesession.emulator.support.Http;
import dev.voicesession.emulator.support.RawGateway;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every payload the emulator sends has at least the keys (and JSON types) of Discord's documented example. */
class PayloadShapeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static DiscordEmulator emulator;
    private static Http rest;
    private static Guild guild;
    private static Channel voice;
    private static Channel text;
    private static Channel category;
    private static Member member;

    @BeforeAll
    static void start() {
        emulator = DiscordEmulator.builder()
                .rateLimitConfig(RateLimitConfig.discord()
                        .route("GET", "channels/{channel_id}/messages", 1, Duration.ofMinutes(1)))
                .build().start();
        rest = new Http(emulator.botToken());
        guild = emulator.control().createGuild("shapes");
        member = emulator.control().addMember(guild.id(), "helen");
        category = emulator.control().createCategory(guild.id(), "Cat");
        text = emulator.control().createTextChannel(guild.id(), "general", category.id());
        voice = emulator.control().createVoiceChannel(guild.id(), "Lobby", category.id());
        emulator.control().setOverwrite(voice.id(), member.userId(), 1, 1024, 0);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = PayloadShapeTest.class.getResourceAsStream("/fixtures/" + name + ".json")) {
            return MAPPER.readTree(in);
        }
    }

    private static JsonNode get(String path) {
        var response = rest.send("GET", emulator.restBaseUrl() + path, null);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return Http.json(response);
    }

    /** Paths where the actual payload lacks a key of the example or has another JSON type. */
    static List<String> mismatches(JsonNode example, JsonNode actual, String path) {
        List<String> problems = new ArrayList<>();
        if (example.isObject()) {
            for (Map.Entry<String, JsonNode> field : example.properties()) {
                JsonNode value = actual.get(field.getKey());
                String at = path + "." + field.getKey();
                if (value == null) {
                    problems.add(at + " missing");
                } else if (!field.getValue().isNull() && !value.isNull()) {
                    if (field.getValue().getNodeType() != value.getNodeType()) {
                        problems.add(at + " is " + value.getNodeType() + ", documented " + field.getValue().getNodeType());
                    } else {
                        problems.addAll(mismatches(field.getValue(), value, at));
                    }
                }
            }
        } else if (example.isArray() && !example.isEmpty() && !actual.isEmpty()) {
            problems.addAll(mismatches(example.get(0), actual.get(0), path + "[0]"));
        }
        return problems;
    }

    private static void assertShape(String fixture, JsonNode actual) throws IOException {
        assertThat(mismatches(fixture(fixture), actual, fixture)).as("shape of %s: %s", fixture, actual).isEmpty();
    }

    @Test
    @DisplayName("REST objects: channels, overwrites, roles, members, users, guild, message")
    void rest_objects() throws IOException {
        assertShape("channel-voice", get("channels/" + voice.id()));
        assertShape("channel-text", get("channels/" + text.id()));
        assertShape("channel-category", get("channels/" + category.id()));
        assertShape("overwrite", get("channels/" + voice.id()).path("permission_overwrites").get(0));
        assertShape("role", get("guilds/" + guild.id() + "/roles").get(0));
        assertShape("guild-member", get("guilds/" + guild.id() + "/members/" + member.userId()));
        assertShape("user", get("users/@me"));
        assertShape("guild", get("guilds/" + guild.id()));
        var message = rest.send("POST", emulator.restBaseUrl() + "channels/" + text.id() + "/messages",
                "{\"content\":\"hi\"}");
        assertShape("message", Http.json(message));
    }

    @Test
    @DisplayName("error bodies: 50035 with errors, and 429 with retry_after")
    void error_bodies() throws IOException {
        var invalid = rest.send("POST", emulator.restBaseUrl() + "guilds/" + guild.id() + "/channels", "{}");
        assertShape("error", Http.json(invalid));
        rest.send("GET", emulator.restBaseUrl() + "channels/" + text.id() + "/messages", null);
        var limited = rest.send("GET", emulator.restBaseUrl() + "channels/" + text.id() + "/messages", null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertShape("rate-limit-429", Http.json(limited));
    }

    @Test
    @DisplayName("gateway payloads: HELLO, READY, GUILD_CREATE, VOICE_STATE_UPDATE, VOICE_SERVER_UPDATE, INTERACTION_CREATE")
    void gateway_payloads() throws Exception {
        try (RawGateway gateway = new RawGateway(emulator.gatewayUrl())) {
            assertShape("hello", gateway.await(10, null));
            int intents = Intents.GUILDS | Intents.GUILD_VOICE_STATES | Intents.GUILD_MESSAGES;
            gateway.send("{\"op\":2,\"d\":{\"token\":\"" + emulator.botToken() + "\",\"intents\":" + intents
                    + ",\"properties\":{\"os\":\"linux\",\"browser\":\"test\",\"device\":\"test\"}}}");
            assertShape("ready", gateway.await(0, "READY").path("d"));
            JsonNode guildCreate = gateway.await(0, "GUILD_CREATE").path("d");
            assertShape("guild", guildCreate);
            assertShape("guild-create-extra", guildCreate);
            assertShape("channel-voice", guildCreate.path("channels").get(2));

            gateway.send("{\"op\":4,\"d\":{\"guild_id\":\"" + guild.id() + "\",\"channel_id\":\"" + voice.id()
                    + "\",\"self_mute\":false,\"self_deaf\":false}}");
            assertShape("voice-state", gateway.await(0, "VOICE_STATE_UPDATE").path("d"));
            assertShape("voice-server-update", gateway.await(0, "VOICE_SERVER_UPDATE").path("d"));

            emulator.control().commands(null);
            rest.send("PUT", emulator.restBaseUrl() + "applications/" + emulator.bot().id() + "/commands",
                    "[{\"name\":\"cardsearch\",\"description\":\"Search\",\"options\":[{\"type\":3,\"name\":"
                            + "\"cardname\",\"description\":\"Card\"}]}]");
            emulator.control().userRunsSlashCommand(guild.id(), text.id(), member.userId(), "cardsearch",
                    Map.of("cardname", "The Gitrog Monster"));
            assertShape("interaction-create", gateway.await(0, "INTERACTION_CREATE").path("d"));
        }
    }
}
