package dev.voicesession.voice.reliability.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.rest.RequestHold;
import dev.voicesession.voice.testing.StoredSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the real host (a child process) in the middle of a session: the shutdown hook ends every
 * session with reason {@code shutdown}, deletes its channel and leaves voice within the plugin's
 * shutdown deadline, and the process exits. A restart then finds nothing to reconcile.
 */
class ShutdownSignalIT {

    /** The plugin's {@code shutdownDeadline} in {@link ProcessWorld#VOICE_DEFAULTS}. */
    private static final Duration PLUGIN_DEADLINE = Duration.ofSeconds(10);
    /** The host's {@code bot.shutdownDeadline}: the whole shutdown, JDA included. */
    private static final Duration HOST_DEADLINE = Duration.ofSeconds(15);

    private static final RunLog RUNS = new RunLog("shutdown-signal");

    @TempDir
    Path dir;

    private ProcessWorld world;

    @BeforeEach
    void setUp() {
        world = new ProcessWorld(dir);
        world.writeConfig("");
        world.startHost();
    }

    @AfterEach
    void tearDown() {
        RUNS.startups(world.startups());
        world.close();
    }

    @AfterAll
    static void figures() {
        RUNS.write(List.of("Plugin shutdown deadline " + PLUGIN_DEADLINE.toSeconds() + " s, host deadline "
                + HOST_DEADLINE.toSeconds() + " s"));
    }

    @Test
    @DisplayName("SIGTERM with an active session and a queued request: the session ends 'shutdown' in time")
    void activeSession() {
        Driver d = new Driver(world, Trigger.manual("(none)"));
        d.activeSession(world.alice);
        d.say(world.bob, "!voice");
        d.awaitText("Voice request queued, position");
        Channel channel = world.sessionChannel(world.alice).orElseThrow();

        terminateAndCheck("SIGTERM, session active, one request queued", channel);

        assertThat(world.botTextsSince(0))
                .contains("Voice session ended: the bot is shutting down.")
                .contains("The bot is shutting down; your voice request was cancelled.");
    }

    @Test
    @DisplayName("SIGTERM while the bot waits for the user to join: the session ends 'shutdown' in time")
    void waitingForUser() {
        Driver d = new Driver(world, Trigger.manual("(none)"));
        d.say(world.alice, "!voice");
        d.awaitText("Join <#");
        Channel channel = world.sessionChannel(world.alice).orElseThrow();

        terminateAndCheck("SIGTERM, session waiting for its user", channel);
    }

    @Test
    @DisplayName("SIGTERM while Discord is still creating the channel: the late channel is deleted too")
    void channelCreationInFlight() throws InterruptedException {
        RequestHold hold = world.emulator.faults().hold("POST", KillPoint.CHANNELS, RequestHold.Phase.BEFORE);
        world.say(world.alice, "!voice");
        assertThat(hold.awaitArrival(Driver.STEP_TIMEOUT)).isTrue();
        world.host.signalTerminate();
        hold.release();

        terminateAndCheck("SIGTERM, channel creation in flight", null);
    }

    @Test
    @DisplayName("SIGTERM with Discord answering slowly (1 s per delete): still within the deadline")
    void slowDiscord() {
        Driver d = new Driver(world, Trigger.manual("(none)"));
        d.activeSession(world.alice);
        Channel channel = world.sessionChannel(world.alice).orElseThrow();
        world.emulator.faults().latency("DELETE", KillPoint.CHANNEL, Duration.ofSeconds(1));

        terminateAndCheck("SIGTERM, session active, channel deletion takes 1 s", channel);
    }

    private void terminateAndCheck(String fault, Channel channel) {
        long sent = System.nanoTime();
        int status = world.host.terminate(HOST_DEADLINE.plusSeconds(5));
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        world.emulator.faults().clear();

        // 143 is the JVM's status for SIGTERM; 0 if Main's System.exit(0) got there first
        assertThat(status).as("exit status").isIn(0, 143);
        assertThat(took).as("time from SIGTERM to exit").isLessThan(HOST_DEADLINE);
        List<StoredSession> rows = world.rows.all();
        assertThat(rows).hasSize(1);
        StoredSession row = rows.getFirst();
        assertThat(row.endReason()).isEqualTo("shutdown");
        assertThat(row.channelDeletedAt()).isNotNull();
        assertThat(world.pluginChannels()).isEmpty();
        if (channel != null) {
            assertThat(world.control.channel(channel.id())).isEmpty();
        }
        assertThat(world.botVoiceChannel()).isEmpty();

        int deletes = world.control.requestLog("DELETE", "channels/{channel_id}").size();
        world.startHost();
        // The shutdown left nothing behind, so the next start's reconciliation has nothing to end or delete.
        assertThat(world.control.requestLog("DELETE", "channels/{channel_id}")).as("deletes at the next start")
                .hasSize(deletes);
        assertThat(world.rows.all()).as("rows at the next start").isEqualTo(rows);
        List<String> violations = world.violationsAtRest();
        RUNS.add(new RunLog.Entry(fault, "exit " + status + " " + took.toMillis() + " ms after SIGTERM, reason '"
                + row.endReason() + "'", violations, took));
        assertThat(violations).isEmpty();
    }
}
