package dev.voicesession.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicesession.bench.BenchException;
import dev.voicesession.bench.agent.HostAgent;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host under test in a JVM of its own ({@link HostAgent}), started the way {@code bin/run} starts the bot
 * (same JVM options, the real plugin jar in its plugins directory, configuration from YAML) and read through
 * the agent's loopback endpoints.
 */
public final class HostProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostProcess.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final AtomicLong CLOSED_HOSTS_CPU = new AtomicLong();

    private final String name;
    private final Process process;
    private final Path dir;
    private final long launchNanos;
    private final JsonNode ready;
    private final HttpClient http = HttpClient.newHttpClient();

    private HostProcess(String name, Process process, Path dir, long launchNanos, JsonNode ready) {
        this.name = name;
        this.process = process;
        this.dir = dir;
        this.launchNanos = launchNanos;
        this.ready = ready;
    }

    /**
     * Starts a host against {@code world} and waits until it is ready.
     *
     * @param workDir where the host's files go (a directory per host)
     * @param name the host's name in file names and logs
     * @param world the emulator it connects to
     * @param pluginJar the voice plugin jar
     * @param shards JDA shards
     * @param slots queue slots
     * @param voiceGuilds guilds with voice sessions enabled
     * @param joinTimeout each guild's join timeout
     * @return the running host
     */
    public static HostProcess start(Path workDir, String name, BenchWorld world, Path pluginJar, int shards,
            int slots, List<BenchWorld.GuildSlot> voiceGuilds, Function<BenchWorld.GuildSlot, Duration> joinTimeout) {
        return start(workDir, name, world, pluginJar, shards, slots, voiceGuilds, joinTimeout, null);
    }

    /**
     * Starts one process of a bot run as several ({@code cluster} not null: its shard range, the shared PostgreSQL
     * database, queue slots counted over the cluster) and waits until it is ready.
     *
     * @param workDir where the host's files go (a directory per host)
     * @param name the host's name in file names and logs
     * @param world the emulator it connects to
     * @param pluginJar the voice plugin jar
     * @param shards JDA shards, over the whole bot
     * @param slots queue slots
     * @param voiceGuilds guilds with voice sessions enabled
     * @param joinTimeout each guild's join timeout
     * @param cluster this process's part of the bot, or null for a bot in one process with its SQLite file
     * @return the running host
     */
    static HostProcess start(Path workDir, String name, BenchWorld world, Path pluginJar, int shards, int slots,
            List<BenchWorld.GuildSlot> voiceGuilds, Function<BenchWorld.GuildSlot, Duration> joinTimeout,
            HostConfigYaml.ClusterPart cluster) {
        Path dir = workDir.toAbsolutePath().resolve(name);
        try {
            if (Files.exists(dir)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Path plugins = Files.createDirectories(dir.resolve("plugins"));
            Files.copy(pluginJar, plugins.resolve(pluginJar.getFileName()));
            Path certificate = dir.resolve("emulator.pem");
            world.writeCertificate(certificate);
            Path config = dir.resolve("bot.yml");
            Files.writeString(config, HostConfigYaml.render(world, certificate, dir.resolve("data").resolve("bot.db"),
                    plugins, shards, slots, voiceGuilds, joinTimeout, cluster));
            Path readyFile = dir.resolve("ready.json");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.add("--enable-native-access=ALL-UNNAMED");
            command.add("-Dbot.log.level=INFO");
            command.add("-Dbot.log.file=" + dir.resolve("bot.log"));
            command.add("-cp");
            command.add(absoluteClassPath());
            command.add(HostAgent.class.getName());
            command.add(config.toString());
            command.add(plugins.toString());
            command.add(readyFile.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("console.log").toFile());
            long launchNanos = System.nanoTime();
            Process process = builder.start();
            // a driver stopped with Ctrl-C or SIGTERM leaves no host behind
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(process::destroyForcibly));
            JsonNode ready = awaitReady(name, process, readyFile, dir);
            LOG.info("Host '{}' ready (pid {}, {} guilds) in {} ms", name, ready.path("pid").asLong(),
                    ready.path("guilds").asInt(), (ready.path("readyNanos").asLong() - launchNanos) / 1_000_000);
            return new HostProcess(name, process, dir, launchNanos, ready);
        } catch (IOException e) {
            throw new BenchException("Cannot start host '" + name + "' in " + dir, e);
        }
    }

    private static JsonNode awaitReady(String name, Process process, Path readyFile, Path dir) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(readyFile)) {
            if (!process.isAlive()) {
                throw new BenchException("Host '" + name + "' exited with " + process.exitValue()
                        + " before it was ready; see " + dir.resolve("console.log"));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new BenchException("Host '" + name + "' was not ready within " + START_TIMEOUT + "; see "
                        + dir.resolve("console.log"));
            }
            sleep(Duration.ofMillis(20));
        }
        return JSON.readTree(Files.readString(readyFile));
    }

    /** GETs an agent endpoint and parses its JSON. */
    public JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ready.path("port").asInt() + path))
                .timeout(Duration.ofMinutes(2))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new BenchException("Agent of host '" + name + "' answered " + response.statusCode() + " to "
                        + path + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BenchException("Agent of host '" + name + "' did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("Interrupted while asking host '" + name + "' for " + path, e);
        }
    }

    /** The ready file: port, pid, JVM start, main, BotHost.start and ready timestamps. */
    public JsonNode ready() {
        return ready;
    }

    /** {@link System#nanoTime()} just before the process was started. */
    public long launchNanos() {
        return launchNanos;
    }

    /** The host's directory (configuration, database, logs). */
    public Path dir() {
        return dir;
    }

    /** The host's SQLite file. */
    public Path database() {
        return dir.resolve("data").resolve("bot.db");
    }

    public String name() {
        return name;
    }

    /** CPU time the host's process has used so far, in nanoseconds (0 if the system does not say). */
    public long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** CPU time used by hosts that have been closed so far, in nanoseconds. */
    public static long closedHostsCpuNanos() {
        return CLOSED_HOSTS_CPU.get();
    }

    /** Asks the agent to stop the host and waits for the process to end. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.toHandle().info().totalCpuDuration().ifPresent(cpu -> CLOSED_HOSTS_CPU.addAndGet(cpu.toNanos()));
        try {
            get("/stop");
        } catch (BenchException e) {
            LOG.warn("Host '{}' did not take the stop request; killing it", name, e);
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                LOG.warn("Host '{}' still running 30 s after the stop request; killing it", name);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** This JVM's class path with every entry absolute, since the host runs in a directory of its own. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("Interrupted", e);
        }
    }
}
