package dev.voicesession.bench.driver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** The host's YAML configuration for a benchmark phase: the emulator's URLs and every guild's voice section. */
final class HostConfigYaml {
    private HostConfigYaml() {}

    static String render(BenchWorld world, Path certificate, Path database, Path pluginsDir, int shards, int slots,
            List<BenchWorld.GuildSlot> voiceGuilds, Function<BenchWorld.GuildSlot, Duration> joinTimeout) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("""
                discord:
                  token: "%s"
                  restUrl: "%s"
                  gatewayUrl: "%s"
                  trustCertificate: "%s"
                  readyTimeout: 5m
                  shards:
                    total: %d
                bot:
                  prefix: "!"
                  shutdownDeadline: 5s
                queue:
                  slots: %d
                database:
                  path: "%s"
                plugins:
                  dir: "%s"
                  voice:
                    enabled: true
                    guilds:
                """.formatted(world.emulator().botToken(), world.emulator().restBaseUrl(),
                world.emulator().gatewayUrl(), certificate, shards, slots, database, pluginsDir));
        for (BenchWorld.GuildSlot guild : voiceGuilds) {
            yaml.append("      \"").append(Long.toUnsignedString(guild.guildId())).append("\":\n")
                    .append("        enabled: true\n")
                    .append("        category: \"").append(Long.toUnsignedString(guild.categoryId())).append("\"\n")
                    .append("        timeout: ").append(joinTimeout.apply(guild).toMillis()).append("ms\n");
        }
        return yaml.toString();
    }
}
