package dev.voicesession.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.support.TestPlugins;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {

    @Test
    @DisplayName("--sandbox: an embedded emulator with two guilds, one lacking Manage Channels; plugins load")
    void sandbox(@TempDir Path dir) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.hello(plugins);
        HostConfig config = ConfigLoader.parse("""
                database:
                  path: %s
                plugins:
                  dir: %s
                """.formatted(dir.resolve("bot.db"), plugins), "sandbox.yml", Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (Sandbox sandbox = Sandbox.start(new PrintStream(out, true, StandardCharsets.UTF_8))) {
            BotHost host = sandbox.startHost(config);
            try {
                assertThat(out.toString(StandardCharsets.UTF_8))
                        .contains("Control URL: " + sandbox.emulator().controlUrl())
                        .contains("Guild 'Sandbox (full permissions)'")
                        .contains("Guild 'Sandbox (no Manage Channels)'");
                assertThat(host.pluginReport().started()).containsExactly("hello");
                assertThat(host.shardManager().getGuilds()).hasSize(2);
                Guild full = host.shardManager().getGuildsByName("Sandbox (full permissions)", false).getFirst();
                Guild limited = host.shardManager().getGuildsByName("Sandbox (no Manage Channels)", false).getFirst();
                assertThat(full.getSelfMember().hasPermission(Sandbox.BOT_PERMISSIONS)).isTrue();
                assertThat(limited.getSelfMember().hasPermission(Permission.MANAGE_CHANNEL)).isFalse();
                assertThat(limited.getSelfMember().hasPermission(Permission.VOICE_CONNECT)).isTrue();
            } finally {
                host.stop();
            }
        }
    }
}
