package dev.voicesession.voice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.model.Channel;
import dev.voicesession.voice.testing.StoredSession;
import dev.voicesession.voice.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class VoiceLifecycleIT {

    @Parameter
    TestDatabase.Kind kind;

    @TempDir
    Path dir;

    private VoiceWorld world;

    @BeforeEach
    void setUp() {
        world = new VoiceWorld(dir, kind);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    @DisplayName("2. the user never joins: at the (short) timeout the channel is deleted, ended_at and reason set")
    void timeout() {
        world.startWith("    timeout: 2s");
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);
        assertThat(world.botTexts()).contains("within 2 s");

        StoredSession row = world.awaitEnded(world.alice);

        assertThat(row.endReason()).isEqualTo("timeout");
        assertThat(row.endedAt()).isNotBlank();
        assertThat(row.channelDeletedAt()).isNotBlank();
        assertThat(world.channelExists(channel.id())).isFalse();
        await().until(() -> !world.botInVoice(channel.id()));
        assertThat(world.control.requestLog("DELETE", "channels/{channel_id}")).as("one delete").hasSize(1);
        world.awaitBotText("Voice session ended: you did not join in time.");
        assertThat(world.host.queue().entries()).isEmpty();
    }

    @Test
    @DisplayName("3. the user joins within the timeout: timer cancelled, session active, no ended_at")
    void joinWithinTimeout() {
        world.startWith("    timeout: 3s");
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);

        world.joinVoice(world.alice, channel.id());

        world.awaitBotText("Voice session active in <#" + channel.id() + ">");
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6))
                .until(() -> world.channelExists(channel.id()));
        assertThat(world.latestRow(world.alice).orElseThrow().active()).isTrue();
        assertThat(world.control.requestLog("DELETE", "channels/{channel_id}")).as("no delete").isEmpty();
        assertThat(world.botInVoice(channel.id())).isTrue();
    }

    @Test
    @DisplayName("4. the user leaves after joining: channel deleted and row ended promptly, bot disconnected")
    void leaveAfterJoining() {
        world.start();
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);
        world.joinVoice(world.alice, channel.id());
        world.awaitBotText("Voice session active");

        world.control.userLeavesVoice(world.guild.id(), world.alice.userId());

        StoredSession row = world.awaitEnded(world.alice);
        assertThat(row.endReason()).isEqualTo("user_left");
        assertThat(world.channelExists(channel.id())).isFalse();
        await().until(() -> world.control.voiceState(world.guild.id(), world.botId()).isEmpty());
    }

    @Test
    @DisplayName("'!voice' sent as soon as 'Voice session ended' shows waits for the last cleanup step and starts a"
            + " new session, instead of asking the user to try again")
    void voiceAgainRightAfterEnded() throws SQLException {
        world.start();
        world.say(world.alice, "!voice");
        Channel first = world.awaitConnectedSession(world.alice);
        world.joinVoice(world.alice, first.id());
        world.awaitBotText("Voice session active");

        // Another connection holds the write lock, so the last step (ending the row) waits behind it while the
        // user already sees the session as ended.
        try (Connection lock = world.openConnection()) {
            try (Statement st = lock.createStatement()) {
                world.lockWrites(st);
            }
            world.control.userLeavesVoice(world.guild.id(), world.alice.userId());
            world.awaitBotText("Voice session ended: you left the channel.");
            int dispatched = world.control.gatewayDispatches("MESSAGE_CREATE").size();
            int replies = world.botMessages().size();
            world.say(world.alice, "!voice");
            // The command reaches the bot, which waits for the previous session's last step: no "try again".
            await().atMost(Duration.ofSeconds(4))
                    .until(() -> world.control.gatewayDispatches("MESSAGE_CREATE").size() > dispatched);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> world.botMessages().size() == replies);
            assertThat(world.latestRow(world.alice).orElseThrow().active())
                    .as("the previous row is still being ended while the new request arrives").isTrue();
            try (Statement st = lock.createStatement()) {
                st.execute("ROLLBACK");
            }
        }

        Channel second = world.awaitConnectedSession(world.alice);
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(world.rows()).hasSize(2);
        assertThat(world.rows().getFirst().endReason()).isEqualTo("user_left");
        assertThat(world.botTexts()).doesNotContain("try again in a moment");
    }

    @Test
    @DisplayName("a move out of the channel counts as leaving")
    void moveOutCountsAsLeaving() {
        world.start();
        Channel lobby = world.control.createVoiceChannel(world.guild.id(), "Lobby");
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);
        world.joinVoice(world.alice, channel.id());
        world.awaitBotText("Voice session active");

        world.control.userMovesVoice(world.guild.id(), world.alice.userId(), lobby.id());

        assertThat(world.awaitEnded(world.alice).endReason()).isEqualTo("user_left");
        assertThat(world.channelExists(lobby.id())).as("no other channel is touched").isTrue();
    }

    @Test
    @DisplayName("5a. '!voice close' ends the session at once")
    void closeByCommand() {
        world.start();
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);

        world.say(world.alice, "!voice close");

        assertThat(world.awaitEnded(world.alice).endReason()).isEqualTo("closed");
        assertThat(world.channelExists(channel.id())).isFalse();
        world.awaitBotText("Your voice session is closed.");
        world.awaitBotText("Voice session ended: you closed it.");
    }

    @Test
    @DisplayName("5b. '/voice start' and '/voice close' do the same as slash commands")
    void closeBySlashCommand() {
        world.start();
        world.control.userRunsSlashCommand(world.guild.id(), world.text.id(), world.alice.userId(), "voice start", Map.of());
        Channel channel = world.awaitConnectedSession(world.alice);

        world.control.userRunsSlashCommand(world.guild.id(), world.text.id(), world.alice.userId(), "voice close", Map.of());

        assertThat(world.awaitEnded(world.alice).endReason()).isEqualTo("closed");
        assertThat(world.channelExists(channel.id())).isFalse();
    }

    @Test
    @DisplayName("a session reaching the maximum length ends with 'max_length'")
    void maxLength() {
        world.startWith("    maxSessionLength: 3s");
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);
        world.joinVoice(world.alice, channel.id());

        assertThat(world.awaitEnded(world.alice).endReason()).isEqualTo("max_length");
        assertThat(world.channelExists(channel.id())).isFalse();
    }

    @Test
    @DisplayName("a join landing at the moment of expiry has exactly one outcome")
    void joinAtExpiry() {
        world.startWith("    timeout: 2s");
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);
        // awaitConnectedSession saw the join prompt, shown as the join timer started.

        try (ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor()) {
            timer.schedule(() -> world.joinVoice(world.alice, channel.id()), 2000, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(15)).until(() -> outcomes(channel.id()) > 0);
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> outcomes(channel.id()) == 1);

        boolean expired = !world.latestRow(world.alice).orElseThrow().active();
        assertThat(outcomes(channel.id())).as("exactly one outcome").isEqualTo(1);
        if (expired) {
            assertThat(world.awaitEnded(world.alice).endReason()).isEqualTo("timeout");
            assertThat(world.channelExists(channel.id())).isFalse();
        } else {
            assertThat(world.latestRow(world.alice).orElseThrow().active()).isTrue();
            assertThat(world.channelExists(channel.id())).isTrue();
        }
    }

    @Test
    @DisplayName("an orderly shutdown ends every session with 'shutdown' and deletes its channel")
    void shutdown() {
        world.start();
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);

        world.host.stop();

        StoredSession row = world.latestRow(world.alice).orElseThrow();
        assertThat(row.endReason()).isEqualTo("shutdown");
        assertThat(row.channelDeletedAt()).isNotBlank();
        assertThat(world.channelExists(channel.id())).isFalse();
    }

    /**
     * The outcomes the user can see for the session in {@code channelId}: ended by the timer (row ended 'timeout'),
     * or active (the status says so and the row is open). Exactly one of them may ever hold.
     */
    private int outcomes(long channelId) {
        StoredSession row = world.latestRow(world.alice).orElseThrow();
        int expired = !row.active() && "timeout".equals(row.endReason()) ? 1 : 0;
        int active = row.active() && world.botTexts().contains("Voice session active in <#" + channelId + ">") ? 1 : 0;
        return expired + active;
    }
}
