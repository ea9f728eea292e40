package dev.voicesession.voice.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.voice.reliability.Invariants.Ask;
import dev.voicesession.voice.reliability.ReliabilityWorld.Space;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input: wrong arguments get a usage reply; commands from direct messages are refused, from other bots
 * and webhooks ignored; user names that are very long, empty once sanitized, or full of markdown, mentions
 * and unusual Unicode still give a channel whose name keeps Discord's rules; and no message the bot sends
 * or edits may ping anyone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    /** User names, by what makes them awkward. */
    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("very long (300 letters)", "a".repeat(300));
        NAMES.put("very long (150 emoji, 2 UTF-16 units each)", "\uD83D\uDE00".repeat(150));
        NAMES.put("empty after sanitizing", "@everyone *** `|` ~~ <@123456789012345678> \u200B\u202E");
        NAMES.put("markdown and mentions", "**bold** __u__ `code` ~~s~~ ||spoiler|| > quote <@&42> <#42> @here @everyone");
        NAMES.put("unusual Unicode", "Z\u0351\u0357a\u0363lgo \u202Eevil\u202C \u540D\u524D \u0627\u0644\u0639\u0631\u0628\u064A\u0629 e\u0301 \uD83D\uDC69\u200D\uD83D\uDCBB \u0007bell");
        NAMES.put("SQL", "Robert'); DROP TABLE voice_sessions;--");
    }

    private ReliabilityWorld world;
    private Driver driver;
    private Space space;
    private final Map<String, Member> odd = new LinkedHashMap<>();
    private Member otherBot;

    @BeforeAll
    void start(@TempDir Path dir) {
        world = new ReliabilityWorld(dir, new ReliabilityWorld.Settings().voice("timeout", "20s"));
        space = world.space(0);
        NAMES.forEach((what, name) -> odd.put(what, world.control.addMember(space.id(), name)));
        otherBot = world.control.addBotMember(space.id(), "another-bot");
        world.startHost();
        driver = new Driver(world);
    }

    @AfterAll
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @DisplayName("wrong arguments get a usage reply, and nothing starts")
    void badArguments() {
        Member user = space.user(0);
        Member moderator = space.moderator();
        var channelsBefore = world.createdChannels();
        List<Message> commands = List.of(
                driver.say(space, user, "!voice please"),
                driver.say(space, moderator, "!voice end"),
                driver.say(space, moderator, "!voice end somebody"),
                driver.say(space, moderator, "!voice end 123456789012345678901234567890"),
                driver.say(space, moderator, "!voice end 1 OR 1=1"));
        for (Message command : commands) {
            await().atMost(Duration.ofSeconds(10)).until(() -> world.repliesTo(command.id()).size() == 1);
            String reply = text(world.repliesTo(command.id()).getFirst());
            assertThat(reply).as("reply to '%s'", command.content()).startsWith("Usage: !voice");
        }
        assertThat(world.host.queue().entries()).isEmpty();
        assertThat(world.createdChannels()).isEqualTo(channelsBefore);
    }

    @Test
    @DisplayName("!voice in a direct message is refused in the direct message; nothing is queued")
    void directMessage() {
        Member user = space.user(1);
        Message command = world.control.userSendsDirectMessage(user.userId(), "!voice");
        long dm = world.control.directMessageChannel(user.userId());

        await().atMost(Duration.ofSeconds(10)).until(() -> world.repliesTo(command.id()).size() == 1);
        assertThat(world.control.messages(dm)).filteredOn(m -> m.authorId() == world.botId())
                .extracting(Message::content)
                .containsExactly("!voice only works in a server, not in direct messages.");
        assertThat(world.host.queue().findByUser(user.userId())).isEmpty();
    }

    @Test
    @DisplayName("!voice from another bot or a webhook is ignored: no reply, nothing queued")
    void botsAndWebhooks() {
        Message fromBot = world.say(space, otherBot, "!voice");
        Message fromWebhook = world.control.webhookSendsMessage(space.text().id(), "hook", "!voice");
        // A person's command after them: once it is answered, the two earlier messages were seen and dropped.
        Ask person = driver.start(space, space.user(0));
        await().atMost(Duration.ofSeconds(10)).until(() -> world.repliesTo(person.messageId()).size() == 1);

        assertThat(world.repliesTo(fromBot.id())).isEmpty();
        assertThat(world.repliesTo(fromWebhook.id())).isEmpty();
        assertThat(world.host.queue().entries()).extracting(e -> e.userId()).containsExactly(space.user(0).userId());
        assertThat(driver.endEverything(Driver.SETTLE)).isEmpty();
        driver.forgetAsks();
    }

    @Test
    @DisplayName("awkward user names give a working private channel whose name keeps Discord's rules")
    void awkwardNames() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Member> entry : odd.entrySet()) {
            Ask ask = driver.start(space, entry.getValue());
            long channelId = driver.awaitLive(ask, Duration.ofSeconds(15));
            Channel channel = world.channel(channelId).orElseThrow();
            String name = channel.name();
            int length = name.codePointCount(0, name.length());
            if (length < 1 || length > 100) {
                problems.add(entry.getKey() + ": name of " + length + " characters");
            }
            if (name.chars().anyMatch(c -> "@#*`~|\\>".indexOf(c) >= 0)
                    || name.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
                problems.add(entry.getKey() + ": name '" + name + "' keeps a mention, markdown or control character");
            }
            System.out.printf("Channel name for a user name that is %s: '%s' (%d characters)%n", entry.getKey(), name, length);
            problems.addAll(driver.settle(Driver.SETTLE));
            problems.addAll(driver.endEverything(Driver.SETTLE));
            driver.forgetAsks();
        }
        assertThat(problems).isEmpty();
        assertThat(world.rows()).as("the table is still there and holds every session")
                .hasSizeGreaterThanOrEqualTo(NAMES.size());
    }

    @Test
    @DisplayName("no message the bot sends or edits may ping: no parsed mentions, no replied-user ping")
    void noPings() {
        Ask ask = driver.start(space, odd.get("markdown and mentions"));
        driver.awaitLive(ask, Duration.ofSeconds(15));
        driver.say(space, space.moderator(), "!voice sessions");
        driver.say(space, space.moderator(), "!voice end <@" + odd.get("markdown and mentions").userId() + ">");
        assertThat(driver.endEverything(Driver.SETTLE)).isEmpty();
        driver.forgetAsks();

        List<RequestLogEntry> writes = new ArrayList<>();
        writes.addAll(world.control.requestLog("POST", "channels/{channel_id}/messages"));
        writes.addAll(world.control.requestLog("PATCH", "channels/{channel_id}/messages/{message_id}"));
        assertThat(writes).isNotEmpty().allSatisfy(entry -> {
            JsonNode mentions = Json.parse(entry.requestBody()).orElseThrow().path("allowed_mentions");
            assertThat(mentions.isObject()).as("allowed_mentions in %s", entry.requestBody()).isTrue();
            assertThat(mentions.path("parse")).as("parsed mentions").isEmpty();
            assertThat(mentions.path("roles")).as("roles").isEmpty();
            assertThat(mentions.path("users")).as("users").isEmpty();
            assertThat(mentions.path("replied_user").asBoolean(false)).as("replied user").isFalse();
        });
    }

    private String text(long messageId) {
        return world.control.message(messageId).map(Message::content).orElse("");
    }
}
