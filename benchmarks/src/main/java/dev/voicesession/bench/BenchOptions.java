package dev.voicesession.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What to run. {@code --quick} is a smoke run (100 sessions, shorter windows); the default is the full run the
 * report is made from (at least 1,000 sessions).
 *
 * @param quick whether this is the quick run
 * @param sessions measured lifecycle sessions in the main run
 * @param warmup lifecycle sessions run before measuring (JIT, class loading, pools)
 * @param guilds guilds in the main run (idle memory is measured with these)
 * @param usersPerGuild members per guild in the main run
 * @param burstGuilds guilds the burst comes from
 * @param burstUsersPerGuild users per burst guild
 * @param startupRuns host starts measured for start-to-ready and idle memory
 * @param loadLevels concurrent sessions per load level
 * @param loadSamples sessions per load level
 * @param timerSessions sessions that end by the join timeout
 * @param timerTimeoutMillis the join timeout of those sessions
 * @param rateLimitWindowSeconds how long each rate-limited phase runs
 * @param rateLimits whether to run the rate-limited phases
 * @param cluster whether to run the cluster phase (several host processes, PostgreSQL)
 * @param onlyCluster run the cluster phase alone and print its figures, writing no report
 * @param pluginJar the voice plugin jar
 * @param docsDir where performance.md and images/ go
 * @param workDir where hosts keep their files
 * @param command the command line, for the report
 */
public record BenchOptions(boolean quick, int sessions, int warmup, int guilds, int usersPerGuild, int burstGuilds,
        int burstUsersPerGuild, int startupRuns, List<Integer> loadLevels, int loadSamples, int timerSessions,
        long timerTimeoutMillis, int rateLimitWindowSeconds, boolean rateLimits, boolean cluster, boolean onlyCluster,
        Path pluginJar, Path docsDir, Path workDir, String command) {

    static final String USAGE = """
            Usage: bin/bench [--quick] [--sessions N] [--no-rate-limits] [--no-cluster | --only-cluster]
                             [--plugin JAR] [--docs DIR] [--work DIR]
              --quick            a short run (100 sessions, 20 s rate-limit windows) to check the setup
              --sessions N       measured lifecycle sessions in the main run (default 1000)
              --no-rate-limits   skip the phases with Discord-like rate limits (the cluster phase too)
              --no-cluster       skip the cluster phase (host processes over 8 shards sharing PostgreSQL)
              --only-cluster     run the cluster phase alone and log its figures; writes no report
              --plugin JAR       the voice plugin jar (default: plugins/voice-plugin*.jar)
              --docs DIR         where performance.md and images/ are written (default: docs)
              --work DIR         where the hosts' files go (default: benchmarks/target/bench-work)""";

    /** Parses the command line; throws {@link IllegalArgumentException} with the problem. */
    static BenchOptions parse(String[] args) {
        boolean quick = false;
        Integer sessions = null;
        boolean rateLimits = true;
        boolean cluster = true;
        boolean onlyCluster = false;
        Path plugin = null;
        Path docs = Path.of("docs");
        Path work = Path.of("benchmarks", "target", "bench-work");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--sessions" -> sessions = Integer.parseInt(value(args, ++i, "--sessions"));
                case "--no-rate-limits" -> rateLimits = false;
                case "--no-cluster" -> cluster = false;
                case "--only-cluster" -> onlyCluster = true;
                case "--plugin" -> plugin = Path.of(value(args, ++i, "--plugin"));
                case "--docs" -> docs = Path.of(value(args, ++i, "--docs"));
                case "--work" -> work = Path.of(value(args, ++i, "--work"));
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'");
            }
        }
        if (onlyCluster && (!cluster || !rateLimits)) {
            throw new IllegalArgumentException("--only-cluster cannot be combined with --no-cluster or --no-rate-limits");
        }
        int measured = sessions != null ? sessions : quick ? 100 : 1000;
        if (measured < 1) {
            throw new IllegalArgumentException("--sessions must be at least 1");
        }
        return new BenchOptions(quick, measured, quick ? 20 : 50, 1000, 10, 100, 10, quick ? 1 : 3,
                List.of(1, 2, 4, 8, 16, 32, 64), quick ? 64 : 256, quick ? 200 : 1000, 2_000,
                quick ? 20 : 60, rateLimits, cluster && rateLimits, onlyCluster, plugin, docs, work,
                "bin/bench " + String.join(" ", args));
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    /** These options with the plugin jar resolved. */
    BenchOptions withPlugin(Path jar) {
        return new BenchOptions(quick, sessions, warmup, guilds, usersPerGuild, burstGuilds, burstUsersPerGuild,
                startupRuns, loadLevels, loadSamples, timerSessions, timerTimeoutMillis, rateLimitWindowSeconds,
                rateLimits, cluster, onlyCluster, jar, docsDir, workDir, command);
    }
}
