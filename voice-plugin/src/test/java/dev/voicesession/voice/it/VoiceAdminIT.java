package dev.voicesession.voice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.model.Channel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceAdminIT {

    @TempDir
    Path dir;

    private VoiceWorld world;

    @BeforeEach
    void setUp() {
        world = new VoiceWorld(dir);
        world.start();
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    @DisplayName("'!voice sessions' lists user, channel and age; '!voice end <user>' ends that session")
    void listAndEnd() {
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);

        world.say(world.moderator, "!voice sessions");
        world.awaitBotText("Active voice sessions (1):");
        assertThat(world.botTexts()).contains("<@" + world.alice.userId() + "> in <#" + channel.id() + ">");

        world.say(world.moderator, "!voice end <@" + world.alice.userId() + ">");

        assertThat(world.awaitEnded(world.alice).endReason()).isEqualTo("admin_end");
        assertThat(world.channelExists(channel.id())).isFalse();
        world.awaitBotText("Ended the voice session of <@" + world.alice.userId() + ">.");
    }

    @Test
    @DisplayName("admin commands need Manage Channels")
    void adminNeedsManageChannels() {
        world.say(world.alice, "!voice");
        world.awaitConnectedSession(world.alice);

        world.say(world.bob, "!voice end <@" + world.alice.userId() + ">");

        await().until(() -> world.botMessages().size() >= 2);
        assertThat(world.latestRow(world.alice).orElseThrow().active()).isTrue();
        assertThat(world.botTexts()).doesNotContain("Ended the voice session");
    }

    @Test
    @DisplayName("'!voice cleanup' reconciles now: a flagged channel from an earlier session is deleted, live ones stay")
    void cleanupNow() {
        world.say(world.alice, "!voice");
        Channel live = world.awaitConnectedSession(world.alice);
        Channel leftover = world.control.createVoiceChannel(world.guild.id(), "old", world.category.id());
        world.sql("INSERT INTO voice_sessions (user_id, guild_id, channel_id, ended_at, end_reason, state)"
                + " VALUES ('" + world.bob.userId() + "', '" + world.guild.id() + "', '" + leftover.id()
                + "', '2026-01-01 00:00:00', 'user_left', 'ended')");

        world.say(world.moderator, "!voice cleanup");

        world.awaitBotText("Cleanup done: 0 orphaned session(s) ended, 1 channel(s) deleted, 0 channel(s) could not be deleted.");
        assertThat(world.channelExists(leftover.id())).isFalse();
        assertThat(world.channelExists(live.id())).isTrue();
        assertThat(world.latestRow(world.alice).orElseThrow().active()).isTrue();
    }
}
