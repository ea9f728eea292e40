package dev.voicesession.voice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.model.Channel;
import dev.voicesession.voice.testing.StoredSession;
import dev.voicesession.voice.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginState;

/**
 * The voice plugin stopped while the host runs ends its sessions through its own shutdown path and
 * stops answering; started again, it serves {@code !voice} as before.
 */
class VoicePluginRunTimeIT {

    @TempDir
    Path dir;

    private VoiceWorld world;

    @BeforeEach
    void setUp() {
        world = new VoiceWorld(dir, TestDatabase.Kind.SQLITE);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    @Test
    @DisplayName("stopPlugin(voice): the session ends (shutdown), channel gone, !voice unanswered; startPlugin: !voice works")
    void stopAndStartAtRunTime() {
        world.start();
        world.say(world.alice, "!voice");
        Channel first = world.awaitConnectedSession(world.alice);

        assertThat(world.host.pluginManager().stopPlugin("voice")).isEqualTo(PluginState.STOPPED);

        StoredSession ended = world.awaitEnded(world.alice);
        assertThat(ended.endReason()).isEqualTo("shutdown");
        assertThat(world.channelExists(first.id())).isFalse();
        assertThat(world.control.voiceState(world.guild.id(), world.botId())).isEmpty();
        int messagesBefore = world.botMessages().size();
        world.say(world.bob, "!voice");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(world.sessionChannel(world.bob)).isEmpty();
        assertThat(world.botMessages()).hasSize(messagesBefore);

        assertThat(world.host.pluginManager().startPlugin("voice")).isEqualTo(PluginState.STARTED);

        world.say(world.bob, "!voice");
        Channel second = world.awaitConnectedSession(world.bob);
        assertThat(world.activeRows()).extracting(StoredSession::userId).containsExactly(world.bob.userId());
        assertThat(second.id()).isNotEqualTo(first.id());
    }
}
