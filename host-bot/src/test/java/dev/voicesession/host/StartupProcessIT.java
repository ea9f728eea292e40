package dev.voicesession.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.emulator.core.Intents;
import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.config.EnvOverrides;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code host-bot.jar} as a child process, as an operator does, and checks how a start
 * that cannot succeed ends: its exit status, a console without stack traces (they go to the log file),
 * one report per configuration error, and no copy of libdave left in the temp directory.
 */
class StartupProcessIT {

    @RegisterExtension
    static final EmulatorExtension DISCORD = EmulatorExtension.emulatorOnly().rateLimits(RateLimitMode.OFF);

    private static final Path JAR = Path.of(System.getProperty("host.bot.jar", "target/host-bot.jar"));
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(");

    @TempDir
    Path dir;

    /** What a finished child process left: its exit status and everything it printed. */
    private record Run(int status, String console) {}

    private Run run(String... args) throws IOException, InterruptedException {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + tmp,
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        EnvOverrides.VARIABLES.keySet().forEach(builder.environment()::remove);
        builder.environment().remove("BOT_CONFIG");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the bot exits by itself").isTrue();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .as("no copy of libdave is left in java.io.tmpdir")
                    .noneMatch(name -> name.startsWith("jdave"));
        }
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private Path config(String yaml) throws IOException {
        Files.createDirectories(dir.resolve("plugins"));
        return Files.writeString(dir.resolve("bot.yml"), yaml + """
                database:
                  path: data/bot.db
                plugins:
                  dir: plugins
                logging:
                  file: logs/bot.log
                """);
    }

    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private String logFile() throws IOException {
        return Files.readString(dir.resolve("logs/bot.log"));
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    @Test
    @DisplayName("Discord unreachable: exit status 3, no stack trace on the console, the trace in the log file")
    void discordUnreachable() throws Exception {
        int port = closedLoopbackPort();
        Path file = config("""
                discord:
                  token: not-checked-before-the-connection
                  restUrl: http://127.0.0.1:%d/api/v10/
                  gatewayUrl: ws://127.0.0.1:%d/gateway
                """.formatted(port, port));

        Run run = run("--config", file.toString());

        assertThat(run.status()).as(run.console()).isEqualTo(StartupFailure.Kind.DISCORD_UNREACHABLE.exitStatus());
        assertThat(STACK_FRAME.matcher(run.console()).find()).as(run.console()).isFalse();
        assertThat(run.console()).doesNotContain("Exception in thread");
        assertThat(STACK_FRAME.matcher(logFile()).find()).as("the details are in the log file").isTrue();
        assertThat(dir.resolve("data/bot.db")).as("nothing written before Discord answered").doesNotExist();
    }

    @Test
    @DisplayName("--verbose shows the stack trace on the console as well")
    void verbose() throws Exception {
        int port = closedLoopbackPort();
        Path file = config("""
                discord:
                  token: not-checked-before-the-connection
                  restUrl: http://127.0.0.1:%d/api/v10/
                """.formatted(port));

        Run run = run("--config", file.toString(), "--verbose");

        assertThat(run.status()).as(run.console()).isEqualTo(StartupFailure.Kind.DISCORD_UNREACHABLE.exitStatus());
        assertThat(STACK_FRAME.matcher(run.console()).find()).as(run.console()).isTrue();
    }

    @Test
    @DisplayName("a token Discord refuses: exit status 4, without a stack trace and without the token")
    void tokenRefused() throws Exception {
        Path pem = dir.resolve("emulator.pem");
        DISCORD.emulator().voiceServer().writeCertificatePem(pem);
        String token = "MTA5ODc2NTQzMjEwOTg3NjU0.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB";
        Path file = config("""
                discord:
                  token: %s
                  restUrl: %s
                  gatewayUrl: %s
                  trustCertificate: %s
                """.formatted(token, DISCORD.emulator().restBaseUrl(), DISCORD.emulator().gatewayUrl(), pem));

        Run run = run("--config", file.toString());

        assertThat(run.status()).as(run.console()).isEqualTo(StartupFailure.Kind.TOKEN_REFUSED.exitStatus());
        assertThat(STACK_FRAME.matcher(run.console()).find()).as(run.console()).isFalse();
        assertThat(run.console()).doesNotContain(token);
        assertThat(logFile()).doesNotContain(token);
    }

    @Test
    @DisplayName("Message Content not enabled in the developer portal: gateway close 4014, exit status 5, one paragraph")
    void privilegedIntentRefused() throws Exception {
        Path file = config("""
                discord:
                  token: %s
                  restUrl: %s
                  gatewayUrl: %s
                """.formatted(DISCORD.emulator().botToken(), DISCORD.emulator().restBaseUrl(),
                DISCORD.emulator().gatewayUrl()));
        DISCORD.emulator().control().allowPrivilegedIntents(0);
        Run run;
        try {
            run = run("--config", file.toString());
        } finally {
            DISCORD.emulator().control().allowPrivilegedIntents(Intents.PRIVILEGED);
        }

        assertThat(run.status()).as(run.console()).isEqualTo(StartupFailure.Kind.INTENT_NOT_ENABLED.exitStatus());
        assertThat(run.console()).contains("4014").contains("Message Content Intent");
        assertThat(STACK_FRAME.matcher(run.console()).find()).as(run.console()).isFalse();
        assertThat(Files.exists(dir.resolve("data/bot.db"))).as("nothing written before Discord accepted the bot")
                .isFalse();
    }

    @Test
    @DisplayName("a configuration error: exit status 2, reported once with its line and key, before anything starts")
    void configurationError() throws Exception {
        Path file = config("""
                discord:
                  token: abc
                queue:
                  slots: two
                """);

        Run run = run("--config", file.toString());

        assertThat(run.status()).as(run.console()).isEqualTo(Main.USAGE);
        assertThat(count(run.console(), "key 'queue.slots'")).as(run.console()).isEqualTo(1);
        assertThat(run.console()).contains(file + ", line 4");
        assertThat(STACK_FRAME.matcher(run.console()).find()).isFalse();
        assertThat(dir.resolve("logs")).as("logging never started").doesNotExist();
    }

    @Test
    @DisplayName("--config without a file is a usage error naming --config")
    void configWithoutValue() throws Exception {
        Run run = run("--config");

        assertThat(run.status()).isEqualTo(Main.USAGE);
        assertThat(run.console()).contains("--config needs the path of a configuration file");
    }
}
