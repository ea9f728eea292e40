package dev.voicesession.bench.driver;

import dev.voicesession.emulator.rest.RateLimitMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** The host's YAML configuration for a benchmark phase: the emulator's URLs and every guild's voice section. */
final class HostConfigYaml {
    private HostConfigYaml() {}

    /**
     * One process of a bot run as several: its shard range, the PostgreSQL database every process shares, and
     * queue slots counted over the whole cluster.
     *
     * @param firstShard the first shard this process runs
     * @param lastShard the last shard this process runs
     * @param jdbcUrl the shared database
     * @param user its user
     * @param password its password
     */
    record ClusterPart(int firstShard, int lastShard, String jdbcUrl, String user, String password) {}

    static String render(BenchWorld world, Path certificate, Path database, Path pluginsDir, int shards, int slots,
            List<BenchWorld.GuildSlot> voiceGuilds, Function<BenchWorld.GuildSlot, Duration> joinTimeout,
            ClusterPart cluster) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("""
                discord:
                  token: "%s"
                  restUrl: "%s"
                  gatewayUrl: "%s"
                  trustCertificate: "%s"
                  readyTimeout: 5m
                  globalRateLimit: %s
                  shards:
                    total: %d%s
                bot:
                  prefix: "!"
                  shutdownDeadline: 5s
                queue:
                  slots: %d%s
                database:
                %s
                plugins:
                  dir: "%s"
                  voice:
                    enabled: true
                    guilds:
                """.formatted(world.emulator().botToken(), world.emulator().restBaseUrl(),
                world.emulator().gatewayUrl(), certificate, globalRateLimit(world), shards,
                cluster == null ? "" : "\n    range: \"" + cluster.firstShard() + "-" + cluster.lastShard() + "\"",
                slots, cluster == null ? "" : "\n  scope: cluster",
                cluster == null ? "  path: \"" + database + "\""
                        : "  url: \"" + cluster.jdbcUrl() + "\"\n  user: \"" + cluster.user()
                                + "\"\n  password: \"" + cluster.password() + "\"",
                pluginsDir));
        for (BenchWorld.GuildSlot guild : voiceGuilds) {
            yaml.append("      \"").append(Long.toUnsignedString(guild.guildId())).append("\":\n")
                    .append("        enabled: true\n")
                    .append("        category: \"").append(Long.toUnsignedString(guild.categoryId())).append("\"\n")
                    .append("        timeout: ").append(joinTimeout.apply(guild).toMillis()).append("ms\n");
        }
        return yaml.toString();
    }

    /**
     * The host paces its REST requests below Discord's global limit by default (50 a second). Phases that turn
     * the emulator's limits off measure the host alone, so their host does not pace either; the rate-limit and
     * cluster phases run with both on.
     */
    private static String globalRateLimit(BenchWorld world) {
        return world.rateLimitMode() == RateLimitMode.OFF ? "off" : "50";
    }
}
