package dev.voicesession.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.support.EmulatorDiscord;
import dev.voicesession.host.support.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The owners' {@code !reload} re-reads the file through the real client; a mistake changes nothing. */
class HostReloadEmulatorTest {

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.emulatorOnly()
            .rateLimits(RateLimitMode.OFF)
            .voice(false)
            .seed(HostReloadEmulatorTest::seed);

    private static long guild;
    private static long general;
    private static long alice;
    private static long boss;

    @TempDir
    Path dir;

    private Path file;
    private BotHost host;
    private EmulatorDiscord discord;

    private static void seed(EmulatorControl control) {
        guild = control.createGuild("reload").id();
        general = control.createTextChannel(guild, "general").id();
        alice = control.addMember(guild, "alice").userId();
        boss = control.addMember(guild, "boss").userId();
    }

    private String yaml(String greeting, int slots) {
        return """
                discord:
                  token: %s
                  restUrl: %s
                  gatewayUrl: %s
                bot:
                  owners: [%d]
                  slashCommands: off
                queue:
                  slots: %d
                database:
                  path: %s
                plugins:
                  hello:
                    greeting: %s
                """.formatted(DISCORD.emulator().botToken(), DISCORD.emulator().restBaseUrl(),
                DISCORD.emulator().gatewayUrl(), boss, slots, dir.resolve("bot.db"), greeting);
    }

    @BeforeEach
    void start() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.hello(plugins);
        discord = new EmulatorDiscord(DISCORD.emulator());
        file = dir.resolve("bot.yml");
        Files.writeString(file, yaml("hi", 1));
        host = BotHost.builder()
                .configFile(file)
                .pluginsDir(plugins)
                .jdaCustomizer(builder -> EmulatorClients.configure(builder, DISCORD.emulator()))
                .start();
    }

    @AfterEach
    void stop() {
        host.stop();
    }

    @Test
    @DisplayName("!reload by an owner applies the new file and names what needs a restart")
    void ownerReloads() throws Exception {
        Files.writeString(file, yaml("hello", 2));

        discord.say(general, boss, "!reload");

        Message reply = discord.awaitBotMessage(general, m -> m.content().startsWith("Configuration reloaded"));
        assertThat(reply.content()).contains("queue.slots").contains("plugin 'hello' reads its settings at start only");
        assertThat(host.config().pluginConfig("hello").getString("greeting", "")).isEqualTo("hello");
        assertThat(host.config().queue().slots()).isEqualTo(2);
    }

    @Test
    @DisplayName("!reload of a file with a mistake changes nothing and says why; non-owners are refused")
    void mistakeChangesNothing() throws Exception {
        Files.writeString(file, yaml("hello", 1).replace("slots: 1", "slots: many"));

        discord.say(general, boss, "!reload");

        Message reply = discord.awaitBotMessage(general, m -> m.content().startsWith("Configuration not reloaded"));
        assertThat(reply.content()).contains("queue.slots");
        assertThat(host.config().pluginConfig("hello").getString("greeting", "")).isEqualTo("hi");

        discord.say(general, alice, "!reload");
        Message refused = discord.awaitBotMessage(general, m -> m.content().contains("owner"));
        assertThat(refused.content()).doesNotStartWith("Configuration");
        await().atMost(Duration.ofSeconds(5)).until(() -> host.config().pluginConfig("hello")
                .getString("greeting", "").equals("hi"));
    }
}
