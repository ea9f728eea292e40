package dev.voicesession.voice.reliability.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real host through a full life at log level TRACE (start, a session from {@code !voice} to the
 * user leaving, {@code !voice close}, {@code !queue}, a SIGKILL and a restart with reconciliation, a
 * SIGTERM), plus a start with a token Discord refuses, and scans every log file and the captured standard
 * output and error for the bot token: whole, each of its dot-separated parts, and Base64-encoded.
 */
class TokenLeakIT {

    @TempDir
    Path dir;

    @Test
    @DisplayName("the bot token appears in no log file and no console output of a full run")
    void tokenNeverLogged() {
        RunLog runs = new RunLog("token-scan");
        try (ProcessWorld world = new ProcessWorld(dir)) {
            String token = world.emulator.botToken();
            world.writeConfigText(world.configYaml("").replace("level: INFO", "level: TRACE"));
            world.startHost();

            Driver d = new Driver(world, Trigger.manual("(none)"));
            d.activeSession(world.alice);
            d.leave(world.alice);
            d.awaitText("Voice session ended");
            d.newMark();
            d.activeSession(world.alice);
            d.say(world.alice, "!voice close");
            d.awaitText("Voice session ended");
            d.say(world.moderator, "!queue");
            d.awaitText("The queue is");
            d.newMark();
            d.activeSession(world.alice);
            world.host.kill();
            world.startHost();
            assertThat(world.violationsAtRest()).isEmpty();
            world.host.terminate(Duration.ofSeconds(30));

            String refused = token.substring(0, token.length() - 4) + "AAAA";
            world.writeConfigText(world.configYaml("").replace(token, refused).replace("level: INFO", "level: TRACE"));
            world.launch(Map.of());
            int status = world.host.awaitExit(Duration.ofSeconds(60));
            assertThat(status).as("a start with a refused token fails").isNotZero();

            Map<String, String> secrets = secrets("token", token);
            secrets.putAll(secrets("refused token", refused));
            String config = read(dir.resolve("bot.yml"));
            assertThat(secrets.values()).as("the scan finds what it looks for (the config file holds the token)")
                    .anyMatch(config::contains);
            List<Path> scanned = logFiles(world);
            List<String> found = new ArrayList<>();
            long bytes = 0;
            for (Path file : scanned) {
                String text = read(file);
                bytes += text.length();
                secrets.forEach((name, secret) -> {
                    if (text.contains(secret)) {
                        found.add(name + " in " + dir.relativize(file));
                    }
                });
            }
            assertThat(scanned).as("log files and console captures").hasSizeGreaterThanOrEqualTo(5);
            assertThat(bytes).as("something was logged").isGreaterThan(10_000);
            runs.add(new RunLog.Entry("bot token in " + scanned.size() + " log and console files (" + bytes / 1024
                    + " KiB, level TRACE), " + secrets.size() + " forms searched", found.isEmpty() ? "absent"
                    : "FOUND", found, Duration.ZERO));
            runs.write(List.of("Forms searched: " + String.join(", ", secrets.keySet())));
            assertThat(found).as("token forms found in logs").isEmpty();
        }
    }

    /** The token whole, with the {@code Bot } prefix, each long dot-separated part, and Base64-encoded. */
    private static Map<String, String> secrets(String name, String token) {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(name, token);
        String[] parts = token.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].length() >= 8) {
                secrets.put(name + " part " + (i + 1), parts[i]);
            }
        }
        byte[] raw = token.getBytes(StandardCharsets.UTF_8);
        secrets.put(name + " in Base64", Base64.getEncoder().encodeToString(raw));
        secrets.put(name + " in URL-safe Base64", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        return secrets;
    }

    /** Every file the host processes wrote: the log file (and rolled ones) and each run's console captures. */
    private List<Path> logFiles(ProcessWorld world) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.startsWith(world.logFile.getParent())
                            || file.getFileName().toString().matches("std(out|err)\\.log"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
