package dev.voicesession.emulator.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.core.Permissions;
import dev.voicesession.emulator.core.VoiceAccessDeniedException;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Role;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Joining voice needs View Channel and Connect, as on Discord; a moderator with Move Members can move anyone. */
class VoiceAccessTest {
    private DiscordEmulator emulator;
    private EmulatorControl control;
    private Guild guild;
    private Member alice;
    private Member mod;
    private Channel lobby;
    private Channel secret;
    private final Http http = new Http(null);

    @BeforeEach
    void start() {
        emulator = DiscordEmulator.builder().voice(false).rateLimits(RateLimitMode.OFF).build().start();
        control = emulator.control();
        guild = control.createGuild("access");
        alice = control.addMember(guild.id(), "alice");
        Role moderators = control.createRole(guild.id(), "Moderators", Permissions.MOVE_MEMBERS);
        mod = control.addMember(guild.id(), "mod", moderators.id());
        lobby = control.createVoiceChannel(guild.id(), "Lobby");
        secret = control.createVoiceChannel(guild.id(), "secret");
        control.setOverwrite(secret.id(), guild.id(), 0, 0, Permissions.VIEW_CHANNEL | Permissions.CONNECT);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    @DisplayName("a user without View Channel or Connect cannot join or move into a private channel")
    void join_without_permission_is_refused() {
        assertThatThrownBy(() -> control.userJoinsVoice(guild.id(), alice.userId(), secret.id()))
                .isInstanceOf(VoiceAccessDeniedException.class)
                .hasMessageContaining("View Channel and Connect");
        control.userJoinsVoice(guild.id(), alice.userId(), lobby.id());
        assertThatThrownBy(() -> control.userMovesVoice(guild.id(), alice.userId(), secret.id()))
                .isInstanceOf(VoiceAccessDeniedException.class);
        assertThat(control.voiceState(guild.id(), alice.userId()).orElseThrow().channelId()).isEqualTo(lobby.id());

        // Connect alone is not enough: without View Channel the channel cannot be joined either.
        control.setOverwrite(secret.id(), alice.userId(), 1, Permissions.CONNECT, 0);
        assertThatThrownBy(() -> control.userJoinsVoice(guild.id(), alice.userId(), secret.id()))
                .hasMessageContaining("View Channel");
        control.setOverwrite(secret.id(), alice.userId(), 1, Permissions.VIEW_CHANNEL | Permissions.CONNECT, 0);
        assertThat(control.userJoinsVoice(guild.id(), alice.userId(), secret.id()).channelId()).isEqualTo(secret.id());
    }

    @Test
    @DisplayName("a moderator with Move Members moves a member in; one without it, or a member not in voice, is refused")
    void moderator_move() {
        control.userJoinsVoice(guild.id(), alice.userId(), lobby.id());
        assertThatThrownBy(() -> control.moderatorMovesMember(guild.id(), alice.userId(), alice.userId(), secret.id()))
                .isInstanceOf(VoiceAccessDeniedException.class)
                .hasMessageContaining("Move Members");
        // The moderator's role has Move Members but the channel hides itself from @everyone.
        assertThatThrownBy(() -> control.moderatorMovesMember(guild.id(), mod.userId(), alice.userId(), secret.id()))
                .isInstanceOf(VoiceAccessDeniedException.class)
                .hasMessageContaining("View Channel and Connect");
        control.setOverwrite(secret.id(), mod.userId(), 1, Permissions.VIEW_CHANNEL | Permissions.CONNECT, 0);

        var moved = control.moderatorMovesMember(guild.id(), mod.userId(), alice.userId(), secret.id());

        assertThat(moved.channelId()).isEqualTo(secret.id());
        assertThat(control.voiceState(guild.id(), alice.userId()).orElseThrow().channelId()).isEqualTo(secret.id());
        Member bob = control.addMember(guild.id(), "bob");
        assertThatThrownBy(() -> control.moderatorMovesMember(guild.id(), mod.userId(), bob.userId(), secret.id()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not connected to voice");
    }

    @Test
    @DisplayName("over HTTP: a refused join answers 403 with the reason; the moderator move has its own call")
    void over_http() {
        String base = emulator.controlUrl() + "guilds/" + guild.id() + "/voice/";
        var refused = http.send("POST", base + "join", body("userId", alice.userId(), "channelId", secret.id()));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.json(refused).path("message").asText()).contains("cannot join voice channel");
        assertThat(control.voiceState(guild.id(), alice.userId())).isEmpty();

        assertThat(http.send("POST", base + "join", body("userId", alice.userId(), "channelId", lobby.id()))
                .statusCode()).isEqualTo(200);
        control.setOverwrite(secret.id(), mod.userId(), 1, Permissions.VIEW_CHANNEL | Permissions.CONNECT, 0);
        var moved = http.send("POST", base + "moderator-move", "{\"moderatorId\":\"" + mod.userId()
                + "\",\"userId\":\"" + alice.userId() + "\",\"channelId\":\"" + secret.id() + "\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        JsonNode state = Http.json(moved);
        assertThat(state.path("channelId").asText()).isEqualTo(Long.toString(secret.id()));
        var notAllowed = http.send("POST", base + "moderator-move", "{\"moderatorId\":\"" + alice.userId()
                + "\",\"userId\":\"" + alice.userId() + "\",\"channelId\":\"" + lobby.id() + "\"}");
        assertThat(notAllowed.statusCode()).isEqualTo(403);
    }

    private static String body(String k1, long v1, String k2, long v2) {
        return "{\"" + k1 + "\":\"" + Long.toUnsignedString(v1) + "\",\"" + k2 + "\":\"" + Long.toUnsignedString(v2)
                + "\"}";
    }
}
