package dev.voicesession.bench;

import dev.voicesession.bench.driver.ClusterScenario;
import dev.voicesession.bench.driver.HostProcess;
import dev.voicesession.bench.driver.LoadScenario;
import dev.voicesession.bench.driver.MainScenario;
import dev.voicesession.bench.driver.RateLimitScenario;
import dev.voicesession.bench.report.Machine;
import dev.voicesession.bench.report.ReportWriter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark runner ({@code bin/bench}): drives the real host and voice-plugin jar against the emulator and
 * writes {@code docs/performance.md} with its charts. Not part of the test run.
 */
public final class BenchMain {
    private static final Logger LOG = LoggerFactory.getLogger(BenchMain.class);

    private BenchMain() {}

    /**
     * Runs the benchmark.
     *
     * @param args see {@code bin/bench --help}
     */
    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
            options = options.withPlugin(pluginJar(options.pluginJar()));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            Path report = run(options);
            if (report != null) {
                LOG.info("Report written to {}", report);
            }
            System.exit(0);
        } catch (BenchException | IOException e) {
            LOG.error("Benchmark failed: {}", e.getMessage(), e);
            System.exit(1);
        }
    }

    /** Runs the phases and writes the report; returns where, or null for {@code --only-cluster}. */
    static Path run(BenchOptions options) throws IOException {
        ZonedDateTime started = ZonedDateTime.now();
        long start = System.nanoTime();
        Machine machine = Machine.current();
        LOG.info("Benchmark ({}) on {}, {} cores, load {}; plugin {}", options.quick() ? "quick" : "full",
                machine.cpu(), machine.cores(), Machine.loadAverage(), options.pluginJar());
        Files.createDirectories(options.workDir());
        List<Results.PhaseLoad> loads = new ArrayList<>();
        if (options.onlyCluster()) {
            phase(loads, "cluster", () -> ClusterScenario.run(options, options.workDir()));
            LOG.info("Cluster phase alone: no report written (run bin/bench without --only-cluster for one)");
            return null;
        }
        MainScenario.Result main = phase(loads, "main", () -> MainScenario.run(options, options.workDir()));
        LoadScenario.Result load = phase(loads, "load", () -> LoadScenario.run(options, options.workDir()));
        RateLimitScenario.Result rateLimits = options.rateLimits()
                ? phase(loads, "rate limits", () -> RateLimitScenario.run(options, options.workDir()))
                : null;
        ClusterScenario.Result cluster = options.cluster()
                ? phase(loads, "cluster", () -> ClusterScenario.run(options, options.workDir()))
                : null;
        Results results = new Results(options, machine, started, Duration.ofNanos(System.nanoTime() - start), loads,
                main, load, rateLimits, cluster);
        return ReportWriter.write(results);
    }

    private static <T> T phase(List<Results.PhaseLoad> loads, String name, Supplier<T> phase) {
        String before = Machine.loadAverage();
        LOG.info("Phase '{}' starts, load average {}", name, before);
        long busy = Machine.busyNanos();
        long own = ownCpuNanos();
        long wall = System.nanoTime();
        T result = phase.get();
        long others = (Machine.busyNanos() - busy) - (ownCpuNanos() - own);
        double percent = 100.0 * others / ((System.nanoTime() - wall) * (double) Runtime.getRuntime().availableProcessors());
        loads.add(new Results.PhaseLoad(name, before, Machine.loadAverage(), Math.max(0, percent)));
        LOG.info("Phase '{}' done; other processes used {} % of the machine's CPU meanwhile", name, Math.round(percent));
        return result;
    }

    /** CPU used by this JVM and by the hosts it has closed. */
    private static long ownCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L)
                + HostProcess.closedHostsCpuNanos();
    }

    /** The plugin jar given, or the one voice-plugin's build put into plugins/. */
    private static Path pluginJar(Path given) {
        if (given != null) {
            if (!Files.isRegularFile(given)) {
                throw new IllegalArgumentException("No plugin jar at " + given);
            }
            return given.toAbsolutePath();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of("plugins"), "voice-plugin*.jar")) {
            found.forEach(jars::add);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot list plugins/: " + e.getMessage(), e);
        }
        if (jars.size() != 1) {
            throw new IllegalArgumentException("Expected one plugins/voice-plugin*.jar, found " + jars
                    + "; build it with ./mvnw -pl voice-plugin package -DskipTests or pass --plugin");
        }
        return jars.getFirst().toAbsolutePath();
    }
}
