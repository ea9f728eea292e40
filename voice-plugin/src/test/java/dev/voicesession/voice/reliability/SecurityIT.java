package dev.voicesession.voice.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.voice.db.VoiceSessionMapper;
import dev.voicesession.voice.reliability.Invariants.Ask;
import dev.voicesession.voice.reliability.ReliabilityWorld.Space;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security: voice is gated per guild on every command path; the admin commands are refused without Manage
 * Channels; a user spamming {@code !voice} gets one session and cooldown replies; the channel is private,
 * proven by the effective permissions of another member, a member with a role and {@code @everyone}; and
 * every SQL statement takes its values as bound parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {

    private ReliabilityWorld world;
    private Driver driver;
    private Space enabled;
    private Space other;
    private Space disabled;
    private Member regular;

    @BeforeAll
    void start(@TempDir Path dir) {
        world = new ReliabilityWorld(dir, new ReliabilityWorld.Settings().guilds(2).disabledGuilds(1).usersPerGuild(6)
                .voice("timeout", "20s").voice("startCooldown", "5s"));
        enabled = world.space(0);
        other = world.space(1);
        disabled = world.space(2);
        long regulars = world.control.createRole(enabled.id(), "regulars",
                ReliabilityWorld.VIEW_CHANNEL | ReliabilityWorld.CONNECT | ReliabilityWorld.SPEAK
                        | ReliabilityWorld.SEND_MESSAGES).id();
        regular = world.control.addMember(enabled.id(), "regular", regulars);
        world.startHost();
        driver = new Driver(world);
    }

    @AfterEach
    void endSessions() {
        assertThat(driver.endEverything(Driver.SETTLE)).isEmpty();
        driver.forgetAsks();
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @DisplayName("every command path in a guild without voice says so and starts nothing")
    void perGuildGating() {
        Member user = disabled.user(0);
        Member moderator = disabled.moderator();
        List<Message> commands = List.of(
                driver.say(disabled, user, "!voice"),
                driver.say(disabled, user, "!voice close"),
                driver.say(disabled, moderator, "!voice sessions"),
                driver.say(disabled, moderator, "!voice end <@" + user.userId() + ">"),
                driver.say(disabled, moderator, "!voice cleanup"));
        for (Message command : commands) {
            await().atMost(Duration.ofSeconds(10)).until(() -> world.repliesTo(command.id()).size() == 1);
            assertThat(text(world.repliesTo(command.id()).getFirst())).as("reply to '%s'", command.content())
                    .isEqualTo("Voice sessions are not enabled in this server.");
        }
        // Another user: the first is on the !voice cooldown now, which the host checks before the command runs.
        var slash = world.control.userRunsSlashCommand(disabled.id(), disabled.text().id(), disabled.user(1).userId(),
                "voice start", Map.of());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(slashReplies(slash.id()))
                .contains("not enabled in this server"));

        // A user joining a voice channel there is nobody's business either.
        Channel lobby = world.control.createVoiceChannel(disabled.id(), "Lobby");
        world.join(disabled, user, lobby.id());
        world.control.userLeavesVoice(disabled.id(), user.userId());

        assertThat(world.host.queue().entries()).isEmpty();
        assertThat(world.rows()).noneMatch(r -> r.guildId() == disabled.id());
        assertThat(world.control.requestLog("POST", "guilds/{guild_id}/channels"))
                .as("channels created in the guild without voice")
                .noneMatch(entry -> entry.path().contains(Long.toString(disabled.id())));
    }

    @Test
    @DisplayName("a moderator of one guild cannot end a session in another")
    void crossGuild() {
        Ask ask = driver.start(enabled, enabled.user(0));
        driver.awaitLive(ask, Duration.ofSeconds(15));

        Message end = driver.say(other, other.moderator(), "!voice end <@" + enabled.user(0).userId() + ">");
        await().atMost(Duration.ofSeconds(10)).until(() -> world.repliesTo(end.id()).size() == 1);

        assertThat(text(world.repliesTo(end.id()).getFirst())).contains("has no voice session in this server");
        assertThat(driver.rowOf(ask).orElseThrow().active()).isTrue();
    }

    @Test
    @DisplayName("sessions, end and cleanup are refused without Manage Channels, by prefix and by slash command")
    void adminCommandsNeedManageChannels() {
        Member owner = enabled.user(1);
        Ask ask = driver.start(enabled, owner);
        driver.awaitLive(ask, Duration.ofSeconds(15));
        Member plain = enabled.user(3);
        List<Message> commands = List.of(
                driver.say(enabled, plain, "!voice sessions"),
                driver.say(enabled, plain, "!voice end <@" + owner.userId() + ">"),
                driver.say(enabled, plain, "!voice cleanup"),
                driver.say(enabled, regular, "!voice end <@" + owner.userId() + ">"));
        for (Message command : commands) {
            await().atMost(Duration.ofSeconds(10)).until(() -> world.repliesTo(command.id()).size() == 1);
            assertThat(text(world.repliesTo(command.id()).getFirst())).as("reply to '%s'", command.content())
                    .startsWith("You need the Manage Channels permission in this channel to use");
        }
        var slash = world.control.userRunsSlashCommand(enabled.id(), enabled.text().id(), plain.userId(), "voice end",
                Map.of("user", Long.toString(owner.userId())));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(slashReplies(slash.id()))
                .contains("Manage Channels"));
        assertThat(driver.rowOf(ask).orElseThrow().active()).as("the session goes on").isTrue();

        Message byModerator = driver.say(enabled, enabled.moderator(), "!voice end <@" + owner.userId() + ">");
        await().atMost(Duration.ofSeconds(10)).until(() -> world.repliesTo(byModerator.id()).size() == 1);
        assertThat(text(world.repliesTo(byModerator.id()).getFirst())).startsWith("Ended the voice session of");
    }

    @Test
    @DisplayName("a user spamming !voice gets one session and cooldown replies, not a channel per message")
    void spam() {
        Member spammer = enabled.user(2);
        Ask first = driver.start(enabled, spammer);
        List<Ask> repeats = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            repeats.add(driver.extra(enabled, spammer, "!voice"));
        }
        driver.awaitLive(first, Duration.ofSeconds(15));
        for (Ask repeat : repeats) {
            await().atMost(Duration.ofSeconds(10)).until(() -> world.repliesTo(repeat.messageId()).size() == 1);
            assertThat(driver.replyText(repeat).orElseThrow()).startsWith("!voice is on cooldown for you; try again in");
        }
        long created = world.createdChannels().stream()
                .filter(id -> world.rows().stream().anyMatch(r -> r.channelId() == id && r.userId() == spammer.userId()))
                .count();
        assertThat(created).as("channels created for the spammer").isEqualTo(1);
        assertThat(world.rows()).filteredOn(r -> r.userId() == spammer.userId()).hasSize(1);
        assertThat(world.host.queue().entries()).filteredOn(e -> e.userId() == spammer.userId()).hasSize(1);
    }

    @Test
    @DisplayName("the channel is private: another member, a member with a role and @everyone cannot see or join it")
    void privacy() {
        Member owner = enabled.user(4);
        Ask ask = driver.start(enabled, owner);
        long channelId = driver.awaitLive(ask, Duration.ofSeconds(15));
        Channel channel = world.channel(channelId).orElseThrow();
        long viewConnect = ReliabilityWorld.VIEW_CHANNEL | ReliabilityWorld.CONNECT;

        assertThat(world.control.effectivePermissions(channelId, owner.userId()) & viewConnect).isEqualTo(viewConnect);
        assertThat(world.control.effectivePermissions(channelId, world.botId()) & viewConnect).isEqualTo(viewConnect);
        assertThat(world.control.effectivePermissions(channelId, enabled.user(5).userId()) & viewConnect)
                .as("another member").isZero();
        assertThat(world.control.effectivePermissions(channelId, regular.userId()) & viewConnect)
                .as("a member whose role allows View Channel and Connect server-wide").isZero();
        assertThat(world.control.effectivePermissions(channelId, enabled.moderator().userId()) & viewConnect)
                .as("a moderator with Manage Channels").isZero();
        assertThat(channel.overwrite(enabled.id())).as("@everyone").hasValueSatisfying(everyone -> {
            assertThat(everyone.deny() & viewConnect).isEqualTo(viewConnect);
            assertThat(everyone.allow()).isZero();
        });
        assertThat(channel.overwrites()).as("exactly @everyone, the user and the bot").hasSize(3);
        assertThat(driver.settle(Driver.SETTLE)).as("every invariant, privacy of every member included").isEmpty();
    }

    @Test
    @DisplayName("SQL only through bound parameters: no mapper statement splices a value into its text")
    void boundParameters() {
        List<String> spliced = new ArrayList<>();
        int statements = 0;
        for (Method method : VoiceSessionMapper.class.getDeclaredMethods()) {
            for (Annotation annotation : method.getAnnotations()) {
                // By name: the integration tests run against the plugin jar, where MyBatis is relocated.
                String kind = annotation.annotationType().getSimpleName();
                if (kind.endsWith("Provider")) {
                    spliced.add(method.getName() + ": SQL built by a provider class at run time");
                }
                if (!List.of("Select", "Insert", "Update", "Delete").contains(kind)) {
                    continue;
                }
                for (String statement : sqlOf(annotation)) {
                    statements++;
                    if (statement.contains("${")) {
                        spliced.add(method.getName() + ": " + statement);
                    }
                }
            }
        }
        assertThat(statements).as("statements found").isGreaterThan(5);
        assertThat(spliced).as("statements with ${...} substitution").isEmpty();
    }

    private static String[] sqlOf(Annotation annotation) {
        try {
            return (String[]) annotation.annotationType().getMethod("value").invoke(annotation);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the SQL of " + annotation, e);
        }
    }

    /** Every text the bot answered a slash command with: its responses and the messages they made. */
    private String slashReplies(long interactionId) {
        var interaction = world.control.interaction(interactionId).orElseThrow();
        StringBuilder texts = new StringBuilder();
        interaction.responses().forEach(r -> texts.append(r.body()).append('\n'));
        if (interaction.originalMessageId() != null) {
            world.control.message(interaction.originalMessageId()).ifPresent(m -> texts.append(m.contentHistory()));
        }
        return texts.toString();
    }

    private String text(long messageId) {
        return world.control.message(messageId).map(Message::content).orElse("");
    }
}
