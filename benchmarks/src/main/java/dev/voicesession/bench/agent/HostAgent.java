package dev.voicesession.bench.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.voicesession.emulator.client.EmulatorSessionController;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.jda.DaveCheck;
import dev.voicesession.host.lifecycle.HostScheduler;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of the benchmark, run by the driver in a JVM of its own so that heap and RSS are the host's
 * and the plugin's alone: starts the real {@link BotHost} with the real plugin jar against the emulator
 * (everything from the YAML configuration, as {@code bin/run} would), with probes that only observe, then
 * serves their readings on a loopback port and writes that port to the ready file.
 *
 * <p>Probes: {@link TimedEventManager} (time per JDA event, event-thread marking), {@link DbProbe} (pool
 * borrows by thread), {@link CommitProbe} (commit times of {@code voice_sessions} rows), {@link VoiceProbe}
 * (voice connection status), {@link TimerProbe} (timer lateness), {@link MemorySampler}.
 *
 * <p>Usage: {@code HostAgent <config.yml> <plugins dir> <ready file>}.
 */
public final class HostAgent {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostAgent() {}

    /**
     * Runs the host until the driver asks it to stop.
     *
     * @param args the configuration file, the plugins directory and the ready file
     * @throws IOException if the ready file cannot be written
     * @throws InterruptedException if interrupted while waiting for the stop request
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        long mainNanos = System.nanoTime();
        if (args.length != 3) {
            System.err.println("Usage: HostAgent <config.yml> <plugins dir> <ready file>");
            System.exit(2);
        }
        Logger log = LoggerFactory.getLogger(HostAgent.class);
        HostConfig config = ConfigLoader.load(Path.of(args[0]), true, Map.of());
        EventProbe events = new EventProbe();
        HostScheduler scheduler = new HostScheduler();
        TimerProbe timers = new TimerProbe(scheduler);
        long hostStartNanos = System.nanoTime();
        BotHost host = BotHost.builder()
                .config(config)
                .pluginsDir(Path.of(args[1]))
                .scheduler(timers)
                .jdaCustomizer(builder -> {
                    builder.setEventManagerProvider(shard -> new TimedEventManager(events));
                    // a process of a cluster keeps the host's identify coordination through the shared database
                    if (config.discord().shardsTotal() > 1 && config.discord().shardRange().isEmpty()) {
                        // the emulator does not limit identifies: no five seconds between shards at start
                        builder.setSessionController(new EmulatorSessionController(
                                config.discord().gatewayUrl().orElseThrow()));
                    }
                })
                .start();
        long readyNanos = System.nanoTime();
        long readyEpochMillis = System.currentTimeMillis();

        DbProbe db = new DbProbe();
        ((HikariDataSource) host.dataSource()).setMetricsTrackerFactory(db);
        CommitProbe commits = new CommitProbe();
        VoiceProbe voice = new VoiceProbe();
        MemorySampler memory = new MemorySampler();
        memory.start();
        CountDownLatch stop = new CountDownLatch(1);

        Map<String, Supplier<Object>> routes = new LinkedHashMap<>();
        routes.put("/memory/gc", memory::afterGc);
        routes.put("/memory/samples", memory::drain);
        routes.put("/probes/voice", () -> Map.of("guilds", voice.install(host.shardManager())));
        routes.put("/probes/commits", () -> Map.of("connections",
                commits.install(host.dataSource(), config.database().poolSize())));
        routes.put("/drain", () -> {
            Map<String, Object> drained = new LinkedHashMap<>();
            drained.put("events", events.drain());
            drained.put("eventTypes", events.typeNames());
            drained.put("db", db.drain());
            drained.put("voice", voice.drain());
            drained.put("commits", commits.drain());
            drained.put("timers", timers.drain());
            return drained;
        });
        routes.put("/stop", () -> {
            stop.countDown();
            return Map.of("stopping", true);
        });
        AgentServer server = new AgentServer(routes);

        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("port", server.port());
        ready.put("pid", ProcessHandle.current().pid());
        ready.put("jvmStartEpochMillis", ManagementFactory.getRuntimeMXBean().getStartTime());
        ready.put("readyEpochMillis", readyEpochMillis);
        ready.put("mainNanos", mainNanos);
        ready.put("hostStartNanos", hostStartNanos);
        ready.put("readyNanos", readyNanos);
        ready.put("dave", DaveCheck.run());
        ready.put("guilds", host.shardManager().getGuildCache().size());
        ready.put("plugins", host.pluginReport().started());
        Path tmp = Path.of(args[2] + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(ready));
        Files.move(tmp, Path.of(args[2]), StandardCopyOption.ATOMIC_MOVE);
        log.info("Benchmark agent ready on port {}", server.port());

        stop.await();
        memory.stop();
        server.close();
        host.stopWithoutCleanup();
        scheduler.shutdown(Duration.ofSeconds(2));
        // JDA's HTTP client can leave non-daemon threads behind, as in the host's own Main.
        System.exit(0);
    }
}
