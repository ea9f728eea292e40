package dev.voicesession.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.voicesession.api.DiscordClient;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.gateway.IdentifyLimit;
import dev.voicesession.emulator.junit.EmulatorExtension;
import dev.voicesession.emulator.model.Guild;
import dev.voicesession.emulator.model.IdentifyLogEntry;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.testing.postgres.PostgresDatabase;
import dev.voicesession.testing.postgres.PostgresExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * Two host processes of one bot (two {@link BotHost}s in this JVM, each with a shard manager of its own) run the
 * shard ranges 0-1 and 2-3 of a 4-shard bot and share one database. The emulator has {@code max_concurrency} 1,
 * so all four shards are in one bucket: their IDENTIFYs, coordinated through the database, reach the gateway at
 * least the identify window apart, none is refused, and both processes get ready with their own guilds. An
 * operator's own shard manager gets the same coordination from {@link BotHost#sessionController}.
 */
@ExtendWith(PostgresExtension.class)
class ShardProcessesEmulatorTest {

    /** The emulator's identify window, and the hosts' identify interval: shorter than Discord's 5 s for speed. */
    private static final Duration WINDOW = Duration.ofMillis(500);
    private static final int SHARDS = 4;

    @RegisterExtension
    final EmulatorExtension discord = EmulatorExtension.emulatorOnly()
            .rateLimits(RateLimitMode.OFF)
            .voice(false)
            .emulator(builder -> builder.identifyLimit(IdentifyLimit.discord().withWindow(WINDOW)));

    @TempDir
    Path dir;

    private final List<Guild> guilds = new ArrayList<>();
    private final List<BotHost> hosts = new ArrayList<>();

    @BeforeEach
    void seed() {
        // Two guilds on every shard: (id >> 22) % 4 is the shard.
        for (int shard = 0; shard < SHARDS; shard++) {
            for (int i = 0; i < 2; i++) {
                guilds.add(discord.control().createGuildOnShard("guild-" + guilds.size(), shard, SHARDS));
            }
        }
    }

    @AfterEach
    void stop() {
        hosts.forEach(BotHost::stop);
    }

    @Test
    @DisplayName("SQLite file: IDENTIFYs of two processes never closer than the window in one bucket; both ready")
    void sqliteFile() throws Exception {
        Path file = dir.resolve("data").resolve("bot.db");
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + file);

        runTwoProcesses("path: \"%s\"".formatted(file), sqlite);
    }

    @Test
    @DisplayName("PostgreSQL: IDENTIFYs of two processes never closer than the window in one bucket; both ready")
    void postgres(PostgresDatabase pg) throws Exception {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setUrl(pg.url());
        postgres.setUser(pg.user());
        postgres.setPassword(pg.password());

        runTwoProcesses("url: \"%s\"\n  user: \"%s\"\n  password: \"%s\"".formatted(pg.url(), pg.user(),
                pg.password()), postgres);
    }

    @Test
    @DisplayName("attached: an operator's shard manager for shards 2-3 identifies through BotHost.sessionController,"
            + " one bucket per shard with max_concurrency 2")
    void attachedShardManager() throws Exception {
        discord.control().setIdentifyLimit(IdentifyLimit.discord().withMaxConcurrency(2).withWindow(WINDOW));
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("operator.db"));
        sqlite.setBusyTimeout(5000);
        ShardManager shards = DefaultShardManagerBuilder.createLight(discord.emulator().botToken(), BotHost.INTENTS)
                .setRestConfig(EmulatorClients.restConfig(discord.emulator()))
                .setShardsTotal(SHARDS)
                .setShards(2, 3)
                .setSessionController(BotHost.sessionController(sqlite))
                .build();
        try {
            Files.createDirectories(dir.resolve("plugins"));
            String yaml = """
                    bot:
                      slashCommands: "off"
                    plugins:
                      dir: "%s"
                    """.formatted(dir.resolve("plugins"));
            hosts.add(BotHost.builder().config(ConfigLoader.parse(yaml, "attached.yml", Map.of())).dataSource(sqlite)
                    .attach(shards).start());

            assertReady(hosts.getFirst().discord(), Set.of(2, 3));
            assertThat(discord.control().identifies()).allMatch(IdentifyLogEntry::accepted)
                    .extracting(IdentifyLogEntry::shardId, IdentifyLogEntry::bucket)
                    .containsExactlyInAnyOrder(tuple(2, 0), tuple(3, 1));
            assertThat(bucketsInTable(sqlite)).containsExactly(0, 1);
        } finally {
            hosts.forEach(BotHost::stop);
            hosts.clear();
            shards.shutdown();
        }
    }

    private void runTwoProcesses(String databaseKeys, DataSource database) throws Exception {
        CompletableFuture<BotHost> low = CompletableFuture.supplyAsync(() -> startHost("0-1", databaseKeys));
        CompletableFuture<BotHost> high = CompletableFuture.supplyAsync(() -> startHost("2-3", databaseKeys));
        hosts.add(low.get(60, TimeUnit.SECONDS));
        hosts.add(high.get(60, TimeUnit.SECONDS));

        // From the gateway's side: four sessions started, one per shard, none refused, in one bucket and each at
        // least the window after the one before.
        List<IdentifyLogEntry> identifies = discord.control().identifies().stream()
                .sorted(Comparator.comparingLong(IdentifyLogEntry::nanoTime))
                .toList();
        assertThat(identifies).allMatch(IdentifyLogEntry::accepted, "accepted (not refused with op 9)");
        assertThat(identifies).extracting(IdentifyLogEntry::shardId).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(identifies).extracting(IdentifyLogEntry::bucket).containsOnly(0);
        for (int i = 1; i < identifies.size(); i++) {
            Duration gap = Duration.ofNanos(identifies.get(i).nanoTime() - identifies.get(i - 1).nanoTime());
            assertThat(gap).as("gap between the IDENTIFYs of shards %d and %d", identifies.get(i - 1).shardId(),
                    identifies.get(i).shardId()).isGreaterThanOrEqualTo(WINDOW);
        }

        // Each process is ready with its own shards and exactly the guilds of those shards.
        assertReady(hosts.get(0).discord(), Set.of(0, 1));
        assertReady(hosts.get(1).discord(), Set.of(2, 3));
        assertThat(bucketsInTable(database)).containsExactly(0);
    }

    private BotHost startHost(String range, String databaseKeys) {
        Path plugins = dir.resolve("plugins-" + range);
        try {
            Files.createDirectories(plugins);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String yaml = """
                discord:
                  token: "%s"
                  restUrl: "%s"
                  gatewayUrl: "%s"
                  identifyInterval: %dms
                  readyTimeout: 30s
                  shards:
                    total: %d
                    range: %s
                bot:
                  slashCommands: "off"
                database:
                  %s
                plugins:
                  dir: "%s"
                """.formatted(discord.emulator().botToken(), discord.emulator().restBaseUrl(),
                discord.emulator().gatewayUrl(), WINDOW.toMillis(), SHARDS, range, databaseKeys, plugins);
        return BotHost.builder().config(ConfigLoader.parse(yaml, "shards-" + range + ".yml", Map.of())).start();
    }

    private void assertReady(DiscordClient client, Set<Integer> shards) {
        assertThat(client.shards()).extracting(shard -> shard.getShardInfo().getShardId())
                .containsExactlyElementsOf(shards.stream().sorted().toList());
        assertThat(client.shards()).allMatch(shard -> shard.getStatus() == JDA.Status.CONNECTED);
        Set<Long> expected = new HashSet<>();
        shards.forEach(shard -> guildsOn(shard).forEach(guild -> expected.add(guild.id())));
        assertThat(client.guilds()).extracting(net.dv8tion.jda.api.entities.Guild::getIdLong)
                .containsExactlyInAnyOrderElementsOf(expected);
        guilds.forEach(guild -> assertThat(client.servesGuild(guild.id()))
                .isEqualTo(shards.contains(DiscordClient.shardId(guild.id(), SHARDS))));
    }

    private List<Guild> guildsOn(int shard) {
        return guilds.stream().filter(guild -> DiscordClient.shardId(guild.id(), SHARDS) == shard).toList();
    }

    private static List<Integer> bucketsInTable(DataSource database) throws SQLException {
        List<Integer> buckets = new ArrayList<>();
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT bucket FROM gateway_identify ORDER BY bucket")) {
            while (rs.next()) {
                buckets.add(rs.getInt(1));
            }
        }
        return buckets;
    }
}
