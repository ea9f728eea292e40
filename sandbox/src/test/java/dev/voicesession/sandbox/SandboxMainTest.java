package dev.voicesession.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.support.TestPlugins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    @DisplayName("a bad plugin value: exit 2, the message once, with its line and key, and no sandbox banner")
    void badPluginValue() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.strict(plugins);
        Path file = Files.writeString(dir.resolve("bot.yml"), """
                database:
                  path: %s
                plugins:
                  dir: %s
                  strict:
                    timeout: soon
                logging:
                  file: %s
                """.formatted(dir.resolve("bot.db"), plugins, dir.resolve("bot.log")));

        int status = SandboxMain.run(new String[] {"--config", file.toString()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(SandboxMain.USAGE);
        assertThat(count(printed, "plugins.strict.timeout")).as(printed).isEqualTo(1);
        assertThat(printed).contains("line 6").doesNotContain("\tat ");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Console:").doesNotContain("Sandbox ready");
    }

    @Test
    @DisplayName("a reload in the sandbox keeps the sandbox's token and database: nothing that needs a restart")
    void reloadKeepsSandboxSettings() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.hello(plugins);
        Path file = Files.writeString(dir.resolve("bot.yml"), """
                database:
                  path: %s
                plugins:
                  dir: %s
                """.formatted(dir.resolve("bot.db"), plugins));

        try (Sandbox sandbox = Sandbox.start(new PrintStream(out, true, StandardCharsets.UTF_8))) {
            BotHost host = sandbox.startHost(ConfigLoader.load(file, true, Map.of()));

            List<String> needRestart = host.reload();

            assertThat(needRestart).noneMatch(line -> line.startsWith("discord") || line.startsWith("database"));
            assertThat(host.config().discord().token()).isEqualTo(sandbox.emulator().botToken());
        }
    }
}
