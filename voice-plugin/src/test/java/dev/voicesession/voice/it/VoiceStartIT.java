package dev.voicesession.voice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.model.Channel;
import dev.voicesession.voice.testing.StoredSession;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceStartIT {

    private static final long VIEW = 1L << 10;
    private static final long CONNECT = 1L << 20;
    private static final long SPEAK = 1L << 21;

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
    @DisplayName("1. '!voice': a private channel in the category, the bot connected in it, a row with created_at")
    void startCreatesPrivateChannel() {
        world.say(world.alice, "!voice");

        Channel channel = world.awaitSessionChannel(world.alice);
        await().atMost(Duration.ofSeconds(20)).until(() -> world.botInVoice(channel.id()));
        await().atMost(Duration.ofSeconds(20)).until(() -> world.botTexts().contains("within 60 s"));

        assertThat(channel.parentId()).isEqualTo(world.category.id());
        assertThat(channel.name()).isEqualTo("Voice-alice");
        assertThat(world.control.requestLog("GET", "users/{user_id}"))
                .as("the name comes from the command, not from a user lookup").isEmpty();
        assertThat(world.control.effectivePermissions(channel.id(), world.alice.userId()) & (VIEW | CONNECT | SPEAK))
                .isEqualTo(VIEW | CONNECT | SPEAK);
        assertThat(world.control.effectivePermissions(channel.id(), world.botId()) & (VIEW | CONNECT | SPEAK))
                .isEqualTo(VIEW | CONNECT | SPEAK);
        assertThat(world.control.effectivePermissions(channel.id(), world.bob.userId()) & (VIEW | CONNECT)).isZero();
        assertThat(channel.overwrite(world.guild.id())).hasValueSatisfying(everyone -> {
            assertThat(everyone.deny() & (VIEW | CONNECT)).isEqualTo(VIEW | CONNECT);
            assertThat(everyone.allow()).isZero();
        });
        StoredSession row = world.latestRow(world.alice).orElseThrow();
        assertThat(row.channelId()).isEqualTo(channel.id());
        assertThat(row.createdAt()).isNotBlank();
        assertThat(row.active()).isTrue();
        assertThat(world.botTexts()).contains("Creating your voice channel...").contains("Join <#" + channel.id() + "> within 60 s.");
        assertThat(world.control.requestLog("POST", "guilds/{guild_id}/channels")).as("one channel created")
                .hasSize(1);
    }

    @Test
    @DisplayName("a second '!voice' while active points to the channel and is not queued")
    void secondRequestWhileActive() {
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);

        world.say(world.alice, "!voice");

        world.awaitBotText("You already have a voice session: <#" + channel.id() + ">.");
        assertThat(world.host.queue().entries()).hasSize(1);
        assertThat(world.rows()).hasSize(1);
    }

    @Test
    @DisplayName("two users, one slot: the second is queued and served after the first ends")
    void twoUsersOneSlot() {
        world.say(world.alice, "!voice");
        Channel first = world.awaitConnectedSession(world.alice);

        world.say(world.bob, "!voice");
        world.awaitBotText("Voice request queued, position 1.");
        assertThat(world.sessionChannel(world.bob)).isEmpty();

        world.say(world.alice, "!voice close");

        Channel second = world.awaitConnectedSession(world.bob);
        assertThat(world.channelExists(first.id())).isFalse();
        assertThat(second.name()).isEqualTo("Voice-bob");
        assertThat(world.latestRow(world.alice).orElseThrow().endReason()).isEqualTo("closed");
        assertThat(world.latestRow(world.bob).orElseThrow().active()).isTrue();
    }

    @Test
    @DisplayName("a guild without voice enabled in config gets a clear reply; nothing is queued or created")
    void guildDisabled() {
        var other = world.control.createGuild("other");
        var text = world.control.createTextChannel(other.id(), "general");
        var carol = world.control.addMember(other.id(), "carol");
        await().until(() -> world.host.discord().guild(other.id()).isPresent());

        world.control.userSendsMessage(text.id(), carol.userId(), "!voice");

        await().until(() -> world.control.messages(text.id()).stream()
                .anyMatch(m -> m.authorId() == world.botId() && m.content().contains("not enabled in this server")));
        assertThat(world.host.queue().entries()).isEmpty();
        assertThat(world.control.channels(other.id())).hasSize(1);
        assertThat(world.rows()).isEmpty();
    }
}
