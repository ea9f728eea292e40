package dev.voicesession.emulator.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.core.Permissions;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Role;
import dev.voicesession.emulator.support.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Discord's error answers, checked on the wire without JDA's own local permission checks in the way. */
class RestErrorsTest {
    private static DiscordEmulator emulator;
    private static Http bot;
    private static Guild guild;
    private static Guild locked;
    private static Channel voice;
    private static Role member;

    @BeforeAll
    static void start() {
        emulator = DiscordEmulator.builder().voice(false).rateLimits(RateLimitMode.OFF).build().start();
        bot = new Http(emulator.botToken());
        guild = emulator.control().createGuild("errors", Permissions.VIEW_CHANNEL | Permissions.MANAGE_CHANNELS
                | Permissions.MANAGE_ROLES | Permissions.CONNECT);
        locked = emulator.control().createGuild("locked", Permissions.VIEW_CHANNEL);
        voice = emulator.control().createVoiceChannel(guild.id(), "Lobby");
        member = emulator.control().createRole(guild.id(), "member", 0);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private HttpResponse<String> call(String method, String path, String body) {
        return bot.send(method, emulator.restBaseUrl() + path, body);
    }

    @Test
    @DisplayName("unknown channel and guild answer 404 with 10003 and 10004")
    void unknown_ids() {
        HttpResponse<String> channel = call("GET", "channels/123", null);
        assertThat(channel.statusCode()).isEqualTo(404);
        assertThat(Http.json(channel).path("code").asInt()).isEqualTo(10003);
        assertThat(Http.json(channel).path("message").asText()).isEqualTo("Unknown Channel");
        HttpResponse<String> guildResponse = call("GET", "guilds/456/channels", null);
        assertThat(guildResponse.statusCode()).isEqualTo(404);
        assertThat(Http.json(guildResponse).path("code").asInt()).isEqualTo(10004);
    }

    @Test
    @DisplayName("a bot without MANAGE_CHANNELS gets 403 50013 on channel create")
    void missing_permissions() {
        HttpResponse<String> response = call("POST", "guilds/" + locked.id() + "/channels", "{\"name\":\"x\",\"type\":2}");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Http.json(response).path("code").asInt()).isEqualTo(50013);
    }

    @Test
    @DisplayName("a channel the bot cannot view answers 403 50001 Missing Access")
    void missing_access() {
        emulator.control().setOverwrite(voice.id(), guild.id(), 0, 0, Permissions.VIEW_CHANNEL);
        try {
            HttpResponse<String> response = call("GET", "channels/" + voice.id(), null);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(Http.json(response).path("code").asInt()).isEqualTo(50001);
        } finally {
            emulator.control().setOverwrite(voice.id(), guild.id(), 0, 0, 0);
        }
    }

    @Test
    @DisplayName("the bot cannot allow in an overwrite a permission it does not hold (50013)")
    void cannot_grant_unheld_permission() {
        String body = "{\"type\":0,\"allow\":\"" + Permissions.MOVE_MEMBERS + "\",\"deny\":\"0\"}";
        HttpResponse<String> denied = call("PUT", "channels/" + voice.id() + "/permissions/" + member.id(), body);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(Http.json(denied).path("code").asInt()).isEqualTo(50013);

        String held = "{\"type\":0,\"allow\":\"" + Permissions.CONNECT + "\",\"deny\":\"0\"}";
        assertThat(call("PUT", "channels/" + voice.id() + "/permissions/" + member.id(), held).statusCode())
                .isEqualTo(204);
        String create = "{\"name\":\"grant\",\"type\":2,\"permission_overwrites\":[{\"id\":\"" + member.id()
                + "\",\"type\":0,\"allow\":\"" + Permissions.MOVE_MEMBERS + "\",\"deny\":\"0\"}]}";
        assertThat(call("POST", "guilds/" + guild.id() + "/channels", create).statusCode()).isEqualTo(403);
    }

    @Test
    @DisplayName("an invalid body answers 400 50035 Invalid Form Body with the field's error")
    void invalid_form_body() {
        HttpResponse<String> response = call("POST", "guilds/" + guild.id() + "/channels", "{\"type\":2}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).path("code").asInt()).isEqualTo(50035);
        assertThat(Http.json(response).at("/errors/name/_errors/0/code").asText()).isEqualTo("BASE_TYPE_REQUIRED");
        HttpResponse<String> bitrate = call("POST", "guilds/" + guild.id() + "/channels",
                "{\"name\":\"loud\",\"type\":2,\"bitrate\":512000}");
        assertThat(Http.json(bitrate).at("/errors/bitrate/_errors/0/code").asText()).isEqualTo("NUMBER_TYPE_MAX");
    }

    @Test
    @DisplayName("a wrong token answers 401 and an unknown route 404")
    void unauthorized_and_unknown_route() {
        Http stranger = new Http("not-the-token");
        assertThat(stranger.send("GET", emulator.restBaseUrl() + "users/@me", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "nothing/here", null).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("injected failures answer the given status and code the given number of times, and are logged")
    void injected_failures() {
        emulator.faults().failNext("GET", "users/@me", 2, 502, 0);
        assertThat(call("GET", "users/@me", null).statusCode()).isEqualTo(502);
        assertThat(call("GET", "users/@me", null).statusCode()).isEqualTo(502);
        assertThat(call("GET", "users/@me", null).statusCode()).isEqualTo(200);
        assertThat(emulator.control().requestLog("GET", "users/@me")).extracting(e -> e.status())
                .endsWith(502, 502, 200);
    }
}
