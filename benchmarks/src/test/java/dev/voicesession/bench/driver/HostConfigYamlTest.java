package dev.voicesession.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.config.DiscordSettings;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.config.QueueSettings;
import dev.voicesession.testing.postgres.PostgresDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostConfigYamlTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("a cluster process's configuration loads with its shard range, the shared database, cluster slots"
            + " and pacing")
    void clusterPart() throws IOException {
        try (BenchWorld world = BenchWorld.start(RateLimitMode.DISCORD, null, 8, 2, 1)) {
            HostConfigYaml.ClusterPart part = new HostConfigYaml.ClusterPart(4, 7,
                    "jdbc:postgresql://127.0.0.1:5999/bench", "bench", "secret");
            world.writeCertificate(dir.resolve("cert.pem"));
            HostConfig config = load(HostConfigYaml.render(world, dir.resolve("cert.pem"), dir.resolve("bot.db"),
                    dir.resolve("plugins"), 8, 2, world.guilds(), g -> Duration.ofSeconds(60), part));

            assertThat(config.discord().shardsTotal()).isEqualTo(8);
            assertThat(config.discord().globalRateLimit()).as("paced, as Discord's limits are on").isEqualTo(50);
            assertThat(config.discord().shardRange()).contains(new DiscordSettings.ShardRange(4, 7));
            assertThat(config.queue().slots()).isEqualTo(2);
            assertThat(config.queue().scope()).isEqualTo(QueueSettings.Scope.CLUSTER);
            assertThat(config.database().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5999/bench");
            assertThat(config.database().user()).isEqualTo("bench");
            assertThat(config.database().password()).isEqualTo("secret");
        }
    }

    @Test
    @DisplayName("a single process's configuration keeps all shards, its SQLite file and its own slots")
    void singleProcess() throws IOException {
        try (BenchWorld world = BenchWorld.start(RateLimitMode.OFF, 2, 1)) {
            world.writeCertificate(dir.resolve("cert.pem"));
            HostConfig config = load(HostConfigYaml.render(world, dir.resolve("cert.pem"), dir.resolve("bot.db"),
                    dir.resolve("plugins"), 1, 3, world.guilds(), g -> Duration.ofSeconds(60), null));

            assertThat(config.discord().shardRange()).isEmpty();
            assertThat(config.discord().globalRateLimit()).as("not paced: the emulator's limits are off").isZero();
            assertThat(config.queue().scope()).isEqualTo(QueueSettings.Scope.PROCESS);
            assertThat(config.database().path()).isEqualTo(dir.resolve("bot.db"));
        }
    }

    @Test
    @DisplayName("the cluster phase splits 8 shards into equal ranges for 1, 2 and 4 processes")
    void shardRanges() {
        PostgresDatabase db = new PostgresDatabase("jdbc:postgresql://127.0.0.1:1/x", "u", "p", "x");
        assertThat(ClusterScenario.parts(db, 1)).extracting(p -> p.firstShard() + "-" + p.lastShard())
                .containsExactly("0-7");
        assertThat(ClusterScenario.parts(db, 2)).extracting(p -> p.firstShard() + "-" + p.lastShard())
                .containsExactly("0-3", "4-7");
        assertThat(ClusterScenario.parts(db, 4)).extracting(p -> p.firstShard() + "-" + p.lastShard())
                .containsExactly("0-1", "2-3", "4-5", "6-7");
    }

    private HostConfig load(String yaml) throws IOException {
        Path file = dir.resolve("bot.yml");
        Files.writeString(file, yaml);
        Files.createDirectories(dir.resolve("plugins"));
        return ConfigLoader.load(file, true, Map.of());
    }

}
