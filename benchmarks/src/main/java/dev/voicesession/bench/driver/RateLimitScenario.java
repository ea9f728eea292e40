package dev.voicesession.bench.driver;

import dev.voicesession.bench.BenchException;
import dev.voicesession.bench.BenchOptions;
import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.emulator.rest.RateLimitConfig;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throughput under the emulator's Discord-like rate limits (5 requests per 5 s per route and channel or guild,
 * 50 per second overall, and Discord's gateway limit of 120 payloads per connection and minute, closing the
 * connection with 4008 above it), on one shard as the product runs with 101 guilds, so the gateway limit (two voice
 * state updates per session) applies too; the driver does not pace itself here, the plugin keeps its joins and
 * leaves within its gateway budget: whole sessions back to back in one guild, then in 100 guilds at once (with the
 * most queue slots the host accepts, 64), for a fixed window; and the rate the limits allow for the bot's requests
 * per session and for the protocol's minimum.
 */
public final class RateLimitScenario {
    private static final Logger LOG = LoggerFactory.getLogger(RateLimitScenario.class);
    private static final Duration STEP = Duration.ofMinutes(3);
    private static final int GUILDS = 101;
    /** The plugin's default {@code gatewayBudget}: voice joins and leaves per shard and minute. */
    public static final int PLUGIN_BUDGET = 110;
    /** Discord's documented gateway limit: payloads per connection and minute. */
    public static final int DISCORD_GATEWAY_LIMIT = 120;

    /**
     * One phase.
     *
     * @param guilds guilds running sessions at once
     * @param windowSeconds how long sessions were started
     * @param closed sessions closed (row ended) within the window
     * @param sessionsPerMinute closed sessions per minute
     * @param failures sessions that did not complete
     * @param figures timings of every session of the phase
     * @param sessionMs per session: command to row ended
     * @param allowedPerMinute what the limits allow for the bot's own requests per session
     * @param minimumAllowedPerMinute what the limits allow for the protocol's minimum requests per session
     * @param binding the bucket or limit that binds the allowed rate
     * @param budgetPerMinute what the plugin's own gateway budget allows (its share of Discord's limit), or the
     *     allowed rate if a REST bucket binds first
     * @param budgetBinding what binds {@code budgetPerMinute}
     * @param gatewayCloses gateway connections the emulator closed with 4008 for sending too much
     * @param voiceUpdates the bot's op 4 payloads the gateway received in the phase
     */
    public record Phase(int guilds, int windowSeconds, int closed, double sessionsPerMinute, int failures,
            Lifecycles figures, List<Double> sessionMs, double allowedPerMinute, double minimumAllowedPerMinute,
            String binding, double budgetPerMinute, String budgetBinding, int gatewayCloses, int voiceUpdates) {}

    /**
     * Both phases.
     *
     * @param oneGuild sessions in one guild
     * @param manyGuilds sessions in 100 guilds
     * @param requestsPerSession the bot's successful requests per session by bucket route, from the first phase
     */
    public record Result(Phase oneGuild, Phase manyGuilds, Map<String, Double> requestsPerSession) {}

    private RateLimitScenario() {}

    /** Runs it. */
    public static Result run(BenchOptions options, Path workDir) {
        try (BenchWorld world = BenchWorld.start(RateLimitMode.DISCORD, GUILDS, 3);
                HostProcess host = HostProcess.start(workDir, "rate-limits", world, options.pluginJar(),
                        1, LoadScenario.MAX_SLOTS,
                        world.guilds(), g -> Duration.ofSeconds(60));
                SessionDb db = SessionDb.open(host.database());
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            host.get("/probes/voice");
            host.get("/probes/commits");
            SessionDriver driver = new SessionDriver(world, db, STEP, Duration.ofMillis(10), null);
            LOG.info("Rate limits: one guild for {} s", options.rateLimitWindowSeconds());
            GatewayCount before = GatewayCount.of(world);
            PhaseRun one = phase(threads, driver, world.guilds().subList(0, 1), options.rateLimitWindowSeconds());
            Map<String, Double> mix = mix(one.traces(), world.traffic());
            GatewayCount afterOne = GatewayCount.of(world);
            Phase oneGuild = summarize(one, world, host, mix, 1, afterOne.minus(before));
            LOG.info("Rate limits: 100 guilds for {} s", options.rateLimitWindowSeconds());
            host.get("/probes/commits");
            PhaseRun many = phase(threads, driver, world.guilds().subList(1, GUILDS), options.rateLimitWindowSeconds());
            Phase manyGuilds = summarize(many, world, host, mix, GUILDS - 1, GatewayCount.of(world).minus(afterOne));
            return new Result(oneGuild, manyGuilds, mix);
        }
    }

    /** 4008 closes and op 4 payloads the emulator's gateway counted so far. */
    private record GatewayCount(int closes, int voiceUpdates) {
        static GatewayCount of(BenchWorld world) {
            var limit = world.emulator().gatewayRateLimit();
            return new GatewayCount(limit.rateLimitedCloses(), limit.received(4).size());
        }

        GatewayCount minus(GatewayCount earlier) {
            return new GatewayCount(closes - earlier.closes, voiceUpdates - earlier.voiceUpdates);
        }
    }

    record PhaseRun(List<SessionTrace> traces, int closed, int failures, int windowSeconds) {}

    static PhaseRun phase(ExecutorService threads, SessionDriver driver, List<BenchWorld.GuildSlot> guilds,
            int windowSeconds) {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(windowSeconds).toNanos();
        List<Future<PhaseRun>> loops = new ArrayList<>();
        for (BenchWorld.GuildSlot guild : guilds) {
            loops.add(threads.submit(() -> {
                List<SessionTrace> traces = new ArrayList<>();
                int closed = 0;
                int failures = 0;
                for (int k = 0; System.nanoTime() < deadline; k++) {
                    try {
                        SessionTrace trace = driver.lifecycle(guild, guild.users().get(k % guild.users().size()));
                        traces.add(trace);
                        // the plugin frees the guild just after the row's commit the driver waited for
                        HostProcess.sleep(Duration.ofMillis(50));
                        if (trace.rowSeenEndedNanos <= deadline) {
                            closed++;
                        }
                    } catch (BenchException e) {
                        failures++;
                        LOG.warn("Rate-limited session in guild {} failed: {}", guild.index(), e.getMessage());
                        HostProcess.sleep(Duration.ofSeconds(1));
                    }
                }
                return new PhaseRun(traces, closed, failures, windowSeconds);
            }));
        }
        List<SessionTrace> traces = new ArrayList<>();
        int closed = 0;
        int failures = 0;
        for (Future<PhaseRun> loop : loops) {
            try {
                PhaseRun run = loop.get();
                traces.addAll(run.traces());
                closed += run.closed();
                failures += run.failures();
            } catch (ExecutionException e) {
                throw new BenchException("A rate-limited session loop failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("Interrupted during the rate-limited run", e);
            }
        }
        return new PhaseRun(traces, closed, failures, windowSeconds);
    }

    private static Phase summarize(PhaseRun run, BenchWorld world, HostProcess host, Map<String, Double> mix,
            int guilds, GatewayCount gateway) {
        AgentData agent = AgentData.drain(host);
        Lifecycles figures = Lifecycles.of(run.traces(), world.traffic(), agent);
        List<Double> sessionMs = run.traces().stream()
                .map(t -> (t.rowSeenEndedNanos - t.command.nanoTime()) / 1e6).toList();
        RateLimitConfig limits = world.rateLimitConfig();
        Allowed allowed = allowed(mix, limits, guilds, DISCORD_GATEWAY_LIMIT, "Discord's gateway limit: "
                + DISCORD_GATEWAY_LIMIT + " payloads per minute on the one shard, two voice state updates (join and"
                + " leave) per session");
        Allowed budget = allowed(mix, limits, guilds, PLUGIN_BUDGET, "the plugin's gateway budget: " + PLUGIN_BUDGET
                + " voice state updates per minute on the one shard (Discord's " + DISCORD_GATEWAY_LIMIT + " less room"
                + " for heartbeats and the bot's other payloads), two per session");
        Map<String, Double> minimum = new LinkedHashMap<>();
        minimum.put("POST channels/{channel_id}/messages|shared", 1.0);
        minimum.put("POST guilds/{guild_id}/channels|shared", 1.0);
        minimum.put("DELETE channels/{channel_id}|own", 1.0);
        Allowed minimumAllowed = allowed(minimum, limits, guilds, DISCORD_GATEWAY_LIMIT, "");
        double perMinute = run.closed() * 60.0 / run.windowSeconds();
        LOG.info("{} guild(s): {} sessions closed in {} s = {} per minute; limits allow {}", guilds, run.closed(),
                run.windowSeconds(), Math.round(perMinute), Math.round(allowed.perMinute()));
        return new Phase(guilds, run.windowSeconds(), run.closed(), perMinute, run.failures(), figures, sessionMs,
                allowed.perMinute(), minimumAllowed.perMinute(), allowed.binding(), budget.perMinute(),
                budget.binding(), gateway.closes(), gateway.voiceUpdates());
    }

    /**
     * The bot's successful requests per session by "METHOD route|scope": {@code shared} when the bucket's major
     * parameter (channel or guild) outlives the session, so consecutive sessions of a guild share the bucket;
     * {@code own} when it is the session's own channel, a fresh bucket every time.
     */
    static Map<String, Double> mix(List<SessionTrace> traces, Traffic traffic) {
        Map<String, Double> mix = new LinkedHashMap<>();
        for (SessionTrace trace : traces) {
            for (RequestLogEntry r : traffic.between(trace.firstRequest, trace.endRequest)) {
                if (r.status() == 429 || !Lifecycles.belongsTo(r, trace)) {
                    continue;
                }
                String major = majorParameter(r.route(), r.path());
                String scope = major.isEmpty() ? "bot"
                        : major.equals(Long.toUnsignedString(trace.channelId)) ? "own" : "shared";
                mix.merge(r.method() + " " + r.route() + "|" + scope, 1.0, Double::sum);
            }
        }
        mix.replaceAll((k, v) -> v / Math.max(1, traces.size()));
        return mix;
    }

    /** The value of the route's major parameter (channel, guild or webhook id) in a concrete path. */
    static String majorParameter(String template, String path) {
        String[] names = template.split("/");
        String[] values = path.split("/");
        for (String major : new String[] {"{channel_id}", "{guild_id}", "{webhook_id}"}) {
            for (int i = 0; i < names.length && i < values.length; i++) {
                if (names[i].equals(major)) {
                    return values[i];
                }
            }
        }
        return "";
    }

    record Allowed(double perMinute, String binding) {}

    /**
     * Sessions per minute the limits allow in {@code guilds} guilds for a request mix: each shared bucket of a
     * guild allows {@code limit / window} requests, the global limit {@code globalPerSecond} requests.
     */
    static Allowed allowed(Map<String, Double> mix, RateLimitConfig limits, int guilds, int gatewayPerMinute,
            String gatewayBinding) {
        double best = Double.POSITIVE_INFINITY;
        String binding = "none";
        double total = 0;
        Map<String, Double> perGuild = new HashMap<>();
        for (Map.Entry<String, Double> entry : mix.entrySet()) {
            String[] parts = entry.getKey().split("\\|");
            String[] methodRoute = parts[0].split(" ", 2);
            total += entry.getValue();
            if (!parts[1].equals("own")) {
                RateLimitConfig.Limit limit = limits.limitFor(methodRoute[0], methodRoute[1]);
                double perMinute = limit.limit() * 60_000.0 / limit.window().toMillis() / entry.getValue();
                perGuild.put(parts[0], parts[1].equals("shared") ? perMinute * guilds : perMinute);
            }
        }
        for (Map.Entry<String, Double> entry : perGuild.entrySet()) {
            if (entry.getValue() < best) {
                best = entry.getValue();
                binding = "the " + entry.getKey() + " bucket (" + String.format(Locale.ROOT, "%.1f",
                        mix.entrySet().stream().filter(m -> m.getKey().startsWith(entry.getKey() + "|"))
                                .mapToDouble(Map.Entry::getValue).sum()) + " requests per session)";
            }
        }
        double global = limits.globalPerSecond() * 60.0 / total;
        if (global < best) {
            best = global;
            binding = "global limit of " + limits.globalPerSecond() + " requests per second";
        }
        double gateway = gatewayPerMinute / 2.0;
        if (gateway < best) {
            best = gateway;
            binding = gatewayBinding;
        }
        return new Allowed(best, binding);
    }
}
