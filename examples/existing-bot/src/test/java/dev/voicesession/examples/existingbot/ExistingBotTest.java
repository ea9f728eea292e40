package dev.voicesession.examples.existingbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.model.ApplicationCommand;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.ChannelType;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Message.MentionType;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example bot against the emulator: its own commands stay its own, voice sessions work through the
 * attached host on the same gateway connection, and the bot's own shutdown leaves nothing behind.
 */
class ExistingBotTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path PLUGIN_JAR = Path.of(System.getProperty("voice.plugin.jar", "../../plugins/voice-plugin.jar"));

    @TempDir
    Path dir;

    private final DiscordEmulator emulator = DiscordEmulator.builder().rateLimits(RateLimitMode.OFF).build().start();
    private final EmulatorControl control = emulator.control();
    private Guild guild;
    private Channel text;
    private Member alice;
    private ExistingBot bot;

    @BeforeEach
    void world() throws IOException {
        guild = control.createGuild("existing-bot", dev.voicesession.emulator.core.GuildService.DEFAULT_BOT_PERMISSIONS);
        text = control.createTextChannel(guild.id(), "general");
        alice = control.addMember(guild.id(), "alice");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(PLUGIN_JAR, plugins.resolve("voice-plugin.jar"));
        Files.writeString(dir.resolve("voice.yml"), """
                database:
                  path: "%s"
                bot:
                  slashCommands: guilds
                plugins:
                  voice:
                    enabled: true
                    timeout: 60s
                    guilds:
                      "%d":
                        enabled: true
                """.formatted(dir.resolve("voice.db"), guild.id()));
    }

    @AfterEach
    void close() {
        if (bot != null) {
            bot.jda().shutdownNow();
        }
        emulator.close();
    }

    private ExistingBot startBot() {
        JDABuilder builder = EmulatorClients.configure(
                JDABuilder.createDefault(emulator.botToken(), ExistingBot.INTENTS), emulator);
        bot = ExistingBot.start(builder, dir.resolve("voice.yml"), dir.resolve("plugins"));
        return bot;
    }

    @Test
    @DisplayName("the bot's !ping, /ping and !help are answered once, by the bot; one gateway connection")
    void ownCommandsStayTheBots() throws Exception {
        EnumSet<MentionType> defaultsBefore = EnumSet.copyOf(MessageRequest.getDefaultMentions());
        startBot();

        assertThat(control.openGatewayConnections()).isEqualTo(1);
        assertThat(MessageRequest.getDefaultMentions()).isEqualTo(defaultsBefore);

        control.userSendsMessage(text.id(), alice.userId(), "!ping");
        Message pong = awaitBotMessage(content -> content.endsWith("pong"));
        assertThat(pong.content()).isEqualTo("<@" + alice.userId() + "> pong");
        // the bot's own message still pings the user: no allowed_mentions restriction from the host
        assertThat(mentionsParsed(pong)).contains("users");

        var interaction = control.userRunsSlashCommand(guild.id(), text.id(), alice.userId(), "ping", Map.of());
        await().atMost(WAIT).until(() -> control.interaction(interaction.id()).orElseThrow().acknowledged());

        control.userSendsMessage(text.id(), alice.userId(), "!help");
        Message help = awaitBotMessage(content -> content.startsWith("Commands:"));
        assertThat(help.content()).contains("!ping").contains("!voice").contains("!queue");

        // give any second answer the time the first took, then count
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> true);
        List<Message> messages = botMessages().stream().filter(m -> m.interactionId() == null).toList();
        assertThat(messages).extracting(Message::content)
                .containsExactly("<@" + alice.userId() + "> pong", help.content());
        assertThat(control.interaction(interaction.id()).orElseThrow().responses()).hasSize(1);
        assertThat(control.interaction(interaction.id()).orElseThrow().responses().getFirst().body().toString())
                .contains("pong");
    }

    @Test
    @DisplayName("/ping stays registered after the host starts and after it stops; /voice comes and goes")
    void slashCommandsMerge() {
        startBot();
        await().atMost(WAIT).until(() -> commandNames().containsAll(List.of("ping", "voice")));

        bot.voice().stop();

        assertThat(commandNames()).contains("ping").doesNotContain("voice", "queue");
        assertThat(bot.jda().getStatus()).isEqualTo(JDA.Status.CONNECTED);
        control.userSendsMessage(text.id(), alice.userId(), "!ping");
        awaitBotMessage(content -> content.endsWith("pong"));
        control.userSendsMessage(text.id(), alice.userId(), "!voice");
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> true);
        assertThat(botMessages()).filteredOn(m -> m.content().contains("voice") || m.content().contains("Voice"))
                .as("a stopped host answers nothing").isEmpty();
    }

    @Test
    @DisplayName("!voice: private channel, bot joins, user joins and leaves, everything is cleaned up")
    void voiceLifecycle() throws Exception {
        startBot();

        control.userSendsMessage(text.id(), alice.userId(), "!voice");
        Channel session = awaitSessionChannel();
        await().atMost(WAIT).until(() -> botInVoice(session.id()));
        control.userJoinsVoice(guild.id(), alice.userId(), session.id());
        await().atMost(WAIT).until(() -> activeRows() == 1);

        control.userLeavesVoice(guild.id(), alice.userId());

        await().atMost(WAIT).until(() -> control.channel(session.id()).isEmpty());
        await().atMost(WAIT).until(() -> activeRows() == 0 && endReasons().contains("user_left"));
        assertThat(control.voiceState(guild.id(), emulator.bot().id())).isEmpty();
    }

    @Test
    @DisplayName("the bot's own shutdown ends the session first: no channel, no row, no voice connection left")
    void operatorShutdown() throws Exception {
        startBot();
        control.userSendsMessage(text.id(), alice.userId(), "!voice");
        Channel session = awaitSessionChannel();
        await().atMost(WAIT).until(() -> botInVoice(session.id()));

        bot.jda().shutdown();

        assertThat(bot.jda().awaitShutdown(WAIT)).isTrue();
        assertThat(control.channel(session.id())).isEmpty();
        assertThat(activeRows()).isZero();
        assertThat(endReasons()).containsExactly("shutdown");
        assertThat(bot.voice().isStopping()).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("host-worker-") && t.isAlive());
    }

    // ---- helpers

    private List<Message> botMessages() {
        return control.messages(text.id()).stream().filter(m -> m.authorId() == emulator.bot().id()).toList();
    }

    private Message awaitBotMessage(java.util.function.Predicate<String> content) {
        await().atMost(WAIT).until(() -> botMessages().stream().anyMatch(m -> content.test(m.content())));
        return botMessages().stream().filter(m -> content.test(m.content())).findFirst().orElseThrow();
    }

    private List<String> mentionsParsed(Message message) throws IOException {
        var sent = control.requestLog().stream()
                .filter(entry -> entry.method().equals("POST") && entry.path().endsWith("channels/" + text.id() + "/messages"))
                .filter(entry -> entry.requestBody() != null && entry.requestBody().contains(" pong"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(control.requestLog().stream()
                        .map(e -> e.method() + " " + e.path() + " " + e.requestBody()).toList()));
        JsonNode body = new ObjectMapper().readTree(sent.requestBody());
        JsonNode allowed = body.path("allowed_mentions");
        if (allowed.isMissingNode()) {
            return List.of("users", "roles", "everyone");
        }
        return allowed.path("parse").valueStream().map(JsonNode::asText).toList();
    }

    private List<String> commandNames() {
        List<ApplicationCommand> commands = new java.util.ArrayList<>(control.commands(null));
        commands.addAll(control.commands(guild.id()));
        return commands.stream().map(ApplicationCommand::name).toList();
    }

    private Optional<Channel> sessionChannel() {
        return control.channels(guild.id()).stream()
                .filter(c -> c.type() == ChannelType.VOICE)
                .filter(c -> c.overwrite(alice.userId()).isPresent())
                .findFirst();
    }

    private Channel awaitSessionChannel() {
        await().atMost(WAIT).until(() -> sessionChannel().isPresent());
        return sessionChannel().orElseThrow();
    }

    private boolean botInVoice(long channelId) {
        return control.voiceState(guild.id(), emulator.bot().id()).map(v -> v.channelId() == channelId).orElse(false);
    }

    private int activeRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("voice.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM voice_sessions WHERE ended_at IS NULL")) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private List<String> endReasons() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("voice.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT end_reason FROM voice_sessions WHERE ended_at IS NOT NULL")) {
            List<String> reasons = new java.util.ArrayList<>();
            while (rows.next()) {
                reasons.add(rows.getString(1));
            }
            return reasons;
        }
    }
}
