package dev.voicesession.voice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.rest.RequestHold;
import dev.voicesession.voice.testing.StoredSession;
import dev.voicesession.voice.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
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
class VoiceRestartIT {

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
    @DisplayName("6a. the host stops without cleanup and starts again: the orphaned session and channel are cleaned")
    void restartCleansOrphans() {
        Channel other = world.control.createVoiceChannel(world.guild.id(), "Voice-alice", world.category.id());
        world.start();
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);

        world.host.stopWithoutCleanup();
        assertThat(world.channelExists(channel.id())).isTrue();
        assertThat(world.latestRow(world.alice).orElseThrow().active()).isTrue();

        world.start();

        assertThat(world.channelExists(channel.id())).isFalse();
        StoredSession row = world.latestRow(world.alice).orElseThrow();
        assertThat(row.endReason()).isEqualTo("orphan");
        assertThat(row.channelDeletedAt()).isNotBlank();
        assertThat(world.channelExists(other.id())).as("a channel with a look-alike name is not touched").isTrue();
        assertThat(world.control.requestLog("DELETE", "channels/{channel_id}")).as("the orphan deleted once")
                .singleElement().satisfies(delete -> assertThat(delete.path()).endsWith("/" + channel.id()));
        // The user's status message, last seen saying "join", now says the session ended.
        await().atMost(Duration.ofSeconds(10)).until(() -> world.botMessages().stream()
                .filter(texts -> texts.stream().anyMatch(t -> t.contains("Join <#" + channel.id() + ">")))
                .allMatch(texts -> texts.getLast().equals("Voice session ended: the bot restarted.")));
        assertThat(world.botMessages()).as("one status message, edited in place").hasSize(1);
    }

    @Test
    @DisplayName("6b. a crash between the channel's creation and its recording leaves nothing a restart cannot find")
    void crashBetweenCreateAndRecord() {
        world.start();
        // The channel exists on Discord's side, but its answer has not reached the bot when it dies.
        RequestHold create = world.control.faults().hold("POST", "guilds/{guild_id}/channels", RequestHold.Phase.AFTER);
        world.say(world.alice, "!voice");
        await().until(create::hasArrived);

        world.host.stopWithoutCleanup();
        create.release();
        Channel created = world.awaitSessionChannel(world.alice);
        world.control.faults().clear();
        StoredSession claim = world.latestRow(world.alice).orElseThrow();
        assertThat(claim.state()).isEqualTo("creating");
        assertThat(claim.channelId()).isZero();

        world.start();

        assertThat(world.channelExists(created.id())).isFalse();
        StoredSession row = world.latestRow(world.alice).orElseThrow();
        assertThat(row.active()).isFalse();
        assertThat(row.channelDeletedAt()).isNotBlank();
        assertThat(world.activeRows()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> world.botMessages().size() == 1
                && world.botMessages().getFirst().getLast().equals("Voice session ended: the bot restarted."));
    }
}
