package dev.voicesession.emulator.conformance;

import static dev.voicesession.emulator.conformance.Conformance.assertArrayOf;
import static dev.voicesession.emulator.conformance.Conformance.assertShape;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.core.Permissions;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Interaction;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every REST route the emulator serves, called as any HTTP client would, with each answer's status and payload
 * checked against Discord's documentation ({@link DocShapes}); then the unusual but valid requests.
 */
class RestConformanceTest {
    private static DiscordEmulator emulator;
    private static Conformance rest;
    private static Guild guild;
    private static Member member;
    private static Channel text;
    private static Channel voice;
    private static String app;

    @BeforeAll
    static void start() {
        emulator = DiscordEmulator.builder().voice(false).rateLimits(RateLimitMode.OFF).build().start();
        rest = new Conformance(emulator);
        guild = emulator.control().createGuild("conformance");
        member = emulator.control().addMember(guild.id(), "helen");
        Channel category = emulator.control().createCategory(guild.id(), "Cat");
        text = emulator.control().createTextChannel(guild.id(), "general", category.id());
        voice = emulator.control().createVoiceChannel(guild.id(), "Lobby", category.id());
        app = Long.toUnsignedString(emulator.bot().id());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    @DisplayName("gateway, gateway/bot, users and the application routes answer in their documented shapes")
    void self_routes() {
        assertShape("gateway", rest.call("GET", "gateway", null, 200));
        assertShape("gateway_bot", rest.call("GET", "gateway/bot", null, 200));
        assertShape("current_user", rest.call("GET", "users/@me", null, 200));
        assertShape("user", rest.call("GET", "users/" + member.userId(), null, 200));
        for (String path : new String[] {"applications/@me", "oauth2/applications/@me"}) {
            JsonNode application = rest.call("GET", path, null, 200);
            assertShape("current_application", application);
            assertThat(application.has("cover_image")).as("optional strings without a value are absent").isFalse();
            assertThat(application.has("terms_of_service_url")).isFalse();
        }
        JsonNode edited = rest.call("PATCH", "applications/@me", "{\"description\":\"edited\",\"tags\":[\"voice\"],"
                + "\"custom_install_url\":\"https://example.invalid/install\",\"interactions_endpoint_url\":null}", 200);
        assertShape("current_application", edited);
        JsonNode read = rest.call("GET", "applications/@me", null, 200);
        assertThat(read.path("description").asText()).isEqualTo("edited");
        assertThat(read.path("tags").get(0).asText()).isEqualTo("voice");
        assertThat(read.path("custom_install_url").asText()).isEqualTo("https://example.invalid/install");
        JsonNode cleared = rest.call("PATCH", "applications/@me", "{\"custom_install_url\":null}", 200);
        assertShape("current_application", cleared);
        assertThat(cleared.has("custom_install_url")).as("absent again, never null").isFalse();
    }

    @Test
    @DisplayName("guild routes: guild (with and without counts), channels, roles, members, member edits")
    void guild_routes() {
        String g = "guilds/" + guild.id();
        JsonNode plain = rest.call("GET", g, null, 200);
        assertShape("guild_rest", plain);
        assertThat(plain.has("approximate_member_count")).isFalse();
        JsonNode counted = rest.call("GET", g + "?with_counts=true", null, 200);
        assertShape("guild_rest", counted);
        assertThat(counted.path("approximate_member_count").asInt()).isEqualTo(3);
        assertThat(counted.path("approximate_presence_count").isIntegralNumber()).isTrue();
        assertArrayOf("guild_channel", rest.call("GET", g + "/channels", null, 200));
        JsonNode created = rest.call("POST", g + "/channels", "{\"name\":\"made\",\"type\":2}", 201);
        assertShape("voice_channel", created);
        assertArrayOf("role", rest.call("GET", g + "/roles", null, 200));
        JsonNode members = rest.call("GET", g + "/members?limit=1000", null, 200);
        assertThat(members).hasSize(3);
        assertArrayOf("guild_member", members);
        assertShape("guild_member", rest.call("GET", g + "/members/" + member.userId(), null, 200));
        assertShape("guild_member", rest.call("PATCH", g + "/members/" + member.userId(), "{\"roles\":[]}", 200));
    }

    @Test
    @DisplayName("channel routes: channel get, edit, delete, overwrites, and messages with embeds and components")
    void channel_routes() {
        assertShape("voice_channel", rest.call("GET", "channels/" + voice.id(), null, 200));
        assertShape("text_channel", rest.call("GET", "channels/" + text.id(), null, 200));
        assertShape("text_channel", rest.call("PATCH", "channels/" + text.id(), "{\"topic\":\"t\"}", 200));
        String overwrite = "channels/" + voice.id() + "/permissions/" + member.userId();
        rest.call("PUT", overwrite, "{\"type\":1,\"allow\":\"1024\",\"deny\":\"0\"}", 204);
        assertShape("voice_channel", rest.call("GET", "channels/" + voice.id(), null, 200));
        rest.call("DELETE", overwrite, null, 204);

        String messages = "channels/" + text.id() + "/messages";
        JsonNode sent = rest.call("POST", messages, "{\"content\":\"hi\",\"embeds\":[{\"title\":\"t\"}],"
                + "\"components\":[{\"type\":1,\"components\":[{\"type\":2,\"style\":1,\"label\":\"Go\","
                + "\"custom_id\":\"go\"}]}]}", 200);
        assertShape("message", sent);
        String id = sent.path("id").asText();
        assertArrayOf("message", rest.call("GET", messages + "?limit=5", null, 200));
        assertShape("message", rest.call("GET", messages + "/" + id, null, 200));
        assertShape("message", rest.call("PATCH", messages + "/" + id, "{\"content\":\"edited\"}", 200));
        rest.call("DELETE", messages + "/" + id, null, 204);
        Channel doomed = emulator.control().createTextChannel(guild.id(), "doomed");
        assertShape("text_channel", rest.call("DELETE", "channels/" + doomed.id(), null, 200));
    }

    @Test
    @DisplayName("application command routes, global and guild: bulk overwrite, create (201), get, edit, delete")
    void command_routes() {
        for (String base : new String[] {"applications/" + app + "/commands",
                "applications/" + app + "/guilds/" + guild.id() + "/commands"}) {
            assertArrayOf("application_command",
                    rest.call("PUT", base, "[{\"name\":\"one\",\"description\":\"One\"}]", 200));
            JsonNode created = rest.call("POST", base, "{\"name\":\"two\",\"description\":\"Two\",\"options\":"
                    + "[{\"type\":3,\"name\":\"word\",\"description\":\"A word\"}]}", 201);
            assertShape("application_command", created);
            assertShape("application_command",
                    rest.call("POST", base, "{\"name\":\"two\",\"description\":\"Again\"}", 200));
            assertArrayOf("application_command", rest.call("GET", base, null, 200));
            String one = base + "/" + created.path("id").asText();
            assertShape("application_command", rest.call("GET", one, null, 200));
            assertShape("application_command", rest.call("PATCH", one, "{\"description\":\"2\"}", 200));
            rest.call("DELETE", one, null, 204);
        }
    }

    @Test
    @DisplayName("interaction routes: callback with_response, follow-up, and @original fetched, edited, deleted")
    void interaction_routes() {
        Interaction interaction = slashCommand();
        String callback = "interactions/" + interaction.id() + "/" + interaction.token() + "/callback";
        JsonNode response = rest.call("POST", callback + "?with_response=true",
                "{\"type\":4,\"data\":{\"content\":\"pong\"}}", 200);
        assertShape("callback_response", response);
        assertShape("message", response.path("resource").path("message"));

        String webhook = "webhooks/" + app + "/" + interaction.token();
        assertShape("message", rest.call("POST", webhook, "{\"content\":\"more\"}", 200));
        assertShape("message", rest.call("GET", webhook + "/messages/@original", null, 200));
        assertShape("message", rest.call("PATCH", webhook + "/messages/@original", "{\"content\":\"x\"}", 200));
        rest.call("DELETE", webhook + "/messages/@original", null, 204);
    }

    @Test
    @DisplayName("percent-encoded path segments are decoded: users/%40me, messages/%40original (get, edit, delete)")
    void encoded_path_segments() {
        assertShape("current_user", rest.call("GET", "users/%40me", null, 200));
        assertShape("current_application", rest.call("GET", "oauth2/applications/%40me", null, 200));
        Interaction interaction = slashCommand();
        rest.call("POST", "interactions/" + interaction.id() + "/" + interaction.token() + "/callback",
                "{\"type\":4,\"data\":{\"content\":\"pong\"}}", 204);
        String original = "webhooks/" + app + "/" + interaction.token() + "/messages/%40original";
        assertThat(rest.call("GET", original, null, 200).path("content").asText()).isEqualTo("pong");
        assertThat(rest.call("PATCH", original, "{\"content\":\"edited\"}", 200).path("content").asText())
                .isEqualTo("edited");
        rest.call("DELETE", original, null, 204);
        assertShape("error", rest.call("GET", original, null, 404));
        String channel = "channels%2F" + text.id();
        assertThat(rest.call("GET", channel, null, 404).path("code").asInt()).isEqualTo(0);
    }

    @Test
    @DisplayName("unknown query parameters are ignored; malformed ones answer 400 50035, never 500")
    void query_parameters() {
        assertShape("guild_rest", rest.call("GET", "guilds/" + guild.id() + "?unknown=1&with_counts=false", null, 200));
        assertArrayOf("message", rest.call("GET", "channels/" + text.id() + "/messages?limit=2&foo=bar", null, 200));
        JsonNode bad = rest.call("GET", "channels/" + text.id() + "/messages?limit=many", null, 400);
        assertShape("error", bad);
        assertThat(bad.path("code").asInt()).isEqualTo(50035);
        assertThat(bad.path("errors").has("limit")).isTrue();
        assertThat(rest.call("GET", "channels/" + text.id() + "/messages?limit=101", null, 400).path("code").asInt())
                .isEqualTo(50035);
        assertThat(rest.call("GET", "guilds/" + guild.id() + "/members?after=x", null, 400).path("code").asInt())
                .isEqualTo(50035);
        Interaction interaction = slashCommand();
        String ref = "webhooks/" + app + "/" + interaction.token() + "/messages/not-a-message";
        assertThat(rest.call("GET", ref, null, 404).path("code").asInt()).isEqualTo(10008);
    }

    @Test
    @DisplayName("with_response absent or false answers 204 with no body; true answers the callback response")
    void with_response() {
        Interaction first = slashCommand();
        rest.call("POST", "interactions/" + first.id() + "/" + first.token() + "/callback",
                "{\"type\":5}", 204);
        Interaction second = slashCommand();
        rest.call("POST", "interactions/" + second.id() + "/" + second.token() + "/callback?with_response=false",
                "{\"type\":4,\"data\":{\"content\":\"x\"}}", 204);
        Interaction third = slashCommand();
        JsonNode deferred = rest.call("POST", "interactions/" + third.id() + "/" + third.token()
                + "/callback?with_response=true", "{\"type\":5}", 200);
        assertShape("callback_response", deferred);
        assertThat(deferred.path("interaction").path("response_message_loading").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("optional fields sent as null or left out: a message, a message edit, a channel and an edit")
    void optional_fields_null_or_omitted() {
        String messages = "channels/" + text.id() + "/messages";
        JsonNode sent = rest.call("POST", messages, "{\"content\":\"n\",\"embeds\":null,\"components\":null,"
                + "\"message_reference\":null,\"nonce\":null,\"tts\":false}", 200);
        assertShape("message", sent);
        assertThat(sent.path("type").asInt()).isZero();
        assertThat(sent.has("message_reference")).isFalse();
        JsonNode edited = rest.call("PATCH", messages + "/" + sent.path("id").asText(),
                "{\"content\":null,\"embeds\":[]}", 200);
        assertThat(edited.path("content").asText()).as("a null content leaves it as it was").isEqualTo("n");
        JsonNode channel = rest.call("POST", "guilds/" + guild.id() + "/channels",
                "{\"name\":\"nulls\",\"topic\":null,\"parent_id\":null}", 201);
        assertShape("text_channel", channel);
        assertThat(channel.path("parent_id").isNull()).isTrue();
        JsonNode patched = rest.call("PATCH", "channels/" + channel.path("id").asText(), "{\"topic\":null}", 200);
        assertThat(patched.path("topic").isNull()).isTrue();
    }

    @Test
    @DisplayName("replies: type 19 with the reference; null referenced_message once deleted; 50035 and 160002 refusals")
    void replies() {
        Channel room = emulator.control().createTextChannel(guild.id(), "replies");
        String messages = "channels/" + room.id() + "/messages";
        long asked = emulator.control().userSendsMessage(room.id(), member.userId(), "question").id();
        JsonNode reply = rest.call("POST", messages, "{\"content\":\"answer\",\"message_reference\":{\"message_id\":\""
                + asked + "\",\"channel_id\":\"" + room.id() + "\"}}", 200);
        assertShape("message", reply);
        assertThat(reply.path("type").asInt()).isEqualTo(19);
        assertThat(reply.path("message_reference").path("guild_id").asText()).isEqualTo(Long.toString(guild.id()));
        assertThat(reply.path("referenced_message").path("id").asText()).isEqualTo(Long.toString(asked));

        emulator.control().setOverwrite(room.id(), guild.id(), 0, Permissions.MANAGE_MESSAGES, 0);
        rest.call("DELETE", messages + "/" + asked, null, 204);
        JsonNode after = rest.call("GET", messages + "/" + reply.path("id").asText(), null, 200);
        assertThat(after.has("referenced_message")).isTrue();
        assertThat(after.path("referenced_message").isNull()).as("null once the original is deleted").isTrue();

        long elsewhere = emulator.control().userSendsMessage(text.id(), member.userId(), "other channel").id();
        JsonNode unknown = rest.call("POST", messages, "{\"content\":\"x\",\"message_reference\":{\"message_id\":\""
                + elsewhere + "\"}}", 400);
        assertThat(unknown.path("code").asInt()).isEqualTo(50035);
        assertThat(unknown.path("errors").has("message_reference")).isTrue();

        JsonNode malformed = rest.call("POST", messages, "{\"content\":\"x\",\"message_reference\":{\"message_id\":"
                + "\"not-a-snowflake\"}}", 400);
        assertThat(malformed.path("code").asInt()).isEqualTo(50035);

        long again = emulator.control().userSendsMessage(room.id(), member.userId(), "again").id();
        emulator.control().setOverwrite(room.id(), guild.id(), 0, Permissions.MANAGE_MESSAGES,
                Permissions.READ_MESSAGE_HISTORY);
        JsonNode refused = rest.call("POST", messages, "{\"content\":\"x\",\"message_reference\":{\"message_id\":\""
                + again + "\"}}", 403);
        assertThat(refused.path("code").asInt()).isEqualTo(160002);
    }

    @Test
    @DisplayName("GET messages pages with before, after and around, newest first, at most limit")
    void message_paging() {
        Channel room = emulator.control().createTextChannel(guild.id(), "paging");
        long[] ids = new long[7];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = emulator.control().userSendsMessage(room.id(), member.userId(), "m" + i).id();
        }
        String messages = "channels/" + room.id() + "/messages?limit=3";

        assertThat(contents(rest.call("GET", messages, null, 200))).containsExactly("m6", "m5", "m4");
        assertThat(contents(rest.call("GET", messages + "&before=" + ids[3], null, 200)))
                .containsExactly("m2", "m1", "m0");
        assertThat(contents(rest.call("GET", messages + "&after=" + ids[1], null, 200)))
                .containsExactly("m4", "m3", "m2");
        assertThat(contents(rest.call("GET", messages + "&around=" + ids[3], null, 200)))
                .containsExactly("m4", "m3", "m2");
    }

    private static java.util.List<String> contents(JsonNode messages) {
        assertArrayOf("message", messages);
        return messages.findValuesAsText("content").stream().toList();
    }

    private static Interaction slashCommand() {
        rest.call("PUT", "applications/" + app + "/guilds/" + guild.id() + "/commands",
                "[{\"name\":\"ping\",\"description\":\"Ping\"}]", 200);
        return emulator.control().userRunsSlashCommand(guild.id(), text.id(), member.userId(), "ping", Map.of());
    }
}
