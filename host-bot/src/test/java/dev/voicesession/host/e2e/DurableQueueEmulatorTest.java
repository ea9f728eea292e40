package dev.voicesession.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.groups.Tuple.tuple;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.model.Interaction;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.emulator.rest.RequestHold;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.support.EmulatorDiscord;
import dev.voicesession.host.support.HostTestDatabase;
import dev.voicesession.host.support.HostTestDatabase.QueueRow;
import dev.voicesession.host.support.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The durable queue through the real JDA client against the emulator: requests of the test plugin
 * {@code hello} wait behind an active one, the host crashes ({@link BotHost#stopWithoutCleanup()}) and
 * starts again on the same database, SQLite or PostgreSQL.
 */
@ParameterizedClass
@EnumSource(HostTestDatabase.Kind.class)
class DurableQueueEmulatorTest {

    private static final Duration WAIT = EmulatorDiscord.ANSWER_TIMEOUT;
    private static final String STARTING = "Your hello request is starting...";

    @Parameter
    HostTestDatabase.Kind kind;

    @TempDir
    Path dir;

    private DiscordEmulator emulator;
    private EmulatorControl control;
    private EmulatorDiscord discord;
    private HostTestDatabase database;
    private Path plugins;
    private BotHost host;
    private long guild;
    private long channel;
    private long alice;
    private long bob;
    private long carol;
    private long dave;

    @BeforeEach
    void setUp() throws Exception {
        emulator = DiscordEmulator.builder().rateLimits(RateLimitMode.OFF).voice(false).build().start();
        control = emulator.control();
        discord = new EmulatorDiscord(emulator);
        guild = control.createGuild("durable").id();
        channel = control.createTextChannel(guild, "general").id();
        alice = control.addMember(guild, "alice").userId();
        bob = control.addMember(guild, "bob").userId();
        carol = control.addMember(guild, "carol").userId();
        dave = control.addMember(guild, "dave").userId();
        database = HostTestDatabase.create(kind, dir);
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.hello(plugins);
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.stop();
        }
        emulator.close();
    }

    private BotHost startHost() {
        return startHost("[]", Clock.systemUTC());
    }

    private BotHost startHost(String disabledPlugins, Clock clock) {
        String yaml = """
                discord:
                  token: %s
                bot:
                  shutdownDeadline: 10s
                  slashCommands: global
                plugins:
                  disabled: %s
                """.formatted(emulator.botToken(), disabledPlugins) + database.yaml();
        host = BotHost.builder()
                .config(ConfigLoader.parse(yaml, "test.yml", Map.of()))
                .pluginsDir(plugins)
                .clock(clock)
                .jdaCustomizer(builder -> EmulatorClients.configure(builder, emulator))
                .start();
        return host;
    }

    /** The user asks for a hello request with {@code !hello queue}; returns the bot's status message. */
    private Message queue(long userId) {
        Message command = discord.say(channel, userId, "!hello queue");
        return discord.awaitBotMessage(channel, message -> command.id() == nullToZero(message.referencedMessageId()));
    }

    private static long nullToZero(Long id) {
        return id == null ? 0 : id;
    }

    private List<String> texts(Message message) {
        return control.message(message.id()).orElseThrow().contentHistory();
    }

    private String current(Message message) {
        return control.message(message.id()).orElseThrow().content();
    }

    private void awaitText(Message message, String text) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(current(message)).isEqualTo(text));
    }

    private static String waiting(int position) {
        return "hello request waiting, position " + position;
    }

    private static String serving(long userId) {
        return "serving " + userId;
    }

    private void done() {
        Message command = discord.say(channel, alice, "!hello done");
        discord.awaitBotMessage(channel, message -> command.id() == nullToZero(message.referencedMessageId())
                && message.content().equals("completed"));
    }

    @Test
    @DisplayName("(a) three users wait behind an active request; after a crash the two still waiting keep their order,"
            + " their messages are edited with their positions, and they are served in order")
    void crashKeepsTheLine() {
        startHost();
        Message aliceStatus = queue(alice);
        awaitText(aliceStatus, serving(alice));
        Message bobStatus = queue(bob);
        Message carolStatus = queue(carol);
        Message daveStatus = queue(dave);
        awaitText(daveStatus, waiting(3));
        assertThat(database.queueRows()).extracting(QueueRow::userId, QueueRow::state).containsExactly(
                tuple(alice, "active"), tuple(bob, "waiting"), tuple(carol, "waiting"), tuple(dave, "waiting"));

        host.stopWithoutCleanup();
        startHost();

        // Bob was first in line: the slot alice held in the previous run is free, so he is served at once.
        awaitText(bobStatus, serving(bob));
        awaitText(carolStatus, waiting(1));
        awaitText(daveStatus, waiting(2));
        assertThat(texts(bobStatus)).containsExactly(waiting(1), STARTING, serving(bob));
        assertThat(texts(carolStatus)).containsExactly(waiting(2), waiting(1));
        assertThat(texts(daveStatus)).containsExactly(waiting(3), waiting(2));
        assertThat(database.queueRows()).extracting(QueueRow::userId, QueueRow::state, QueueRow::statusMessageId)
                .containsExactly(tuple(bob, "active", bobStatus.id()), tuple(carol, "waiting", carolStatus.id()),
                        tuple(dave, "waiting", daveStatus.id()));

        done();
        awaitText(carolStatus, serving(carol));
        awaitText(daveStatus, waiting(1));
        done();
        awaitText(daveStatus, serving(dave));
        done();
        await().atMost(WAIT).until(() -> database.queueRows().isEmpty());
        assertThat(discord.botMessages(channel).stream().filter(m -> m.content().startsWith("hello request waiting")))
                .as("no status message left saying it waits").isEmpty();
        assertThat(texts(aliceStatus).getLast()).as("alice's session was the plugin's to reconcile")
                .isEqualTo(serving(alice));
    }

    @Test
    @DisplayName("(b) a waiting request whose type no plugin handles after the restart is told it was dropped and why")
    void handlerGone() {
        startHost();
        awaitText(queue(alice), serving(alice));
        Message bobStatus = queue(bob);
        awaitText(bobStatus, waiting(1));

        host.stopWithoutCleanup();
        startHost("[hello]", Clock.systemUTC());

        awaitText(bobStatus, "Your hello request was dropped when the bot restarted: nothing on this bot handles"
                + " 'hello' requests any more.");
        await().atMost(WAIT).until(() -> database.queueRows().isEmpty());
    }

    @Test
    @DisplayName("(c) one request per user holds across a restart")
    void onePerUserAcrossRestart() {
        startHost();
        awaitText(queue(alice), serving(alice));
        Message carolStatus = queue(carol);
        Message bobStatus = queue(bob);
        awaitText(bobStatus, waiting(2));

        host.stopWithoutCleanup();
        startHost();
        awaitText(bobStatus, waiting(1));

        Message again = discord.say(channel, bob, "!hello queue");
        discord.awaitBotMessage(channel, message -> again.id() == nullToZero(message.referencedMessageId())
                && message.content().equals("you already have a hello request"));
        Message aliceAgain = queue(alice);
        awaitText(aliceAgain, waiting(2));
        assertThat(database.queueRows()).extracting(QueueRow::userId, QueueRow::state).containsExactly(
                tuple(carol, "active"), tuple(bob, "waiting"), tuple(alice, "waiting"));
        assertThat(current(carolStatus)).isEqualTo(serving(carol));
    }

    @Test
    @DisplayName("a crash after Discord created the status message but before the bot heard back: the restart finds"
            + " the reply to the command and edits it")
    void crashBeforeTheStatusMessageWasRecorded() {
        startHost();
        Message aliceStatus = queue(alice);
        awaitText(aliceStatus, serving(alice));
        long aliceStatusId = aliceStatus.id();
        RequestHold post = control.faults().hold("POST", "channels/{channel_id}/messages", RequestHold.Phase.AFTER,
                "hello request waiting");
        Message command = discord.say(channel, bob, "!hello queue");
        await().atMost(WAIT).until(post::hasArrived);

        host.stopWithoutCleanup();
        post.release();
        control.faults().clear();
        assertThat(database.queueRows()).as("bob's row exists, without its status message")
                .extracting(QueueRow::userId, QueueRow::state, QueueRow::statusMessageId)
                .containsExactly(tuple(alice, "active", aliceStatusId), tuple(bob, "waiting", 0L));
        startHost();

        Message bobStatus = discord.awaitBotMessage(channel,
                message -> command.id() == nullToZero(message.referencedMessageId()));
        awaitText(bobStatus, serving(bob));
        assertThat(discord.botMessages(channel).stream().filter(m -> command.id() == nullToZero(m.referencedMessageId())))
                .as("the one reply, edited; no second one").hasSize(1);
        assertThat(texts(bobStatus)).containsExactly(waiting(1), STARTING, serving(bob));
    }

    @Test
    @DisplayName("a slash command's status message is edited through the interaction's token after a restart, and"
            + " through the channel once the token has expired")
    void slashStatusMessages() {
        startHost();
        awaitText(queue(alice), serving(alice));
        Message bobStatus = discord.slash(guild, channel, bob, "hello queue", Map.of());
        Message carolStatus = discord.slash(guild, channel, carol, "hello queue", Map.of());
        awaitText(carolStatus, waiting(2));

        host.stopWithoutCleanup();
        int webhookEdits = control.requestLog("PATCH", "webhooks/{application_id}/{interaction_token}/messages/{message_id}")
                .size();
        startHost();

        awaitText(bobStatus, serving(bob));
        awaitText(carolStatus, waiting(1));
        assertThat(control.requestLog("PATCH", "webhooks/{application_id}/{interaction_token}/messages/{message_id}"))
                .as("edited through the token").hasSizeGreaterThan(webhookEdits);
        assertThat(control.requestLog()).extracting(entry -> entry.path())
                .noneMatch(path -> path.contains(bobStatus.id() + "") && path.startsWith("/channels"));

        // The next restart comes 20 minutes later: the tokens are no longer valid.
        host.stopWithoutCleanup();
        startHost("[]", Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20)));

        awaitText(carolStatus, serving(carol));
        assertThat(control.requestLog("PATCH", "channels/{channel_id}/messages/{message_id}"))
                .as("edited through the channel").anySatisfy(entry ->
                        assertThat(entry.path()).endsWith("/messages/" + carolStatus.id()));
        Interaction interaction = control.interactions().stream().filter(i -> i.userId() == carol).findFirst()
                .orElseThrow();
        assertThat(interaction.originalMessageId()).isEqualTo(carolStatus.id());
    }
}
