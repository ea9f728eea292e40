package dev.voicesession.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.ApplicationCommand;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.support.EmulatorDiscord;
import dev.voicesession.host.support.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import net.dv8tion.jda.api.JDA;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Orderly shutdown, the owners' shutdown command, and a crash followed by a restart, against the emulator. */
class HostLifecycleEmulatorTest {

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.emulatorOnly()
            .rateLimits(RateLimitMode.OFF)
            .voice(false)
            .seed(HostLifecycleEmulatorTest::seed);

    private static long guild;
    private static long general;
    private static long alice;
    private static long bob;
    private static long boss;

    @TempDir
    Path dir;

    private Path plugins;
    private BotHost host;
    private EmulatorDiscord discord;

    private static void seed(EmulatorControl control) {
        guild = control.createGuild("lifecycle").id();
        general = control.createTextChannel(guild, "general").id();
        alice = control.addMember(guild, "alice").userId();
        bob = control.addMember(guild, "bob").userId();
        boss = control.addMember(guild, "boss").userId();
    }

    @BeforeEach
    void plugins() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.hello(plugins);
        discord = new EmulatorDiscord(DISCORD.emulator());
    }

    @AfterEach
    void stopHost() {
        if (host != null) {
            host.stop();
        }
    }

    private BotHost startHost() {
        return startHost("global");
    }

    private BotHost startHost(String slashCommands) {
        String yaml = """
                discord:
                  token: %s
                bot:
                  owners: [%d]
                  shutdownDeadline: 10s
                  slashCommands: %s
                database:
                  path: %s
                """.formatted(DISCORD.emulator().botToken(), boss, slashCommands, dir.resolve("bot.db"));
        return BotHost.builder()
                .config(ConfigLoader.parse(yaml, "test.yml", Map.of()))
                .pluginsDir(plugins)
                .jdaCustomizer(builder -> EmulatorClients.configure(builder, DISCORD.emulator()))
                .start();
    }

    private void createShutdownTable(BotHost running) throws SQLException {
        try (Connection connection = running.dataSource().getConnection()) {
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS hello_shutdown (plugin TEXT)");
            connection.createStatement().execute("DELETE FROM hello_shutdown");
        }
    }

    private int shutdownRows() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
                ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM hello_shutdown")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private long shuttingDownMessages(long channelId) {
        return discord.botMessages(channelId).stream().filter(m -> m.content().equals("hello shutting down")).count();
    }

    @Test
    @DisplayName("stop: pending requests are cancelled, participants run with Discord and the database, then all closes")
    void orderlyStop() throws Exception {
        host = startHost();
        createShutdownTable(host);
        long channel = discord.newTextChannel(host, guild, "orderly");
        long before = shuttingDownMessages(general);
        discord.say(channel, alice, "!hello queue");
        discord.awaitBotMessage(channel, "serving " + alice);
        discord.say(channel, bob, "!hello queue");
        Message bobStatus = discord.awaitBotMessage(channel, "hello request waiting, position 1");

        host.stop();

        await().atMost(EmulatorDiscord.ANSWER_TIMEOUT).untilAsserted(() ->
                assertThat(discord.control().message(bobStatus.id()).orElseThrow().content())
                        .isEqualTo("The bot is shutting down; your hello request was cancelled."));
        assertThat(shutdownRows()).as("the participant used the database before it closed").isEqualTo(1);
        assertThat(shuttingDownMessages(general)).as("the participant reached Discord before JDA shut down")
                .isEqualTo(before + 1);
        assertThat(host.shardManager().getShards()).extracting(JDA::getStatus).containsOnly(JDA.Status.SHUTDOWN);
        assertThat(((HikariDataSource) host.dataSource()).isClosed()).isTrue();
        assertThat(host.pluginManager().getStartedPlugins()).isEmpty();
        host.stop(); // idempotent
    }

    @Test
    @DisplayName("'!shutdown' from an owner answers, then stops the bot in order")
    void shutdownCommand() throws Exception {
        host = startHost();
        createShutdownTable(host);
        long channel = discord.newTextChannel(host, guild, "shutdown");

        discord.say(channel, boss, "!shutdown");

        discord.awaitBotMessage(channel, "Shutting down.");
        await().atMost(Duration.ofSeconds(30)).until(() -> host.isStopping());
        host.awaitStop();
        assertThat(shutdownRows()).isEqualTo(1);
        assertThat(((HikariDataSource) host.dataSource()).isClosed()).isTrue();
    }

    @Test
    @DisplayName("with bot.slashCommands: guilds, the commands are registered in every guild")
    void guildSlashCommands() {
        host = startHost("guilds");

        assertThat(discord.control().commands(guild)).extracting(ApplicationCommand::name)
                .contains("help", "queue", "shutdown", "hello");
        Message reply = discord.slash(guild, general, alice, "hello say", Map.of());
        assertThat(reply.content()).isEqualTo("hi from hello");
    }

    @Test
    @DisplayName("a crash skips the participants and closes the pool; a new host starts on the same database")
    void crashAndRestart() throws Exception {
        host = startHost();
        createShutdownTable(host);
        long before = shuttingDownMessages(general);

        host.stopWithoutCleanup();

        assertThat(shutdownRows()).isZero();
        assertThat(((HikariDataSource) host.dataSource()).isClosed()).isTrue();
        assertThatThrownBy(() -> host.dataSource().getConnection()).isInstanceOf(SQLException.class);
        assertThat(shuttingDownMessages(general)).isEqualTo(before);

        host = startHost();
        long channel = discord.newTextChannel(host, guild, "restarted");
        discord.say(channel, alice, "!hello");
        discord.awaitBotMessage(channel, "hi from hello");
    }
}
