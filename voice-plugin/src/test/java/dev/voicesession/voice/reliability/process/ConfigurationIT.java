package dev.voicesession.voice.reliability.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed and partial configuration given to the real host process ({@code --config} and environment
 * variables): every mistake stops the start with exit status 2 and a message that names the file (or the
 * environment variable), the key and the fix; unknown keys are warned about and the host starts. The
 * host's own parsing is unit-tested in host-bot's {@code ConfigLoaderTest}; this checks what an operator
 * sees from the real {@code main}, plugin settings included.
 */
class ConfigurationIT {

    private static final RunLog RUNS = new RunLog("configuration");
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private ProcessWorld world;
    private Path file;

    @BeforeEach
    void setUp() {
        world = new ProcessWorld(dir);
        file = dir.resolve("bot.yml");
    }

    @AfterEach
    void tearDown() {
        RUNS.startups(world.startups());
        world.close();
    }

    @AfterAll
    static void figures() {
        RUNS.write(List.of("Each case runs the real host with the file or environment variable shown."));
    }

    private String valid() {
        return world.configYaml("");
    }

    /** Runs the host, expects exit status 2, and returns the one-line configuration error it printed. */
    private String refused(String mistake, String yaml, Map<String, String> env) {
        world.writeConfigText(yaml);
        world.launch(env);
        int status = world.host.awaitExit(EXIT_TIMEOUT);
        String output = world.host.output();
        assertThat(status).as(output).isEqualTo(2);
        assertThat(output).doesNotContain(world.emulator.botToken());
        String line = output.lines().filter(l -> l.contains("Configuration error: ")).findFirst().orElse("");
        assertThat(line).as("a 'Configuration error' line in:\n%s", output).isNotEmpty();
        String message = line.substring(line.indexOf("Configuration error: "));
        RUNS.add(new RunLog.Entry(mistake, "exit 2: `" + message.replace(dir.toString(), "<dir>") + "`", List.of(),
                Duration.ZERO));
        return message;
    }

    @Test
    @DisplayName("malformed YAML: the file and the line")
    void malformedYaml() {
        String message = refused("malformed YAML (unclosed list)",
                valid().replace("  prefix: \"!\"", "  prefix: [\"!\""), Map.of());

        assertThat(message).contains(file.toString()).contains("is not valid YAML").contains("line")
                .contains("fix the syntax");
    }

    @Test
    @DisplayName("a partial file, cut in the middle of the token: the file and the line, and not the token")
    void partialFile() {
        String yaml = valid();
        String token = world.emulator.botToken();
        String cut = yaml.substring(0, yaml.indexOf(token) + token.length() / 2);

        String message = refused("partial file (cut inside the token's quoted value)", cut, Map.of());

        assertThat(message).contains(file.toString()).contains("is not valid YAML").contains("line");
        assertThat(world.host.output()).doesNotContain(token.substring(0, 12));
    }

    @Test
    @DisplayName("a wrong type: the file, the key and an example of the right value")
    void wrongType() {
        String yaml = valid().replace("slots: 1", "slots: two");
        String message = refused("wrong type (queue.slots: two)", yaml, Map.of());

        assertThat(message).isEqualTo("Configuration error: " + file + ", line " + lineOf(yaml, "slots: two")
                + ": key 'queue.slots': has value 'two', which is not a whole number; use digits, for example 2");
    }

    @Test
    @DisplayName("the required token missing: the file, the key and the ways to give it")
    void missingToken() {
        String yaml = valid().replaceAll("(?m)^  token: .*\\n", "");

        String message = refused("required key missing (discord.token)", yaml, Map.of());

        assertThat(message).isEqualTo("Configuration error: " + file + ": key 'discord.token': is not set.");
        assertThat(world.host.output()).contains("set the environment variable DISCORD_TOKEN")
                .contains("or set discord.token in the configuration file");
    }

    @Test
    @DisplayName("a trust certificate that is not a certificate: the file, the key and the fix")
    void badCertificate() {
        String yaml = valid().replace(world.certFile.toString(), file.toString());

        String message = refused("discord.trustCertificate names a file that is not PEM", yaml, Map.of());

        assertThat(message).contains(file.toString()).contains("discord.trustCertificate")
                .contains("give the emulator's PEM certificate");
    }

    @Test
    @DisplayName("a malformed host override in the environment: the variable, the key and the fix")
    void malformedHostEnvironment() {
        String message = refused("QUEUE_SLOTS=many", valid(), Map.of("QUEUE_SLOTS", "many"));

        assertThat(message).isEqualTo("Configuration error: environment variable QUEUE_SLOTS: key 'queue.slots': has"
                + " value 'many', which is not a whole number; use digits, for example 2");
    }

    @Test
    @DisplayName("a malformed plugin override in the environment (VOICE_TIMEOUT=soon): the bot does not start")
    void malformedPluginEnvironment() {
        String message = refused("VOICE_TIMEOUT=soon", valid(), Map.of("VOICE_TIMEOUT", "soon"));

        assertThat(message).isEqualTo("Configuration error: environment variable VOICE_TIMEOUT: key"
                + " 'plugins.voice.timeout': has value 'soon', which is not a duration; use seconds (60) or a number"
                + " with a unit (500ms, 60s, 5m, 2h)");
    }

    @Test
    @DisplayName("a malformed plugin key in the file: the file, the key and the fix; the bot does not start")
    void malformedPluginKey() {
        String message = refused("plugins.voice.connectTimeout: fast",
                valid().replace("connectTimeout: 5s", "connectTimeout: fast"), Map.of());

        assertThat(message).contains(file.toString()).contains("plugins.voice.connectTimeout")
                .contains("not a duration");
    }

    @Test
    @DisplayName("a guild section keyed by name instead of id: the file, the key and how to find the id")
    void guildByName() {
        String yaml = valid().replace("\"" + world.guild.id() + "\":", "myserver:");

        String message = refused("plugins.voice.guilds keyed by a name", yaml, Map.of());

        assertThat(message).contains(file.toString()).contains("plugins.voice.guilds.myserver")
                .contains("Copy ID");
    }

    @Test
    @DisplayName("unknown keys: warned about with the key probably meant, and the bot starts")
    void unknownKeys() {
        String yaml = valid().replace("queue:\n  slots: 1", "queue:\n  slots: 1\n  slot: 2")
                .replace("logging:", "colour: blue\nlogging:");
        world.writeConfigText(yaml);
        world.launch(Map.of());
        world.host.awaitStarted(ProcessWorld.START_TIMEOUT);

        String output = world.host.output();
        assertThat(output)
                .contains(file + ", line " + lineOf(yaml, "slot: 2")
                        + ": unknown key 'queue.slot' is ignored; did you mean 'queue.slots'?")
                .contains(file + ", line " + lineOf(yaml, "colour: blue")
                        + ": unknown key 'colour' is ignored; see config/bot.example.yml");
        List<String> violations = world.violationsAtRest();
        RUNS.add(new RunLog.Entry("unknown keys (queue.slot, colour)", "started; warned: `unknown key 'queue.slot' is"
                + " ignored; did you mean 'queue.slots'?`", violations, Duration.ZERO));
        assertThat(violations).isEmpty();
    }

    /** The 1-based line of the first line of {@code yaml} that contains {@code text}. */
    private static int lineOf(String yaml, String text) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not in the configuration");
    }
}
