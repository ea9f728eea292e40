package dev.voicesession.bench.driver;

import dev.voicesession.bench.BenchException;
import dev.voicesession.bench.BenchOptions;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cost against load, rate limits off: rounds of {@code c} sessions opened at once in {@code c} guilds (all of
 * them active together, then all users leave together) for each concurrency level {@code c}; the live heap
 * with {@code c} sessions active; then sessions that end by the join timeout, for timer precision.
 */
public final class LoadScenario {
    private static final Logger LOG = LoggerFactory.getLogger(LoadScenario.class);
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final int LOAD_GUILDS = 128;
    private static final int TIMER_GUILDS = 100;
    private static final int USERS = 4;
    /** The most queue slots the host accepts. */
    static final int MAX_SLOTS = 64;
    /** Shards of the load host, so that JDA's 115 gateway sends per shard and minute do not pace the rounds. */
    static final int SHARDS = 16;

    /**
     * One concurrency level.
     *
     * @param concurrency sessions open at once
     * @param figures their timings
     * @param failures sessions that did not complete
     * @param activeGc memory after a full GC with {@code concurrency} sessions active
     * @param peakHeap highest heap used (garbage included) sampled during the level
     * @param peakRss highest RSS sampled during the level
     */
    public record Level(int concurrency, Lifecycles figures, int failures, Memory.Reading activeGc, long peakHeap,
            long peakRss) {}

    /**
     * Everything the load run measured.
     *
     * @param idle memory after a full GC before any session
     * @param levels the concurrency levels
     * @param timerSessions sessions that ended by the join timeout
     * @param timerFailures those that did not complete
     * @param joinTimerLateMs join timers: started minus (scheduled plus timeout)
     * @param allTimersLateMs every delayed task of the plugin (polls, timers, backoffs): the same
     * @param promptToDeleteMs join prompt received to channel DELETE received, minus the timeout
     * @param timeoutMillis the join timeout of those sessions
     * @param gatewaySessions gateway sessions the bot used
     * @param dbInEvent database connections borrowed during a JDA event, whole load run
     * @param dbOnJdaThreads database connections borrowed on JDA's threads, whole load run
     */
    public record Result(Memory.Reading idle, List<Level> levels, int timerSessions, int timerFailures,
            List<Double> joinTimerLateMs, List<Double> allTimersLateMs, List<Double> promptToDeleteMs,
            long timeoutMillis, int gatewaySessions, long dbInEvent, long dbOnJdaThreads) {}

    private LoadScenario() {}

    /** Runs it. */
    public static Result run(BenchOptions options, Path workDir) {
        try (BenchWorld world = BenchWorld.start(RateLimitMode.OFF, null, SHARDS, LOAD_GUILDS + TIMER_GUILDS, USERS);
                HostProcess host = HostProcess.start(workDir, "load", world, options.pluginJar(), SHARDS, MAX_SLOTS,
                        world.guilds(), g -> g.index() < LOAD_GUILDS ? Duration.ofSeconds(60)
                                : Duration.ofMillis(options.timerTimeoutMillis()));
                SessionDb db = SessionDb.open(host.database());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            HostProcess.sleep(Duration.ofSeconds(2));
            Memory.Reading idle = Memory.afterGc(host);
            host.get("/probes/voice");
            host.get("/probes/commits");
            SessionDriver driver = new SessionDriver(world, db, STEP, Duration.ofMillis(5), new GatewayBudget(SHARDS));
            List<BenchWorld.GuildSlot> load = world.guilds().subList(0, LOAD_GUILDS);
            LOG.info("Load run: warm-up");
            round(threads, driver, load, 8, 0, host, false);
            int cursor = 8;
            List<AgentData> drains = new ArrayList<>();
            drains.add(AgentData.drain(host));
            List<Level> levels = new ArrayList<>();
            for (int concurrency : options.loadLevels()) {
                host.get("/probes/commits");
                Memory.samples(host);
                int rounds = Math.max(1, (options.loadSamples() + concurrency - 1) / concurrency);
                List<SessionTrace> traces = new ArrayList<>();
                int failures = 0;
                Memory.Reading activeGc = null;
                for (int r = 0; r < rounds; r++) {
                    Round result = round(threads, driver, load, concurrency, cursor, host, r == 0);
                    cursor += concurrency;
                    traces.addAll(result.traces());
                    failures += result.failures();
                    if (result.activeGc() != null) {
                        activeGc = result.activeGc();
                    }
                }
                AgentData agent = AgentData.drain(host);
                drains.add(agent);
                List<Memory.Sample> samples = Memory.samples(host);
                long peakHeap = samples.stream().mapToLong(Memory.Sample::heapUsed).max().orElse(-1);
                long peakRss = samples.stream().mapToLong(Memory.Sample::rss).max().orElse(-1);
                Lifecycles figures = Lifecycles.of(traces, world.traffic(), agent);
                levels.add(new Level(concurrency, figures, failures, activeGc, peakHeap, peakRss));
                LOG.info("Load level {}: {} sessions, {} failed", concurrency, traces.size(), failures);
            }
            LOG.info("Load run: {} sessions ending by the {} ms join timeout", options.timerSessions(),
                    options.timerTimeoutMillis());
            host.get("/probes/commits");
            drains.add(AgentData.drain(host));
            List<BenchWorld.GuildSlot> timerGuilds = world.guilds().subList(LOAD_GUILDS, LOAD_GUILDS + TIMER_GUILDS);
            List<SessionTrace> timed = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger started = new AtomicInteger();
            AtomicInteger timerFailuresCount = new AtomicInteger();
            List<Future<?>> loops = new ArrayList<>();
            long stagger = options.timerTimeoutMillis() * 5 / 4 / TIMER_GUILDS;
            for (int i = 0; i < TIMER_GUILDS; i++) {
                BenchWorld.GuildSlot guild = timerGuilds.get(i);
                long offset = i * stagger;
                // one loop per guild, started a little apart so that the timers expire spread out, not all at once
                loops.add(threads.submit(() -> {
                    HostProcess.sleep(Duration.ofMillis(offset));
                    for (int k = 0; started.getAndIncrement() < options.timerSessions(); k++) {
                        try {
                            SessionTrace trace = driver.open(guild, guild.users().get(k % USERS));
                            driver.awaitTimeout(trace);
                            timed.add(trace);
                            // the plugin frees the guild just after the row's commit the driver waited for
                            HostProcess.sleep(Duration.ofMillis(50));
                        } catch (BenchException e) {
                            timerFailuresCount.incrementAndGet();
                            LOG.warn("Timer session in guild {} failed: {}", guild.index(), e.getMessage());
                            HostProcess.sleep(Duration.ofSeconds(1));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                try {
                    loop.get();
                } catch (ExecutionException e) {
                    throw new BenchException("A timer session loop failed", e.getCause());
                }
            }
            int timerFailures = timerFailuresCount.get();
            AgentData timers = AgentData.drain(host);
            drains.add(timers);
            AgentData all = AgentData.merge(drains);
            long timeoutNanos = Duration.ofMillis(options.timerTimeoutMillis()).toNanos();
            List<Double> joinLate = new ArrayList<>();
            List<Double> allLate = new ArrayList<>();
            for (long[] timer : timers.timers()) {
                allLate.add(timer[1] / 1e6);
                if (timer[0] == timeoutNanos) {
                    joinLate.add(timer[1] / 1e6);
                }
            }
            List<Double> promptToDelete = new ArrayList<>();
            for (SessionTrace trace : timed) {
                promptToDelete.add((trace.delete.arrivedNanos() - trace.prompt.arrivedNanos() - timeoutNanos) / 1e6);
            }
            return new Result(idle, levels, timed.size(), timerFailures, joinLate, allLate, promptToDelete,
                    options.timerTimeoutMillis(), world.traffic().gatewaySessions(), all.dbInEvent(),
                    all.dbOnJdaThreads());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("Interrupted during the load run", e);
        }
    }

    private record Round(List<SessionTrace> traces, int failures, Memory.Reading activeGc) {}

    /**
     * Opens {@code concurrency} sessions at once in the guilds from {@code cursor} on (wrapping), waits until all
     * are active, then all users leave at once. Consecutive rounds move the cursor on, so a guild is not reused
     * by the very next round.
     */
    private static Round round(ExecutorService threads, SessionDriver driver, List<BenchWorld.GuildSlot> guilds,
            int concurrency, int cursor, HostProcess host, boolean measureHeap) throws InterruptedException {
        CountDownLatch opened = new CountDownLatch(concurrency);
        CountDownLatch release = new CountDownLatch(1);
        List<Future<SessionTrace>> futures = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            BenchWorld.GuildSlot guild = guilds.get((cursor + i) % guilds.size());
            long user = guild.users().get(((cursor + i) / guilds.size()) % USERS);
            futures.add(threads.submit(() -> {
                SessionTrace trace;
                try {
                    trace = driver.open(guild, user);
                    driver.join(trace);
                } finally {
                    opened.countDown();
                }
                release.await();
                driver.leave(trace);
                return trace;
            }));
        }
        if (!opened.await(STEP.toSeconds() * 3, TimeUnit.SECONDS)) {
            throw new BenchException("Sessions of the load round at guild " + cursor + " did not open in time");
        }
        Memory.Reading activeGc = measureHeap ? Memory.afterGc(host) : null;
        release.countDown();
        List<SessionTrace> traces = new ArrayList<>();
        int failures = 0;
        for (Future<SessionTrace> future : futures) {
            try {
                traces.add(future.get());
            } catch (ExecutionException e) {
                failures++;
                LOG.warn("Load session failed: {}", e.getCause().getMessage());
            }
        }
        return new Round(traces, failures, activeGc);
    }
}
