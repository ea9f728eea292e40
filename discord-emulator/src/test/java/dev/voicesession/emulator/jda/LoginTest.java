package dev.voicesession.emulator.jda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Role;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.concrete.VoiceChannel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoginTest {
    private static Guild guild;
    private static Channel voice;
    private static Channel text;
    private static Member alice;
    private static Role djRole;

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.withJda().seed(control -> {
        guild = control.createGuild("login-guild");
        djRole = control.createRole(guild.id(), "DJ", Permission.getRaw(Permission.VOICE_MOVE_OTHERS));
        alice = control.addMember(guild.id(), "alice", djRole.id());
        Channel category = control.createCategory(guild.id(), "Sessions");
        text = control.createTextChannel(guild.id(), "general");
        voice = control.createVoiceChannel(guild.id(), "Lobby", category.id());
        control.userJoinsVoice(guild.id(), alice.userId(), voice.id());
    });

    @Test
    @DisplayName("JDA logs in to READY and its cache holds the seeded guild, roles, channels, members and voice states")
    void login_fills_the_cache() {
        JDA jda = DISCORD.jda();

        assertThat(jda.getStatus()).isEqualTo(JDA.Status.CONNECTED);
        assertThat(jda.getSelfUser().getIdLong()).isEqualTo(DISCORD.emulator().bot().id());
        assertThat(jda.getSelfUser().getApplicationIdLong()).isEqualTo(DISCORD.emulator().bot().id());
        var jdaGuild = jda.getGuildById(guild.id());
        assertThat(jdaGuild).isNotNull();
        assertThat(jdaGuild.getName()).isEqualTo("login-guild");
        assertThat(jdaGuild.getRoles()).extracting(r -> r.getName()).contains("DJ", "voice-bot", "@everyone");
        assertThat(jdaGuild.getTextChannelById(text.id())).isNotNull();
        VoiceChannel jdaVoice = jdaGuild.getVoiceChannelById(voice.id());
        assertThat(jdaVoice).isNotNull();
        assertThat(jdaVoice.getBitrate()).isEqualTo(64_000);
        assertThat(jdaVoice.getParentCategory()).isNotNull();
        assertThat(jdaGuild.getSelfMember().hasPermission(Permission.MANAGE_CHANNEL)).isTrue();
        assertThat(jdaVoice.getMembers()).extracting(m -> m.getIdLong()).containsExactly(alice.userId());
    }
}
