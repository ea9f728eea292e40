package dev.voicesession.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicesession.api.config.PluginConfig;
import dev.voicesession.emulator.console.ConsoleHost;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.support.TestPlugins;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's side of the web console: printed URL, voice switched on, host panel, log and restart. */
class SandboxConsoleTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    @DisplayName("--sandbox prints the console URL, enables voice in its guilds, and the console restarts the host")
    void consoleShowsAndRestartsTheHost(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.hello(plugins);
        HostConfig config = ConfigLoader.parse("""
                database:
                  path: %s
                plugins:
                  dir: %s
                  voice:
                    timeout: 5s
                """.formatted(dir.resolve("bot.db"), plugins), "sandbox.yml", Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (Sandbox sandbox = Sandbox.start(new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String console = sandbox.emulator().consoleUrl();
            BotHost first = sandbox.startHost(config);
            CompletableFuture<Void> sandboxStopped = CompletableFuture.runAsync(() -> awaitStop(sandbox));

            assertThat(out.toString(StandardCharsets.UTF_8)).contains("Console:     " + console)
                    .contains("users 'alice'").contains("and 'bob'");
            PluginConfig voice = first.config().pluginConfig("voice");
            assertThat(voice.getBoolean("enabled", false)).isTrue();
            assertThat(voice.configuredGuilds()).hasSize(2)
                    .allSatisfy(guild -> assertThat(voice.forGuild(guild).getBoolean("enabled", false)).isTrue());
            assertThat(voice.getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));

            JsonNode host = get(console + "api/host");
            assertThat(host.path("attached").asBoolean()).isTrue();
            assertThat(host.path("status").asText()).isEqualTo("RUNNING");
            assertThat(host.path("description").asText()).contains("[hello]");
            assertThat(host.path("sessions")).isEmpty();
            assertThat(get(console + "api/host/log?after=0").findValuesAsText("message"))
                    .anyMatch(line -> line.startsWith("Host started"));

            HttpResponse<String> restart = post(console + "api/host/restart", "{\"clean\":false}");
            assertThat(restart.statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(30)).until(first::isStopping);
            await().atMost(Duration.ofSeconds(30)).until(() -> get(console + "api/host/log?after=0")
                    .findValuesAsText("message").contains("Sandbox: starting the host again")
                    && get(console + "api/host").path("status").asText().equals(ConsoleHost.Status.RUNNING.name()));
            assertThat(sandboxStopped).as("a restart does not end the sandbox's run").isNotDone();
        }
    }

    private static void awaitStop(Sandbox sandbox) {
        try {
            sandbox.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
