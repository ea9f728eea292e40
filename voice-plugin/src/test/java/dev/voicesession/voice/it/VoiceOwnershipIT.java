package dev.voicesession.voice.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.core.GuildService;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.voice.testing.StoredSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, points 1 to 4, and issue 11's cooldown, through the real JDA client against the emulator: the
 * session is its user's; a channel a moderator deletes with the user inside; the bot removed and added back;
 * refusals before the queue. Members other than the user get into the private channel as Discord allows:
 * an administrator by joining, anyone else by a moderator's move.
 */
class VoiceOwnershipIT {

    private static final long ADMINISTRATOR = 1L << 3;
    private static final Duration SOON = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private VoiceWorld world;

    @BeforeEach
    void setUp() {
        world = new VoiceWorld(dir);
    }

    @AfterEach
    void tearDown() {
        world.close();
    }

    /** Starts alice's session and has her join it; returns the channel. */
    private Channel aliceActive() {
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);
        world.joinVoice(world.alice, channel.id());
        world.awaitBotText("Voice session active in <#" + channel.id() + ">");
        return channel;
    }

    private Member admin() {
        long role = world.control.createRole(world.guild.id(), "admins", ADMINISTRATOR).id();
        return world.control.addMember(world.guild.id(), "admin", role);
    }

    /** The bot's status message in the text channel that mentions the channel: alice's. */
    private List<String> statusHistory(long channelId) {
        return world.control.messages(world.text.id()).stream()
                .filter(m -> m.authorId() == world.botId())
                .map(Message::contentHistory)
                .filter(history -> history.stream().anyMatch(text -> text.contains("<#" + channelId + ">")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    @DisplayName("1. the user leaves while an admin and a member a moderator moved in stay: 'user_left', channel"
            + " deleted, bot gone, slot free")
    void sessionEndsWithItsUser() {
        Member admin = admin();
        world.start();
        Channel lobby = world.control.createVoiceChannel(world.guild.id(), "lobby");
        Channel channel = aliceActive();
        world.joinVoice(admin, channel.id());
        world.joinVoice(world.bob, lobby.id());
        world.control.moderatorMovesMember(world.guild.id(), admin.userId(), world.bob.userId(), channel.id());
        await().atMost(SOON).until(() -> world.control.voiceState(world.guild.id(), world.bob.userId())
                .map(v -> v.channelId() == channel.id()).orElse(false));

        world.control.userMovesVoice(world.guild.id(), world.alice.userId(), lobby.id());

        StoredSession row = world.awaitEnded(world.alice);
        assertThat(row.endReason()).isEqualTo("user_left");
        await().atMost(SOON).until(() -> !world.channelExists(channel.id()));
        await().atMost(SOON).until(() -> !world.botInVoice(channel.id()));
        world.awaitBotText("Voice session ended: you left the channel.");
        await().atMost(SOON).until(() -> world.host.queue().entries().isEmpty());
    }

    @Test
    @DisplayName("1. someone else in the channel neither starts nor keeps the session: a member moved in before the"
            + " user does not activate it, and it times out")
    void nobodyElseStartsIt() {
        Member admin = admin();
        world.startWith("    timeout: 3s");
        world.say(world.alice, "!voice");
        Channel channel = world.awaitConnectedSession(world.alice);

        world.joinVoice(admin, channel.id());

        StoredSession row = world.awaitEnded(world.alice);
        assertThat(row.endReason()).isEqualTo("timeout");
        assertThat(world.botTexts()).doesNotContain("Voice session active");
    }

    @Test
    @DisplayName("2. a moderator deletes the channel with the user inside: 'channel_deleted', the status says so,"
            + " and no request is sent for the gone channel")
    void moderatorDeletesTheChannel() {
        world.start();
        Channel channel = aliceActive();
        world.control.clearTrafficLogs();

        world.control.moderatorDeletesChannel(channel.id());

        StoredSession row = world.awaitEnded(world.alice);
        assertThat(row.endReason()).isEqualTo("channel_deleted");
        assertThat(row.channelDeletedAt()).isNotBlank();
        world.awaitBotText("Voice session ended: the channel was deleted.");
        assertThat(statusHistory(channel.id())).last().isEqualTo("Voice session ended: the channel was deleted.");
        // The row is ended last, so every request the cleanup sends has been sent by now.
        List<RequestLogEntry> forChannel = world.control.requestLog().stream()
                .filter(r -> r.path().contains("/channels/" + channel.id()))
                .toList();
        assertThat(forChannel).as("requests about the deleted channel").isEmpty();
    }

    @Test
    @DisplayName("3. the bot is removed mid-session, then added back: the leftover channel is deleted,"
            + " channel_deleted_at set, and the status message says how the session ended")
    void botRemovedThenAddedBack() {
        world.start();
        Channel channel = aliceActive();

        world.control.removeBotFromGuild(world.guild.id());

        StoredSession ended = world.awaitEnded(world.alice);
        assertThat(ended.endReason()).isEqualTo("bot_removed");
        assertThat(ended.channelDeletedAt()).isNull();
        assertThat(world.channelExists(channel.id())).isTrue();

        world.control.addBotToGuild(world.guild.id(), GuildService.DEFAULT_BOT_PERMISSIONS);

        await().atMost(SOON).until(() -> !world.channelExists(channel.id()));
        await().atMost(SOON).until(() -> world.latestRow(world.alice).orElseThrow().channelDeletedAt() != null);
        await().atMost(SOON).until(() -> statusHistory(channel.id()).getLast()
                .equals("Voice session ended: the bot was removed from the server."));
    }

    @Test
    @DisplayName("4. in a guild where the bot lacks Manage Channels, '!voice' is refused at once with one reply,"
            + " while another guild's session holds the only slot; a free slot shows no position")
    void refusedBeforeTheQueue() {
        Guild other = world.control.createGuild("no-manage",
                GuildService.DEFAULT_BOT_PERMISSIONS & ~VoiceWorld.MANAGE_CHANNELS);
        Channel otherText = world.control.createTextChannel(other.id(), "general");
        Member carol = world.control.addMember(other.id(), "carol");
        world.start(twoGuilds(other, "true", "0s"), 1);

        Channel channel = aliceActive();
        assertThat(statusHistory(channel.id())).first().isEqualTo("Creating your voice channel...");
        assertThat(world.botTexts()).doesNotContain("queued");

        world.control.userSendsMessage(otherText.id(), carol.userId(), "!voice");

        await().atMost(SOON).until(() -> !botMessages(otherText.id()).isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> botMessages(otherText.id()).size() == 1);
        List<String> history = botMessages(otherText.id()).getFirst();
        assertThat(history).hasSize(1);
        assertThat(history.getFirst()).startsWith("I cannot create your voice channel: I am missing Manage Channels");
        assertThat(world.host.queue().entries()).hasSize(1)
                .allSatisfy(entry -> assertThat(entry.userId()).isEqualTo(world.alice.userId()));
    }

    @Test
    @DisplayName("issue 11: a '!voice' refused because voice is off in the guild does not start the cooldown")
    void refusalDoesNotStartTheCooldown() {
        Guild other = world.control.createGuild("voice-off");
        Channel otherText = world.control.createTextChannel(other.id(), "general");
        Member carol = world.control.addMember(other.id(), "carol");
        world.start(twoGuilds(other, "false", "5s"), 1);

        world.control.userSendsMessage(otherText.id(), carol.userId(), "!voice");
        await().atMost(SOON).until(() -> botMessages(otherText.id()).size() == 1);
        world.control.userSendsMessage(otherText.id(), carol.userId(), "!voice");
        await().atMost(SOON).until(() -> botMessages(otherText.id()).size() == 2);

        assertThat(botMessages(otherText.id())).extracting(List::getFirst).containsExactly(
                "Voice sessions are not enabled in this server.", "Voice sessions are not enabled in this server.");

        // In the enabled guild the cooldown still counts a request that was queued.
        world.say(world.alice, "!voice");
        world.awaitSessionChannel(world.alice);
        world.say(world.alice, "!voice close");
        world.awaitEnded(world.alice);
        world.say(world.alice, "!voice");
        world.awaitBotText("is on cooldown for you");
    }

    private List<List<String>> botMessages(long channelId) {
        return world.control.messages(channelId).stream()
                .filter(m -> m.authorId() == world.botId())
                .map(Message::contentHistory)
                .toList();
    }

    /** The voice section with the world's guild enabled and {@code other} enabled or not. */
    private String twoGuilds(Guild other, String otherEnabled, String cooldown) {
        return """
                  voice:
                    enabled: true
                    connectTimeout: 10s
                    startCooldown: %s
                    guilds:
                      "%d":
                        enabled: true
                        category: "%d"
                      "%d":
                        enabled: %s
                """.formatted(cooldown, world.guild.id(), world.category.id(), other.id(), otherEnabled);
    }
}
