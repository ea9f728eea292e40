package dev.voicesession.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("BOT_CONFIG naming a missing file is a configuration error")
    void missingConfigFromEnvironment(@TempDir Path dir) {
        int status = run(Map.of("BOT_CONFIG", dir.resolve("absent.yml").toString()));

        assertThat(status).isEqualTo(Main.USAGE);
        assertThat(err()).contains("Configuration error: " + dir.resolve("absent.yml") + ": key '(file)': does not"
                + " exist");
    }

    @Test
    @DisplayName("without a token, it says exactly how to give one, and where the sandbox is")
    void noTokenDefaultConfig() {
        int status = run(Map.of());

        assertThat(status).isEqualTo(Main.USAGE);
        assertThat(err()).startsWith("Configuration error: " + Path.of("config", "bot.yml")
                        + ": key 'discord.token': is not set.")
                .contains(Main.NO_TOKEN_TEXT)
                .contains("DISCORD_TOKEN")
                .contains("discord.token")
                .contains("sandbox/target/sandbox.jar");
    }

    @Test
    @DisplayName("an unknown argument prints the usage")
    void unknownArgument() {
        assertThat(run(Map.of(), "--verbos")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("Unknown argument '--verbos'").contains(Main.USAGE_TEXT);
    }

    @Test
    @DisplayName("--config without a file, or with a missing one, is reported")
    void badConfigArgument(@TempDir Path dir) {
        assertThat(run(Map.of(), "--config")).isEqualTo(Main.USAGE);
        assertThat(err()).contains("--config needs the path of a configuration file");
        assertThat(run(Map.of(), "--config", "--verbose")).as("an option is not taken for the file").isEqualTo(Main.USAGE);
        assertThat(err()).doesNotContain("--verbose: key '(file)'");
        assertThat(run(Map.of(), "--config", dir.resolve("nope.yml").toString())).isEqualTo(Main.USAGE);
        assertThat(err()).contains("nope.yml: key '(file)': does not exist");
    }

    @Test
    @DisplayName("--has-token tells bin/run by the exit status whether the configuration gives a token")
    void hasToken(@TempDir Path dir) throws Exception {
        Path withToken = java.nio.file.Files.writeString(dir.resolve("bot.yml"), "discord:\n  token: abc\n");

        assertThat(run(Map.of("DISCORD_TOKEN", "t"), "--has-token")).isEqualTo(Main.OK);
        assertThat(run(Map.of("DISCORD_TOKEN", " "), "--has-token")).isEqualTo(Main.HAS_TOKEN_NONE);
        assertThat(run(Map.of(), "--config", withToken.toString(), "--has-token")).isEqualTo(Main.OK);
        assertThat(run(Map.of("BOT_CONFIG", withToken.toString()), "--has-token")).isEqualTo(Main.OK);
        assertThat(run(Map.of(), "--config", dir.resolve("absent.yml").toString(), "--has-token"))
                .isEqualTo(Main.USAGE);
        assertThat(err()).contains("absent.yml");
    }

    @Test
    @DisplayName("--help prints the usage and exits normally")
    void help() {
        assertThat(run(Map.of(), "--help")).isEqualTo(Main.OK);
        assertThat(err()).contains("--config").contains("sandbox/target/sandbox.jar");
    }
}
