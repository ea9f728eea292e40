package dev.voicesession.emulator.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Overwrite;
import dev.voicesession.emulator.model.Role;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.support.EventRecorder;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.concrete.Category;
import net.dv8tion.jda.api.entities.channel.concrete.VoiceChannel;
import net.dv8tion.jda.api.events.channel.ChannelDeleteEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChannelsTest {
    private static final EventRecorder EVENTS = new EventRecorder();
    private static Guild guild;
    private static Member alice;
    private static Role listener;
    private static Channel category;

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.withJda()
            .rateLimits(RateLimitMode.OFF)
            .seed(control -> {
                guild = control.createGuild("channels");
                listener = control.createRole(guild.id(), "Listener", 0);
                alice = control.addMember(guild.id(), "alice", listener.id());
                category = control.createCategory(guild.id(), "Sessions");
            })
            .jda(builder -> builder.addEventListeners(EVENTS));

    @BeforeEach
    void clear() {
        EVENTS.clear();
    }

    @Test
    @DisplayName("a voice channel created with overwrites, bitrate and user limit is seen by JDA exactly as stored")
    void create_voice_channel_with_overwrites() {
        var jdaGuild = DISCORD.jda().getGuildById(guild.id());
        Category jdaCategory = jdaGuild.getCategoryById(category.id());

        VoiceChannel created = jdaGuild.createVoiceChannel("session-1", jdaCategory)
                .setBitrate(48_000)
                .setUserlimit(5)
                .addPermissionOverride(jdaGuild.getPublicRole(), null, EnumSet.of(Permission.VIEW_CHANNEL))
                .addRolePermissionOverride(listener.id(), EnumSet.of(Permission.VIEW_CHANNEL,
                        Permission.VOICE_CONNECT), null)
                .addMemberPermissionOverride(DISCORD.emulator().bot().id(), EnumSet.of(Permission.VIEW_CHANNEL,
                        Permission.VOICE_CONNECT, Permission.MANAGE_CHANNEL), null)
                .complete();

        Channel stored = DISCORD.control().channel(created.getIdLong()).orElseThrow();
        assertThat(stored.parentId()).isEqualTo(category.id());
        assertThat(stored.bitrate()).isEqualTo(48_000);
        assertThat(stored.userLimit()).isEqualTo(5);
        assertThat(stored.overwrites()).containsExactlyInAnyOrder(
                new Overwrite(guild.id(), Overwrite.ROLE, 0, Permission.VIEW_CHANNEL.getRawValue()),
                new Overwrite(listener.id(), Overwrite.ROLE,
                        Permission.getRaw(Permission.VIEW_CHANNEL, Permission.VOICE_CONNECT), 0),
                new Overwrite(DISCORD.emulator().bot().id(), Overwrite.MEMBER,
                        Permission.getRaw(Permission.VIEW_CHANNEL, Permission.VOICE_CONNECT,
                                Permission.MANAGE_CHANNEL), 0));
        VoiceChannel cached = jdaGuild.getVoiceChannelById(created.getIdLong());
        assertThat(cached.getBitrate()).isEqualTo(48_000);
        assertThat(cached.getUserLimit()).isEqualTo(5);
        assertThat(cached.getPermissionOverride(jdaGuild.getPublicRole()).getDenied())
                .containsExactly(Permission.VIEW_CHANNEL);
        var aliceMember = jdaGuild.retrieveMemberById(alice.userId()).complete();
        long emulatorView = DISCORD.control().effectivePermissions(created.getIdLong(), alice.userId());
        assertThat(Permission.getRaw(aliceMember.getPermissions(cached))).isEqualTo(emulatorView);
        assertThat(Permission.getPermissions(emulatorView)).contains(Permission.VIEW_CHANNEL,
                Permission.VOICE_CONNECT);
    }

    @Test
    @DisplayName("deleting a channel removes it and JDA gets ChannelDeleteEvent")
    void delete_channel() {
        var jdaGuild = DISCORD.jda().getGuildById(guild.id());
        VoiceChannel created = jdaGuild.createVoiceChannel("to-delete").complete();

        created.delete().complete();

        assertThat(DISCORD.control().channel(created.getIdLong())).isEmpty();
        await().until(() -> EVENTS.of(ChannelDeleteEvent.class).stream()
                .anyMatch(e -> e.getChannel().getIdLong() == created.getIdLong()));
    }

    @Test
    @DisplayName("a moderator deleting a channel reaches JDA, and editing it afterwards fails with Unknown Channel")
    void moderator_delete_then_404() {
        Channel channel = DISCORD.control().createVoiceChannel(guild.id(), "moderated");
        await().until(() -> DISCORD.jda().getVoiceChannelById(channel.id()) != null);
        VoiceChannel stale = DISCORD.jda().getVoiceChannelById(channel.id());

        DISCORD.control().moderatorDeletesChannel(channel.id());
        await().until(() -> DISCORD.jda().getVoiceChannelById(channel.id()) == null);

        assertThatThrownBy(() -> stale.getManager().setName("renamed").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.UNKNOWN_CHANNEL));
    }

    @Test
    @DisplayName("a 403 Missing Permissions from Discord surfaces as ErrorResponseException in JDA")
    void missing_permissions_surfaces() {
        DISCORD.emulator().faults().failNext("POST", "guilds/{guild_id}/channels", 1, 403, 50013,
                "Missing Permissions");
        var jdaGuild = DISCORD.jda().getGuildById(guild.id());

        assertThatThrownBy(() -> jdaGuild.createVoiceChannel("denied").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MISSING_PERMISSIONS));
        assertThat(DISCORD.control().requestLog("POST", "guilds/{guild_id}/channels"))
                .last().satisfies(entry -> assertThat(entry.status()).isEqualTo(403));
    }

    @Test
    @DisplayName("a category holds at most 50 channels: the 51st fails with Invalid Form Body")
    void category_limit() {
        Channel full = DISCORD.control().createCategory(guild.id(), "full");
        for (int i = 0; i < 50; i++) {
            DISCORD.control().createVoiceChannel(guild.id(), "room-" + i, full.id());
        }
        await().until(() -> DISCORD.jda().getCategoryById(full.id()) != null
                && DISCORD.jda().getCategoryById(full.id()).getChannels().size() == 50);
        Category jdaFull = DISCORD.jda().getCategoryById(full.id());

        assertThatThrownBy(() -> jdaFull.createVoiceChannel("room-50").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.INVALID_FORM_BODY));
    }

    @Test
    @DisplayName("a guild holds at most 500 channels: the next one fails with 30013")
    void guild_limit() {
        Guild big = DISCORD.control().createGuild("big");
        int existing = DISCORD.control().channels(big.id()).size();
        for (int i = existing; i < 500; i++) {
            DISCORD.control().createTextChannel(big.id(), "c" + i);
        }
        await().until(() -> DISCORD.jda().getGuildById(big.id()) != null
                && DISCORD.jda().getGuildById(big.id()).getChannels().size() == 500);

        assertThatThrownBy(() -> DISCORD.jda().getGuildById(big.id()).createTextChannel("one-too-many").complete())
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.getErrorResponse()).isEqualTo(ErrorResponse.MAX_CHANNELS));
    }

    @Test
    @DisplayName("JDA's permission view of a channel matches the emulator's for every member")
    void permissions_agree() {
        Channel channel = DISCORD.control().createTextChannel(guild.id(), "private");
        DISCORD.control().setOverwrite(channel.id(), guild.id(), Overwrite.ROLE, 0, Permission.VIEW_CHANNEL.getRawValue());
        DISCORD.control().setOverwrite(channel.id(), listener.id(), Overwrite.ROLE,
                Permission.VIEW_CHANNEL.getRawValue(), Permission.MESSAGE_SEND.getRawValue());
        await().until(() -> DISCORD.jda().getTextChannelById(channel.id()) != null
                && DISCORD.jda().getTextChannelById(channel.id()).getPermissionOverrides().size() == 2);
        var jdaChannel = DISCORD.jda().getTextChannelById(channel.id());
        var jdaGuild = jdaChannel.getGuild();

        for (long userId : List.of(alice.userId(), DISCORD.emulator().bot().id())) {
            var member = jdaGuild.retrieveMemberById(userId).complete();
            assertThat(Permission.getRaw(member.getPermissions(jdaChannel)))
                    .as("permissions of %s", member.getUser().getName())
                    .isEqualTo(DISCORD.control().effectivePermissions(channel.id(), userId));
        }
        assertThat(DISCORD.control().effectivePermissions(channel.id(), DISCORD.emulator().bot().id()))
                .isZero();
        assertThat(DISCORD.control().effectivePermissions(channel.id(), guild.ownerId()))
                .isEqualTo(dev.voicesession.emulator.core.Permissions.ALL);
    }
}
