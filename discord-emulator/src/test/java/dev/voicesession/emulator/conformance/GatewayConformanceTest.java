package dev.voicesession.emulator.conformance;

import static dev.voicesession.emulator.conformance.Conformance.assertShape;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.core.Intents;
import dev.voicesession.emulator.core.Permissions;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.DispatchLogEntry;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Role;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.support.Http;
import dev.voicesession.emulator.support.RawGateway;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every gateway dispatch the emulator sends, received by a bare websocket client (no JDA), with each payload
 * checked against Discord's documentation ({@link DocShapes}).
 */
class GatewayConformanceTest {
    private static final int INTENTS = Intents.GUILDS | Intents.GUILD_MEMBERS | Intents.GUILD_VOICE_STATES
            | Intents.GUILD_MESSAGES | Intents.DIRECT_MESSAGES | Intents.MESSAGE_CONTENT;

    private DiscordEmulator emulator;
    private EmulatorControl control;
    private Conformance rest;
    private Guild guild;
    private Guild other;
    private Member member;
    private Channel text;
    private Channel voice;

    @BeforeEach
    void start() {
        emulator = DiscordEmulator.builder().rateLimits(RateLimitMode.OFF).build().start();
        control = emulator.control();
        rest = new Conformance(emulator);
        guild = control.createGuild("gateway");
        other = control.createGuild("other");
        member = control.addMember(guild.id(), "ivy");
        text = control.createTextChannel(guild.id(), "general");
        voice = control.createVoiceChannel(guild.id(), "Lobby");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    @DisplayName("session start: HELLO, READY, GUILD_CREATE per guild, GUILD_MEMBERS_CHUNK, then RESUMED on resume")
    void session_dispatches() throws Exception {
        String sessionId;
        try (RawGateway gateway = new RawGateway(emulator.gatewayUrl())) {
            assertShape("hello", gateway.await(10, null).path("d"));
            gateway.identify(emulator.botToken(), INTENTS);
            JsonNode ready = gateway.awaitDispatch("READY", d -> true);
            assertShape("ready", ready);
            sessionId = ready.path("session_id").asText();
            for (Guild g : new Guild[] {guild, other}) {
                JsonNode created = gateway.awaitDispatch("GUILD_CREATE", d -> d.path("id").asText().equals(id(g)));
                assertShape("guild_create", created);
            }
            gateway.send("{\"op\":8,\"d\":{\"guild_id\":\"" + id(guild) + "\",\"query\":\"\",\"limit\":0,"
                    + "\"nonce\":\"n1\"}}");
            JsonNode chunk = gateway.awaitDispatch("GUILD_MEMBERS_CHUNK", d -> true);
            assertShape("guild_members_chunk", chunk);
            assertThat(chunk.path("members")).hasSize(3);
        }
        try (RawGateway resumed = new RawGateway(emulator.gatewayUrl())) {
            resumed.await(10, null);
            resumed.send("{\"op\":6,\"d\":{\"token\":\"" + emulator.botToken() + "\",\"session_id\":\"" + sessionId
                    + "\",\"seq\":1}}");
            assertShape("resumed", resumed.awaitDispatch("RESUMED", d -> true));
        }
        // The dispatch log shows what the session was sent at its start, in Java and over HTTP.
        assertThat(control.gatewayDispatches().stream().filter(e -> e.sessionId().equals(sessionId))
                .map(DispatchLogEntry::type).distinct())
                .containsExactly("READY", "GUILD_CREATE", "GUILD_MEMBERS_CHUNK", "RESUMED");
        JsonNode logged = Http.json(new Http(null).send("GET", emulator.controlUrl() + "gateway/dispatches", null));
        assertThat(logged.findValuesAsText("type")).contains("READY", "GUILD_CREATE", "GUILD_MEMBERS_CHUNK");
    }

    @Test
    @DisplayName("guild, role, member and channel events have their documented shapes")
    void guild_events() throws Exception {
        try (RawGateway gateway = identified()) {
            Role role = control.createRole(guild.id(), "DJ", Permissions.MOVE_MEMBERS);
            assertShape("guild_role_event", gateway.awaitDispatch("GUILD_ROLE_CREATE", d -> true));
            control.setRolePermissions(guild.id(), role.id(), Permissions.CONNECT);
            assertShape("guild_role_event", gateway.awaitDispatch("GUILD_ROLE_UPDATE", d -> true));
            Member newcomer = control.addMember(guild.id(), "jack");
            assertShape("guild_member_add", gateway.awaitDispatch("GUILD_MEMBER_ADD", d -> true));
            rest.call("PATCH", "guilds/" + id(guild) + "/members/" + newcomer.userId(),
                    "{\"roles\":[\"" + role.id() + "\"]}", 200);
            assertShape("guild_member_update", gateway.awaitDispatch("GUILD_MEMBER_UPDATE", d -> true));

            Channel created = control.createVoiceChannel(guild.id(), "Room");
            assertShape("voice_channel", gateway.awaitDispatch("CHANNEL_CREATE", d -> true));
            control.setOverwrite(created.id(), guild.id(), 0, 0, Permissions.VIEW_CHANNEL);
            assertShape("voice_channel", gateway.awaitDispatch("CHANNEL_UPDATE", d -> true));
            control.moderatorDeletesChannel(created.id());
            assertShape("voice_channel", gateway.awaitDispatch("CHANNEL_DELETE", d -> true));

            control.removeBotFromGuild(other.id());
            JsonNode deleted = gateway.awaitDispatch("GUILD_DELETE", d -> true);
            assertShape("unavailable_guild", deleted);
            assertThat(deleted.has("unavailable")).as("a removal, not an outage").isFalse();
        }
    }

    @Test
    @DisplayName("message events: a user's message, the bot's reply (type 19), an edit, a delete, a direct message")
    void message_events() throws Exception {
        try (RawGateway gateway = identified()) {
            long asked = control.userSendsMessage(text.id(), member.userId(), "hello bot").id();
            JsonNode create = gateway.awaitDispatch("MESSAGE_CREATE", d -> d.path("content").asText().equals("hello bot"));
            assertShape("message_create", create);
            assertThat(create.has("member")).isTrue();

            JsonNode reply = rest.call("POST", "channels/" + text.id() + "/messages", "{\"content\":\"hi\","
                    + "\"embeds\":[{\"title\":\"e\",\"type\":\"article\"}],\"components\":[{\"type\":1,"
                    + "\"components\":[{\"type\":2,\"style\":1,\"label\":\"A\",\"custom_id\":\"a\"}]}],"
                    + "\"message_reference\":{\"message_id\":\"" + asked + "\"}}", 200);
            JsonNode dispatched = gateway.awaitDispatch("MESSAGE_CREATE", d -> d.path("id").equals(reply.path("id")));
            for (JsonNode message : new JsonNode[] {reply, dispatched}) {
                assertShape("message_create", message);
                assertThat(message.path("type").asInt()).isEqualTo(19);
                assertThat(message.path("message_reference").path("message_id").asText())
                        .isEqualTo(Long.toUnsignedString(asked));
                assertThat(message.path("referenced_message").path("content").asText()).isEqualTo("hello bot");
                assertThat(message.path("embeds").get(0).path("type").asText()).isEqualTo("rich");
                assertThat(message.path("components").get(0).path("id").asInt()).isEqualTo(1);
                assertThat(message.path("components").get(0).path("components").get(0).path("id").asInt())
                        .isEqualTo(2);
            }

            rest.call("PATCH", "channels/" + text.id() + "/messages/" + reply.path("id").asText(),
                    "{\"content\":\"edited\"}", 200);
            assertShape("message_create", gateway.awaitDispatch("MESSAGE_UPDATE", d -> true));
            rest.call("DELETE", "channels/" + text.id() + "/messages/" + reply.path("id").asText(), null, 204);
            assertShape("message_delete", gateway.awaitDispatch("MESSAGE_DELETE", d -> true));

            control.userSendsDirectMessage(member.userId(), "!voice");
            JsonNode direct = gateway.awaitDispatch("MESSAGE_CREATE", d -> d.path("content").asText().equals("!voice"));
            assertShape("message_create", direct);
            assertThat(direct.has("guild_id")).isFalse();
        }
    }

    @Test
    @DisplayName("voice and interaction events; the owner's permissions are a documented, non-negative bit field")
    void voice_and_interaction_events() throws Exception {
        try (RawGateway gateway = identified()) {
            control.userJoinsVoice(guild.id(), member.userId(), voice.id());
            assertShape("voice_state", gateway.awaitDispatch("VOICE_STATE_UPDATE", d -> true));
            gateway.send("{\"op\":4,\"d\":{\"guild_id\":\"" + id(guild) + "\",\"channel_id\":\"" + voice.id()
                    + "\",\"self_mute\":false,\"self_deaf\":false}}");
            assertShape("voice_state", gateway.awaitDispatch("VOICE_STATE_UPDATE",
                    d -> d.path("user_id").asText().equals(Long.toUnsignedString(emulator.bot().id()))));
            assertShape("voice_server_update", gateway.awaitDispatch("VOICE_SERVER_UPDATE", d -> true));

            rest.call("PUT", "applications/" + emulator.bot().id() + "/commands",
                    "[{\"name\":\"ping\",\"description\":\"Ping\",\"options\":[{\"type\":6,\"name\":\"who\","
                            + "\"description\":\"Who\"}]}]", 200);
            control.userRunsSlashCommand(guild.id(), text.id(), guild.ownerId(), "ping",
                    Map.of("who", Long.toUnsignedString(member.userId())));
            JsonNode interaction = gateway.awaitDispatch("INTERACTION_CREATE", d -> true);
            assertShape("guild_interaction", interaction);
            assertShape("interaction_member", interaction.path("member"));
            String permissions = interaction.path("member").path("permissions").asText();
            assertThat(new BigInteger(permissions)).as("the owner holds every documented permission")
                    .isEqualTo(Shape.DOCUMENTED_PERMISSIONS);
        }
    }

    private RawGateway identified() throws Exception {
        RawGateway gateway = new RawGateway(emulator.gatewayUrl());
        gateway.await(10, null);
        gateway.identify(emulator.botToken(), INTENTS);
        gateway.awaitDispatch("READY", d -> true);
        return gateway;
    }

    private static String id(Guild g) {
        return Long.toUnsignedString(g.id());
    }
}
