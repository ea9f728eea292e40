package dev.voicesession.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.ApplicationCommand;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.support.EmulatorDiscord;
import dev.voicesession.host.support.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginState;

/**
 * A plugin stopped, disabled or unloaded while the host runs loses its commands (prefix and slash),
 * listeners and request handlers after its shutdown participants ran; started again, it has them back.
 */
class PluginRunTimeLifecycleTest {

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.emulatorOnly()
            .rateLimits(RateLimitMode.OFF)
            .voice(false)
            .seed(PluginRunTimeLifecycleTest::seed);

    private static final Duration QUIET = Duration.ofMillis(700);

    private static long guild;
    private static long general;
    private static long alice;

    @TempDir
    Path dir;

    private BotHost host;
    private EmulatorDiscord discord;
    /** The bot's messages in #general before this test: the emulator lives for the whole class. */
    private int earlier;

    private static void seed(EmulatorControl control) {
        guild = control.createGuild("runtime").id();
        general = control.createTextChannel(guild, "general").id();
        alice = control.addMember(guild, "alice").userId();
    }

    @BeforeEach
    void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.hello(plugins);
        discord = new EmulatorDiscord(DISCORD.emulator());
        String yaml = """
                discord:
                  token: %s
                bot:
                  shutdownDeadline: 10s
                  slashCommands: guilds
                database:
                  path: %s
                """.formatted(DISCORD.emulator().botToken(), dir.resolve("bot.db"));
        host = BotHost.builder()
                .config(ConfigLoader.parse(yaml, "test.yml", Map.of()))
                .pluginsDir(plugins)
                .jdaCustomizer(builder -> EmulatorClients.configure(builder, DISCORD.emulator()))
                .start();
        DISCORD.emulator().control().clearTrafficLogs();
        earlier = discord.botMessages(general).size();
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    private List<String> guildCommands() {
        return DISCORD.emulator().control().commands(guild).stream().map(ApplicationCommand::name).toList();
    }

    private long botMessagesContaining(String text) {
        return discord.botMessages(general).stream().skip(earlier).filter(m -> m.content().contains(text)).count();
    }

    @Test
    @DisplayName("stopPlugin: shutdown participant runs, !hello and /hello and the listener are gone; startPlugin restores them")
    void stopAndStart() {
        discord.say(general, alice, "!hello");
        await().atMost(Duration.ofSeconds(20)).until(() -> botMessagesContaining("hi from hello") == 1);
        assertThat(guildCommands()).contains("hello");

        assertThat(host.pluginManager().stopPlugin("hello")).isEqualTo(PluginState.STOPPED);

        await().atMost(Duration.ofSeconds(20)).until(() -> botMessagesContaining("hello shutting down") == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> !guildCommands().contains("hello"));
        assertThat(guildCommands()).contains("help", "queue");
        discord.say(general, alice, "!hello");
        discord.say(general, alice, "hello listener?");
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> true);
        assertThat(botMessagesContaining("hi from hello")).isEqualTo(1);
        assertThat(botMessagesContaining("listener of plugin hello")).isZero();

        assertThat(host.pluginManager().startPlugin("hello")).isEqualTo(PluginState.STARTED);

        await().atMost(Duration.ofSeconds(20)).until(() -> guildCommands().contains("hello"));
        discord.say(general, alice, "!hello");
        await().atMost(Duration.ofSeconds(20)).until(() -> botMessagesContaining("hi from hello") == 2);
        discord.say(general, alice, "hello listener?");
        await().atMost(Duration.ofSeconds(20)).until(() -> botMessagesContaining("listener of plugin hello") == 1);
    }

    @Test
    @DisplayName("disablePlugin and unloadPlugin unwire the plugin the same way")
    void disableAndUnload() {
        assertThat(host.pluginManager().disablePlugin("hello")).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> botMessagesContaining("hello shutting down") == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> !guildCommands().contains("hello"));
        discord.say(general, alice, "!hello");
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> true);
        assertThat(botMessagesContaining("hi from hello")).isZero();

        assertThat(host.pluginManager().enablePlugin("hello")).isTrue();
        assertThat(host.pluginManager().startPlugin("hello")).isEqualTo(PluginState.STARTED);
        discord.say(general, alice, "!hello");
        await().atMost(Duration.ofSeconds(20)).until(() -> botMessagesContaining("hi from hello") == 1);

        assertThat(host.pluginManager().unloadPlugin("hello")).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> botMessagesContaining("hello shutting down") == 2);
        discord.say(general, alice, "!hello");
        await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> true);
        assertThat(botMessagesContaining("hi from hello")).isEqualTo(1);
    }
}
