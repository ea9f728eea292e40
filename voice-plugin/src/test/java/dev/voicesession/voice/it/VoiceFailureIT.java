package dev.voicesession.voice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.core.GuildService;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.voice.VoiceConnectionState;
import dev.voicesession.voice.testing.StoredSession;
import java.nio.file.Path;
import java.time.Duration;
import net.dv8tion.jda.api.JDA;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceFailureIT {

    @TempDir
    Path dir;

    private VoiceWorld world;

    @AfterEach
    void tearDown() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @DisplayName("7. a bot without Manage Channels: a reply naming it, no channel, no row, slot freed")
    void missingManageChannels() {
        world = new VoiceWorld(dir, GuildService.DEFAULT_BOT_PERMISSIONS & ~VoiceWorld.MANAGE_CHANNELS);
        world.start();

        world.say(world.alice, "!voice");

        world.awaitBotText("I am missing Manage Channels in category 'Voice'");
        await().until(() -> world.host.queue().entries().isEmpty());
        assertThat(world.sessionChannel(world.alice)).isEmpty();
        assertThat(world.rows()).isEmpty();
        // Refused before the queue: one reply, never a status message that waits or says it creates.
        assertThat(world.botMessages()).hasSize(1);
        assertThat(world.botTexts()).doesNotContain("Creating your voice channel").doesNotContain("queued");
    }

    @Test
    @DisplayName("Discord refusing the create with 50013: a reply naming what is missing, nothing left behind")
    void discordRefusesCreate() {
        world = new VoiceWorld(dir);
        world.start();
        world.control.faults().failNext("POST", "guilds/{guild_id}/channels", 1, 403, 50013);

        world.say(world.alice, "!voice");

        world.awaitBotText("I cannot create your voice channel: I am missing");
        await().until(() -> world.host.queue().entries().isEmpty());
        assertThat(world.sessionChannel(world.alice)).isEmpty();
        assertThat(world.activeRows()).isEmpty();
        assertThat(world.rows()).allSatisfy(row -> assertThat(row.channelDeletedAt()).isNotBlank());
    }

    @Test
    @DisplayName("a database error during creation: the user is told, no channel, no row, slot freed")
    void databaseErrorDuringCreation() {
        world = new VoiceWorld(dir);
        world.start();
        world.sql("ALTER TABLE voice_sessions RENAME TO voice_sessions_away");

        world.say(world.alice, "!voice");

        world.awaitBotText("database error");
        await().until(() -> world.host.queue().entries().isEmpty());
        assertThat(world.sessionChannel(world.alice)).isEmpty();
        world.sql("ALTER TABLE voice_sessions_away RENAME TO voice_sessions");
        assertThat(world.rows()).isEmpty();
        assertThat(world.control.requestLog("POST", "guilds/{guild_id}/channels")).as("nothing created").isEmpty();
    }

    @Test
    @DisplayName("a moderator deleting the channel ends the session with 'channel_deleted'")
    void channelDeletedByModerator() {
        world = new VoiceWorld(dir);
        world.start();
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);

        world.control.moderatorDeletesChannel(channel.id());

        StoredSession row = world.awaitEnded(world.alice);
        assertThat(row.endReason()).isEqualTo("channel_deleted");
        assertThat(row.channelDeletedAt()).isNotBlank();
        await().until(() -> world.host.queue().entries().isEmpty());
    }

    @Test
    @DisplayName("the bot kicked from voice reconnects and the session goes on")
    void botKickedReconnects() {
        world = new VoiceWorld(dir);
        world.start();
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);

        world.control.disconnectBotFromVoice(world.guild.id());

        await().atMost(Duration.ofSeconds(20)).until(() -> world.botInVoice(channel.id())
                && world.control.botVoiceConnection(world.guild.id()).state() == VoiceConnectionState.CONNECTED);
        assertThat(world.emulator.gatewayRateLimit().received(4)).as("the join, then the rejoin").hasSizeGreaterThanOrEqualTo(2);
        assertThat(world.latestRow(world.alice).orElseThrow().active()).isTrue();
    }

    @Test
    @DisplayName("the bot removed from voice as its connection completes, before the plugin has seen it, gets back"
            + " in (or the session ends): never a live session without the bot")
    void botKickedWhileConnecting() {
        world = new VoiceWorld(dir);
        world.start();
        world.say(world.alice, "!voice");
        Channel channel = world.awaitSessionChannel(world.alice);
        // Removing the bot as soon as the voice server has the connection up can land before the plugin has
        // acted on JDA's CONNECTED.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1)).until(() ->
                world.control.botVoiceConnection(world.guild.id()).state() == VoiceConnectionState.CONNECTED);
        world.control.disconnectBotFromVoice(world.guild.id());

        await().atMost(Duration.ofSeconds(20)).until(() -> settled(channel.id()));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> settled(channel.id()));
    }

    /** The bot is back in the live session's channel and the user is told to join, or the session ended. */
    private boolean settled(long channelId) {
        StoredSession row = world.latestRow(world.alice).orElseThrow();
        if (!row.active()) {
            return !world.channelExists(channelId);
        }
        return world.botInVoice(channelId) && world.botTexts().contains("Join <#" + channelId + ">");
    }

    @Test
    @DisplayName("a session that ends while the gateway has no session leaves voice once it is back, then deletes"
            + " the channel")
    void cleanupWhileGatewayReidentifies() {
        world = new VoiceWorld(dir);
        world.startWith("    timeout: 3s");
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);
        JDA shard = world.host.discord().shards().getFirst();

        // The gateway drops without resume and Discord is slow to start the new session: JDA is connected,
        // its guild cache empty. The join timer fires meanwhile.
        world.control.holdIdentify();
        world.control.dropGateway(false);
        await().atMost(Duration.ofSeconds(15)).until(() -> shard.getStatus() == JDA.Status.AWAITING_LOGIN_CONFIRMATION);
        // The join timer (3 s) fires meanwhile; the channel waits for the bot to leave first, which it cannot
        // while the gateway has no session.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> world.channelExists(channel.id()));
        assertThat(world.control.requestLog("DELETE", "channels/{channel_id}")).isEmpty();

        world.control.releaseIdentify();

        StoredSession row = world.awaitEnded(world.alice);
        assertThat(row.endReason()).isEqualTo("timeout");
        assertThat(row.channelDeletedAt()).isNotBlank();
        assertThat(world.channelExists(channel.id())).isFalse();
        await().until(() -> world.host.queue().entries().isEmpty());
        await().atMost(Duration.ofSeconds(15)).until(() -> world.control.voiceState(world.guild.id(), world.botId()).isEmpty()
                && !shard.getGuildById(world.guild.id()).getAudioManager().isConnected());
        assertThat(shard.getStatus()).isEqualTo(JDA.Status.CONNECTED);
    }

    @Test
    @DisplayName("the bot kicked from voice that cannot get back ends the session with 'voice_lost'")
    void botKickedVoiceLost() {
        world = new VoiceWorld(dir);
        world.startWith("    reconnectAttempts: 1\n    connectTimeout: 2s");
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);

        world.control.setVoiceUnreachable(true);
        world.control.disconnectBotFromVoice(world.guild.id());

        StoredSession row = world.awaitEnded(world.alice);
        assertThat(row.endReason()).isEqualTo("voice_lost");
        assertThat(world.channelExists(channel.id())).isFalse();
    }

    @Test
    @DisplayName("the bot removed from the guild ends the session with 'bot_removed' and frees the slot")
    void botRemoved() {
        world = new VoiceWorld(dir);
        world.start();
        world.say(world.alice, "!voice");
        world.awaitConnectedSession(world.alice);

        world.control.removeBotFromGuild(world.guild.id());

        StoredSession row = world.awaitEnded(world.alice);
        assertThat(row.endReason()).isEqualTo("bot_removed");
        assertThat(row.channelDeletedAt()).as("flagged until the bot is back").isNull();
        await().until(() -> world.host.queue().entries().isEmpty());
    }
}
