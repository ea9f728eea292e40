package dev.voicesession.bench.driver;

import dev.voicesession.bench.BenchException;
import dev.voicesession.bench.BenchOptions;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main run, with the product's defaults (one queue slot, 60 s join timeout) and rate limits off: host
 * starts with 1,000 guilds (start-to-ready, idle memory), then sessions one after another (reaction, end to
 * end, cleanup, REST requests, event-thread time, database calls), then the burst of {@code !voice} from
 * 1,000 users in 100 guilds.
 */
public final class MainScenario {
    private static final Logger LOG = LoggerFactory.getLogger(MainScenario.class);
    private static final Duration STEP = Duration.ofSeconds(30);

    /**
     * One host start.
     *
     * @param launchToReadyMs process launched to BotHost.start() returned (JVM start, class loading, plugin, login)
     * @param hostStartToReadyMs BotHost.start() called to returned
     * @param guilds guilds the host saw at ready
     * @param idle memory readings after a full GC, idle
     * @param idleCpuPerSecond CPU milliseconds the idle host uses per second (heartbeats, timers, the probes' sampler)
     */
    public record Startup(double launchToReadyMs, double hostStartToReadyMs, int guilds, List<Memory.Reading> idle,
            double idleCpuPerSecond) {}

    /**
     * The burst.
     *
     * @param users commands sent
     * @param guilds guilds they came from
     * @param answered commands that got a reply
     * @param sendMs how long sending every command took (first to last dispatch)
     * @param replyFromStartMs per user: first command dispatched to this user's reply answered
     * @param replyOwnMs per user: own command dispatched to the reply received
     * @param samples memory samples during the burst
     * @param startNanos first command dispatched
     * @param afterGc memory after a full GC once every reply was in
     * @param agent the agent's drain for the burst
     * @param cpu CPU used from the first command until every reply was in
     */
    public record Burst(int users, int guilds, int answered, double sendMs, List<Double> replyFromStartMs,
            List<Double> replyOwnMs, List<Memory.Sample> samples, long startNanos, Memory.Reading afterGc,
            AgentData agent, Cpu.Usage cpu) {}

    /**
     * Everything the main run measured.
     *
     * @param startups every host start
     * @param traces the measured sessions
     * @param failures sessions that did not complete
     * @param lifecycle their figures
     * @param agent the agent's drain for the measured sessions
     * @param burst the burst
     * @param gatewaySessions gateway sessions the bot used (1 unless it reconnected)
     * @param histogram the idle main host's largest heap classes
     * @param lifecycleCpu CPU used by the measured sessions
     * @param paced time the driver waited to stay within JDA's gateway limit
     */
    public record Result(List<Startup> startups, List<SessionTrace> traces, int failures, Lifecycles lifecycle,
            AgentData agent, Burst burst, int gatewaySessions, List<String> histogram, Cpu.Usage lifecycleCpu,
            Duration paced) {}

    private MainScenario() {}

    /** Runs it. */
    public static Result run(BenchOptions options, Path workDir) {
        List<Startup> startups = new ArrayList<>();
        for (int run = 1; run < options.startupRuns(); run++) {
            try (BenchWorld world = seed(options); HostProcess host = start(options, workDir, world, "startup-" + run)) {
                startups.add(idle(host));
            }
        }
        try (BenchWorld world = seed(options); HostProcess host = start(options, workDir, world, "main")) {
            startups.add(idle(host));
            List<String> histogram = ClassHistogram.top(host.ready().path("pid").asLong(), 20);
            host.get("/probes/voice");
            try (SessionDb db = SessionDb.open(host.database())) {
                GatewayBudget budget = new GatewayBudget(1);
                SessionDriver driver = new SessionDriver(world, db, STEP, Duration.ofMillis(1), budget);
                LOG.info("Main run: {} warm-up sessions", options.warmup());
                host.get("/probes/commits");
                int failures = sessions(world, host, driver, 0, options.warmup(), new ArrayList<>());
                AgentData.drain(host);
                host.get("/probes/commits");
                LOG.info("Main run: {} measured sessions, one at a time", options.sessions());
                List<SessionTrace> traces = new ArrayList<>();
                Duration pacedBefore = budget.waited();
                Cpu.Reading cpu = Cpu.read(host);
                failures += sessions(world, host, driver, options.warmup(), options.sessions(), traces);
                Cpu.Usage lifecycleCpu = cpu.since(host);
                Duration paced = budget.waited().minus(pacedBefore);
                AgentData agent = AgentData.drain(host);
                Lifecycles lifecycle = Lifecycles.of(traces, world.traffic(), agent);
                LOG.info("Main run: burst of {} commands from {} guilds",
                        options.burstGuilds() * options.burstUsersPerGuild(), options.burstGuilds());
                Burst burst = burst(options, world, host, driver);
                return new Result(List.copyOf(startups), traces, failures, lifecycle, agent, burst,
                        world.traffic().gatewaySessions(), histogram, lifecycleCpu, paced);
            }
        }
    }

    static BenchWorld seed(BenchOptions options) {
        long started = System.nanoTime();
        BenchWorld world = BenchWorld.start(RateLimitMode.OFF, options.guilds(), options.usersPerGuild());
        LOG.info("Seeded {} guilds with {} users each in {} ms", options.guilds(), options.usersPerGuild(),
                (System.nanoTime() - started) / 1_000_000);
        return world;
    }

    private static HostProcess start(BenchOptions options, Path workDir, BenchWorld world, String name) {
        return HostProcess.start(workDir, name, world, options.pluginJar(), 1, 1, world.guilds(),
                g -> Duration.ofSeconds(60));
    }

    private static Startup idle(HostProcess host) {
        HostProcess.sleep(Duration.ofSeconds(3));
        Cpu.Reading before = Cpu.read(host);
        HostProcess.sleep(Duration.ofSeconds(3));
        Cpu.Usage idleCpu = before.since(host);
        List<Memory.Reading> readings = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            readings.add(Memory.afterGc(host));
            HostProcess.sleep(Duration.ofSeconds(1));
        }
        Memory.samples(host);
        long ready = host.ready().path("readyNanos").asLong();
        double launch = (ready - host.launchNanos()) / 1e6;
        double hostStart = (ready - host.ready().path("hostStartNanos").asLong()) / 1e6;
        LOG.info("Host '{}': launch to ready {} ms, idle heap after GC {} MB", host.name(), Math.round(launch),
                readings.getLast().heapUsed() / 1_048_576);
        return new Startup(launch, hostStart, host.ready().path("guilds").asInt(), List.copyOf(readings),
                idleCpu.hostMs() / (idleCpu.wallMs() / 1000));
    }

    /** Runs {@code count} sessions one after another from session number {@code first}; returns failures. */
    private static int sessions(BenchWorld world, HostProcess host, SessionDriver driver, int first, int count,
            List<SessionTrace> traces) {
        int guilds = world.guilds().size();
        int failures = 0;
        for (int k = first; k < first + count; k++) {
            BenchWorld.GuildSlot guild = world.guilds().get(k % guilds);
            long user = guild.users().get((k / guilds) % guild.users().size());
            try {
                traces.add(driver.lifecycle(guild, user));
            } catch (BenchException e) {
                failures++;
                LOG.warn("Session {} in guild {} failed: {}", k, guild.index(), e.getMessage());
            }
            if ((k - first + 1) % 100 == 0) {
                LOG.info("  {} of {} sessions done", k - first + 1, count);
                // the pool replaces connections after their lifetime; hook any new one (between sessions)
                host.get("/probes/commits");
            }
        }
        return failures;
    }

    private static Burst burst(BenchOptions options, BenchWorld world, HostProcess host, SessionDriver driver) {
        AgentData.drain(host);
        Memory.samples(host);
        HostProcess.sleep(Duration.ofMillis(300));
        List<SessionTrace> commands = new ArrayList<>();
        int mark = world.traffic().mark();
        Cpu.Reading cpu = Cpu.read(host);
        for (int u = 0; u < options.burstUsersPerGuild(); u++) {
            for (int g = 0; g < options.burstGuilds(); g++) {
                BenchWorld.GuildSlot guild = world.guilds().get(g);
                SessionTrace trace = new SessionTrace(guild, guild.users().get(u % guild.users().size()));
                trace.firstRequest = mark;
                driver.command(trace);
                commands.add(trace);
            }
        }
        long start = commands.getFirst().command.nanoTime();
        double sendMs = (commands.getLast().command.nanoTime() - start) / 1e6;
        List<Double> fromStart = new ArrayList<>();
        List<Double> own = new ArrayList<>();
        int answered = 0;
        for (SessionTrace trace : commands) {
            try {
                driver.awaitReply(trace);
                answered++;
                fromStart.add((trace.reply.completedNanos() - start) / 1e6);
                own.add((trace.reply.arrivedNanos() - trace.command.nanoTime()) / 1e6);
            } catch (BenchException e) {
                LOG.warn("No reply to the burst command of user {} in guild {}: {}", trace.userId,
                        trace.guild.index(), e.getMessage());
            }
        }
        Cpu.Usage used = cpu.since(host);
        HostProcess.sleep(Duration.ofMillis(500));
        List<Memory.Sample> samples = Memory.samples(host);
        Memory.Reading afterGc = Memory.afterGc(host);
        AgentData agent = AgentData.drain(host);
        LOG.info("Burst: {} of {} answered, the last {} ms after the first command", answered, commands.size(),
                fromStart.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        return new Burst(commands.size(), options.burstGuilds(), answered, sendMs, fromStart, own, samples, start,
                afterGc, agent, used);
    }
}
