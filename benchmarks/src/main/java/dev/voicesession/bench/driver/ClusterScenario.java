package dev.voicesession.bench.driver;

import dev.voicesession.bench.BenchException;
import dev.voicesession.bench.BenchOptions;
import dev.voicesession.bench.report.Machine;
import dev.voicesession.bench.report.Stats;
import dev.voicesession.emulator.gateway.IdentifyLimit;
import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.testing.postgres.PostgresCluster;
import dev.voicesession.testing.postgres.PostgresDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot past one process: {@link #SHARDS} shards run by 1, 2 and 4 host processes (equal shard ranges), one
 * PostgreSQL database shared by all, queue slots counted over the cluster ({@code queue.scope: cluster}), with
 * the emulator's Discord-like rate limits on (REST buckets and the bot's global limit, which Discord counts per
 * bot, not per process; the gateway limit per shard connection; one IDENTIFY per 5 s per {@code max_concurrency}
 * bucket).
 *
 * <ul>
 *   <li><b>Throughput:</b> whole sessions back to back in every guild for a fixed window, the most slots the host
 *       accepts (64) over the cluster, for each process count.
 *   <li><b>Grant latency:</b> two processes, one slot over the cluster; a user of one process holds it, a user of
 *       the other waits; the holder leaves. Measured from outside on the queue's own {@code LISTEN/NOTIFY}
 *       channel, which every change of the line announces with the announcing process as payload: the holder's
 *       process's notification (its request deleted, the slot free, committed) to the waiter's process's
 *       notification (the request granted, committed). Both arrive at one listener, so their delivery delays
 *       cancel out.
 * </ul>
 *
 * <p>Skipped, with the reason in the report, where Debian's PostgreSQL binaries are not installed.
 */
public final class ClusterScenario {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterScenario.class);
    /** Shards of the bot. */
    public static final int SHARDS = 8;
    /** Guilds over the shards. */
    public static final int GUILDS = 96;
    private static final int USERS_PER_GUILD = 3;
    private static final List<Integer> PROCESS_COUNTS = List.of(1, 2, 4);
    private static final Duration STEP = Duration.ofMinutes(3);
    private static final String CHANNEL = "host_queue_request";

    /**
     * The throughput with one process count.
     *
     * @param processes host processes
     * @param ranges their shard ranges
     * @param windowSeconds how long sessions were started
     * @param closed sessions closed (row ended) within the window
     * @param sessionsPerMinute closed sessions per minute
     * @param failures sessions that did not complete
     * @param sessionMs per session: command to row ended
     * @param heldMs per session: channel creation sent (the slot was granted just before) to row ended
     * @param slots queue slots over the cluster
     * @param rateLimited 429 answers the bot got in the window
     * @param rateLimitedGlobal of those, answers for the global limit ({@code "global": true})
     * @param rateLimitedRoutes 429 answers by request ("METHOD route"), most first
     * @param allowedPerMinute what the limits allow for the bot's requests per session over all guilds
     * @param binding what binds {@code allowedPerMinute}
     * @param budgetPerMinute what the plugin's gateway budget allows over the shards
     * @param machineCpuPercent the machine's busy CPU during the window, in percent of all cores
     * @param hostsCpuPercent the host processes' CPU during the window, in percent of all cores
     * @param startSeconds launch of the processes to every one ready (IDENTIFYs coordinated through the database)
     */
    public record Throughput(int processes, List<String> ranges, int windowSeconds, int closed,
            double sessionsPerMinute, int failures, List<Double> sessionMs, List<Double> heldMs, int slots,
            int rateLimited, int rateLimitedGlobal, Map<String, Integer> rateLimitedRoutes, double allowedPerMinute,
            String binding, double budgetPerMinute, double machineCpuPercent, double hostsCpuPercent,
            double startSeconds) {}

    /**
     * The global queue's grant latency.
     *
     * @param samples hand-overs measured
     * @param latencyMs per hand-over: free notification to grant notification
     * @param missed hand-overs whose two notifications did not both arrive within 5 s
     */
    public record Grants(int samples, List<Double> latencyMs, int missed) {}

    /**
     * The phase.
     *
     * @param skipped why it did not run, or null
     * @param postgres the PostgreSQL server version
     * @param guildsPerShard how the guilds spread over the shards
     * @param throughput per process count
     * @param grants the grant latency
     */
    public record Result(String skipped, String postgres, List<Integer> guildsPerShard, List<Throughput> throughput,
            Grants grants) {}

    private ClusterScenario() {}

    /** Runs it, or says why it cannot. */
    public static Result run(BenchOptions options, Path workDir) {
        if (PostgresCluster.findBinaries().isEmpty()) {
            String why = "PostgreSQL is not installed (Debian's postgresql package; bin/bench installs it when run as"
                    + " root)";
            LOG.warn("Cluster phase skipped: {}", why);
            return new Result(why, null, List.of(), List.of(), null);
        }
        PostgresCluster postgres = PostgresCluster.shared();
        // Discord's window between IDENTIFYs; max_concurrency 8 (as Discord grants bigger bots) so that starting
        // eight shards takes one window instead of eight
        IdentifyLimit identify = IdentifyLimit.discord().withMaxConcurrency(SHARDS);
        try (BenchWorld world = BenchWorld.start(RateLimitMode.DISCORD, identify, SHARDS, GUILDS, USERS_PER_GUILD);
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Integer> perShard = new ArrayList<>();
            for (int s = 0; s < SHARDS; s++) {
                int shard = s;
                perShard.add((int) world.guilds().stream().filter(g -> shardOf(g) == shard).count());
            }
            String version = null;
            List<Throughput> throughput = new ArrayList<>();
            for (int processes : PROCESS_COUNTS) {
                PostgresDatabase database = postgres.createDatabase("bench_cluster_" + processes);
                version = version != null ? version : serverVersion(database);
                throughput.add(throughput(options, workDir, world, threads, database, processes));
                pause();
            }
            Grants grants = grants(options, workDir, world, postgres.createDatabase("bench_grants"));
            return new Result(null, version, perShard, throughput, grants);
        }
    }

    static int shardOf(BenchWorld.GuildSlot guild) {
        return (int) ((guild.guildId() >>> 22) % SHARDS);
    }

    private static Throughput throughput(BenchOptions options, Path workDir, BenchWorld world,
            ExecutorService threads, PostgresDatabase database, int processes) {
        List<HostConfigYaml.ClusterPart> parts = parts(database, processes);
        long launched = System.nanoTime();
        List<HostProcess> hosts = startAll(options, workDir, world, threads, parts, "cluster-" + processes,
                LoadScenario.MAX_SLOTS);
        double startSeconds = (System.nanoTime() - launched) / 1e9;
        try (SessionDb db = SessionDb.open(database.url(), database.user(), database.password())) {
            SessionDriver driver = new SessionDriver(world, db, STEP, Duration.ofMillis(10), null);
            LOG.info("Cluster: {} process(es) over {} shards, {} guilds for {} s", processes, SHARDS, GUILDS,
                    options.rateLimitWindowSeconds());
            int mark = world.traffic().mark();
            long busy = Machine.busyNanos();
            long hostsCpu = hosts.stream().mapToLong(HostProcess::cpuNanos).sum();
            long wall = System.nanoTime();
            RateLimitScenario.PhaseRun run = RateLimitScenario.phase(threads, driver, world.guilds(),
                    options.rateLimitWindowSeconds());
            double cores = Runtime.getRuntime().availableProcessors();
            double elapsed = System.nanoTime() - wall;
            double machinePercent = 100.0 * (Machine.busyNanos() - busy) / (elapsed * cores);
            double hostsPercent = 100.0 * (hosts.stream().mapToLong(HostProcess::cpuNanos).sum() - hostsCpu)
                    / (elapsed * cores);
            List<RequestLogEntry> limited = world.traffic().since(mark).stream()
                    .filter(r -> r.status() == 429).toList();
            int rateLimited = limited.size();
            int global = (int) limited.stream().filter(r -> r.responseBody().contains("\"global\":true")).count();
            Map<String, Integer> byRoute = new LinkedHashMap<>();
            limited.stream()
                    .collect(Collectors.groupingBy(r -> r.method() + " " + r.route(), Collectors.counting()))
                    .entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> byRoute.put(e.getKey(), e.getValue().intValue()));
            Map<String, Double> mix = RateLimitScenario.mix(run.traces(), world.traffic());
            RateLimitScenario.Allowed allowed = RateLimitScenario.allowed(mix, world.rateLimitConfig(), GUILDS,
                    RateLimitScenario.DISCORD_GATEWAY_LIMIT * SHARDS, "Discord's gateway limit: "
                    + RateLimitScenario.DISCORD_GATEWAY_LIMIT + " payloads per minute on each of the " + SHARDS
                    + " shards, two voice state updates per session");
            double budget = RateLimitScenario.PLUGIN_BUDGET * SHARDS / 2.0;
            double perMinute = run.closed() * 60.0 / run.windowSeconds();
            List<Double> sessionMs = run.traces().stream()
                    .map(t -> (t.rowSeenEndedNanos - t.command.nanoTime()) / 1e6).toList();
            List<Double> heldMs = run.traces().stream()
                    .map(t -> (t.rowSeenEndedNanos - t.create.arrivedNanos()) / 1e6).toList();
            LOG.info("Cluster, {} process(es): {} sessions closed in {} s = {} per minute ({} failed, {} answers 429);"
                    + " limits allow {} ({}); machine CPU {} %; 429 by request {}, {} global", processes,
                    run.closed(), run.windowSeconds(), Math.round(perMinute), run.failures(), rateLimited,
                    Math.round(allowed.perMinute()), allowed.binding(), Math.round(machinePercent), byRoute, global);
            return new Throughput(processes, parts.stream().map(p -> p.firstShard() + "-" + p.lastShard()).toList(),
                    run.windowSeconds(), run.closed(), perMinute, run.failures(), sessionMs, heldMs,
                    LoadScenario.MAX_SLOTS, rateLimited, global, byRoute, allowed.perMinute(), allowed.binding(), budget,
                    machinePercent, hostsPercent, startSeconds);
        } finally {
            hosts.forEach(HostProcess::close);
        }
    }

    /** Equal shard ranges over {@link #SHARDS} for {@code processes} processes. */
    static List<HostConfigYaml.ClusterPart> parts(PostgresDatabase database, int processes) {
        List<HostConfigYaml.ClusterPart> parts = new ArrayList<>();
        int each = SHARDS / processes;
        for (int p = 0; p < processes; p++) {
            parts.add(new HostConfigYaml.ClusterPart(p * each, p == processes - 1 ? SHARDS - 1 : (p + 1) * each - 1,
                    database.url(), database.user(), database.password()));
        }
        return parts;
    }

    /** Launches every process at once (as an operator would) and waits until each is ready. */
    private static List<HostProcess> startAll(BenchOptions options, Path workDir, BenchWorld world,
            ExecutorService threads, List<HostConfigYaml.ClusterPart> parts, String name, int slots) {
        List<Future<HostProcess>> starting = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            HostConfigYaml.ClusterPart part = parts.get(i);
            String host = name + "-" + i;
            starting.add(threads.submit(() -> HostProcess.start(workDir, host, world, options.pluginJar(), SHARDS,
                    slots, world.guilds(), g -> Duration.ofSeconds(60), part)));
        }
        List<HostProcess> hosts = new ArrayList<>();
        BenchException failed = null;
        for (Future<HostProcess> future : starting) {
            try {
                hosts.add(future.get());
            } catch (ExecutionException e) {
                failed = failed != null ? failed : new BenchException("A cluster process did not start", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed = new BenchException("Interrupted while starting the cluster", e);
            }
        }
        if (failed != null) {
            hosts.forEach(HostProcess::close);
            throw failed;
        }
        return hosts;
    }

    private static Grants grants(BenchOptions options, Path workDir, BenchWorld world, PostgresDatabase database) {
        int samples = options.quick() ? 10 : 50;
        List<HostConfigYaml.ClusterPart> parts = parts(database, 2);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<HostProcess> hosts = startAll(options, workDir, world, threads, parts, "grants", 1);
            try (SessionDb db = SessionDb.open(database.url(), database.user(), database.password());
                    Listener listener = new Listener(database)) {
                SessionDriver driver = new SessionDriver(world, db, STEP, Duration.ofMillis(10), null);
                List<List<BenchWorld.GuildSlot>> guildsOf = new ArrayList<>();
                for (HostConfigYaml.ClusterPart part : parts) {
                    guildsOf.add(world.guilds().stream()
                            .filter(g -> shardOf(g) >= part.firstShard() && shardOf(g) <= part.lastShard()).toList());
                }
                LOG.info("Cluster: grant latency of the global queue, {} hand-overs between two processes", samples);
                List<Double> latencies = new ArrayList<>();
                int missed = 0;
                int holderProcess = 0;
                BenchWorld.GuildSlot first = guildsOf.get(0).getFirst();
                SessionTrace holder = driver.open(first, first.users().getFirst());
                driver.join(holder);
                for (int i = 0; i < samples; i++) {
                    int waiterProcess = 1 - holderProcess;
                    List<BenchWorld.GuildSlot> candidates = guildsOf.get(waiterProcess);
                    // a different guild and user every time: no per-channel bucket or cooldown carries over
                    BenchWorld.GuildSlot guild = candidates.get((i / 2 + 1) % candidates.size());
                    long user = guild.users().get((i / 2 / candidates.size()) % guild.users().size());
                    SessionTrace waiter = driver.ask(guild, user);
                    awaitWaiting(db, user);
                    int mark = listener.mark();
                    driver.leave(holder);
                    driver.awaitOpened(waiter);
                    driver.join(waiter);
                    String freeing = "pid" + hosts.get(holderProcess).ready().path("pid").asLong() + "-";
                    String granting = "pid" + hosts.get(waiterProcess).ready().path("pid").asLong() + "-";
                    Double latency = listener.handOver(mark, freeing, granting);
                    if (latency == null) {
                        missed++;
                    } else {
                        latencies.add(latency);
                    }
                    holder = waiter;
                    holderProcess = waiterProcess;
                }
                driver.leave(holder);
                Stats stats = Stats.of(latencies);
                LOG.info("Cluster: grant latency p50 {} ms, p99 {} ms over {} hand-overs ({} unpaired)",
                        stats.p50(), stats.p99(), latencies.size(), missed);
                return new Grants(samples, latencies, missed);
            } finally {
                hosts.forEach(HostProcess::close);
            }
        }
    }

    private static void awaitWaiting(SessionDb db, long user) {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!db.waiting(user)) {
            if (System.nanoTime() > deadline) {
                throw new BenchException("The request of user " + user + " never waited in the queue");
            }
            HostProcess.sleep(Duration.ofMillis(5));
        }
    }

    /** Lets the REST buckets of the last run empty before the next one starts. */
    private static void pause() {
        HostProcess.sleep(Duration.ofSeconds(6));
    }

    private static String serverVersion(PostgresDatabase database) {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password())) {
            return connection.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            throw new BenchException("Cannot reach the benchmark's PostgreSQL database", e);
        }
    }

    /**
     * The queue's notifications as the driver receives them, each with its arrival time ({@link System#nanoTime()}).
     */
    private static final class Listener implements AutoCloseable {
        private record Heard(long nanos, String payload) {}

        private final Connection connection;
        private final Thread thread;
        private final List<Heard> heard = new ArrayList<>();
        private volatile boolean closed;

        Listener(PostgresDatabase database) {
            try {
                connection = DriverManager.getConnection(database.url(), database.user(), database.password());
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
            } catch (SQLException e) {
                throw new BenchException("Cannot listen on the queue's channel", e);
            }
            thread = Thread.ofPlatform().name("bench-queue-listener").daemon(true).start(this::listen);
        }

        private void listen() {
            try {
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(200);
                    long now = System.nanoTime();
                    if (notifications != null) {
                        synchronized (heard) {
                            for (PGNotification n : notifications) {
                                heard.add(new Heard(now, n.getParameter()));
                            }
                            heard.notifyAll();
                        }
                    }
                }
            } catch (SQLException e) {
                if (!closed) {
                    LOG.error("The benchmark's queue listener failed", e);
                }
            }
        }

        int mark() {
            synchronized (heard) {
                return heard.size();
            }
        }

        /**
         * From {@code mark}: the first notification of the freeing process, then the first of the granting one
         * after it; the time between them in milliseconds, or null if either is missing.
         */
        Double handOver(int mark, String freeing, String granting) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            synchronized (heard) {
                while (true) {
                    Heard free = first(mark, h -> h.payload().startsWith(freeing), 0);
                    Heard grant = free == null ? null : first(mark, h -> h.payload().startsWith(granting), free.nanos());
                    if (grant != null) {
                        return (grant.nanos() - free.nanos()) / 1e6;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(heard, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new BenchException("Interrupted while waiting for the queue's notifications", e);
                    }
                }
            }
        }

        private Heard first(int from, Predicate<Heard> which, long notBefore) {
            for (int i = from; i < heard.size(); i++) {
                Heard h = heard.get(i);
                if (h.nanos() >= notBefore && which.test(h)) {
                    return h;
                }
            }
            return null;
        }

        @Override
        public void close() {
            closed = true;
            try {
                thread.join(Duration.ofSeconds(2));
                connection.close();
            } catch (SQLException e) {
                LOG.warn("Cannot close the benchmark's queue listener", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
