package dev.voicesession.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.config.EnvOverrides;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The reference bot, run as its jar, re-reads its configuration on SIGHUP: a new prefix takes effect. */
class HangupReloadProcessIT {

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.emulatorOnly()
            .rateLimits(RateLimitMode.OFF)
            .voice(false)
            .seed(HangupReloadProcessIT::seed);

    private static final Path JAR = Path.of(System.getProperty("host.bot.jar", "target/host-bot.jar"));
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static long guild;
    private static long general;
    private static long alice;

    @TempDir
    Path dir;

    private Process bot;

    private static void seed(EmulatorControl control) {
        guild = control.createGuild("hangup").id();
        general = control.createTextChannel(guild, "general").id();
        alice = control.addMember(guild, "alice").userId();
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (bot != null && bot.isAlive()) {
            bot.destroy();
            bot.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private String yaml(String prefix) {
        return """
                discord:
                  token: "%s"
                  restUrl: "%s"
                  gatewayUrl: "%s"
                bot:
                  prefix: "%s"
                  slashCommands: off
                database:
                  path: data/bot.db
                plugins:
                  dir: plugins
                logging:
                  file: logs/bot.log
                """.formatted(DISCORD.emulator().botToken(), DISCORD.emulator().restBaseUrl(),
                DISCORD.emulator().gatewayUrl(), prefix);
    }

    private long helpReplies() {
        long bot = DISCORD.emulator().bot().id();
        return DISCORD.emulator().control().messages(general).stream()
                .filter(m -> m.authorId() == bot && m.content().contains("queue"))
                .count();
    }

    @Test
    @DisplayName("SIGHUP: the file's new bot.prefix answers, the old one no longer does")
    void hangupReloads() throws Exception {
        Files.createDirectories(dir.resolve("plugins"));
        Path config = Files.writeString(dir.resolve("bot.yml"), yaml("!"));
        Path ready = dir.resolve("bot.ready");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-jar", JAR.toAbsolutePath().toString(),
                "--config", config.toString(), "--ready-file", ready.toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.txt").toFile());
        EnvOverrides.VARIABLES.keySet().forEach(builder.environment()::remove);
        builder.environment().remove("BOT_CONFIG");
        bot = builder.start();
        await().atMost(WAIT).until(() -> Files.exists(ready) || !bot.isAlive());
        assertThat(bot.isAlive()).as("the bot runs").isTrue();
        DISCORD.emulator().control().userSendsMessage(general, alice, "!help");
        await().atMost(WAIT).until(() -> helpReplies() == 1);

        Files.writeString(config, yaml("?"));
        Process hangup = new ProcessBuilder("kill", "-HUP", Long.toString(bot.pid())).start();
        assertThat(hangup.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(hangup.exitValue()).isZero();

        // the reload runs on its own thread: ask with the new prefix until it answers
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            DISCORD.emulator().control().userSendsMessage(general, alice, "?help");
            return helpReplies() >= 2;
        });
        assertThat(bot.isAlive()).as("SIGHUP does not stop the bot").isTrue();
        AtomicLong seen = new AtomicLong(-1);
        await().atMost(WAIT).during(Duration.ofSeconds(2)).until(() -> seen.getAndSet(helpReplies()) == helpReplies());
        long before = helpReplies();

        DISCORD.emulator().control().userSendsMessage(general, alice, "!help");
        DISCORD.emulator().control().userSendsMessage(general, alice, "?help");

        await().atMost(WAIT).until(() -> helpReplies() == before + 1);
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> helpReplies() == before + 1);
    }
}
