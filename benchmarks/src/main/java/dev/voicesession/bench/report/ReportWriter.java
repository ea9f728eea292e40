package dev.voicesession.bench.report;

import dev.voicesession.bench.Results;
import dev.voicesession.bench.driver.AgentData;
import dev.voicesession.bench.driver.ClusterScenario;
import dev.voicesession.bench.driver.GatewayBudget;
import dev.voicesession.bench.driver.Lifecycles;
import dev.voicesession.bench.driver.LoadScenario;
import dev.voicesession.bench.driver.MainScenario;
import dev.voicesession.bench.driver.Memory;
import dev.voicesession.bench.driver.RateLimitScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Writes {@code docs/performance.md} and its charts from a run's results. */
public final class ReportWriter {
    private static final double MB = 1024.0 * 1024.0;
    private static final int MINIMUM_REST = 3;

    private final Results r;
    private final MainScenario.Result main;
    private final Lifecycles life;
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> misses = new ArrayList<>();

    /** The verdict of a figure. */
    enum Verdict {
        PASS("met"), MISS("**missed**"), INFO("-");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    /** One row of the summary table. */
    record Figure(String name, String unit, Stats stats, String target, Verdict verdict) {}

    private ReportWriter(Results results) {
        this.r = results;
        this.main = results.main();
        this.life = main.lifecycle();
    }

    /** Writes the report and the charts; returns the report's path. */
    public static Path write(Results results) throws IOException {
        return new ReportWriter(results).writeAll();
    }

    private Path writeAll() throws IOException {
        Path docs = r.options().docsDir();
        Path images = docs.resolve("images");
        Files.createDirectories(images);
        figures();
        plots(images);
        Path report = docs.resolve("performance.md");
        Files.writeString(report, markdown());
        return report;
    }

    // ---------------------------------------------------------------- figures

    private void figures() {
        Stats reaction = Stats.of(life.reaction);
        add("Reaction, bot-side: MESSAGE_CREATE `!voice` dispatched -> channel-create request received", "ms", reaction,
                "p99 <= 5 ms", reaction.p99() <= 5);
        add("Reaction as measured (with the emulator's time answering the reply)", "ms", Stats.of(life.reactionRaw),
                null, true);
        Stats e2e = Stats.of(life.endToEnd);
        add("End to end: `!voice` dispatched -> bot voice connection CONNECTED", "ms", e2e,
                "p99 < 2 s (original budget)", e2e.p99() < 2000);
        Stats prompt = Stats.of(life.connectedToPrompt);
        add("Voice CONNECTED -> join prompt received", "ms", prompt, "p99 < 10 ms", prompt.p99() < 10);
        Stats cleanupDelete = Stats.of(life.cleanupDelete);
        add("Cleanup: user-leave VOICE_STATE_UPDATE dispatched -> channel DELETE received", "ms", cleanupDelete,
                "p99 <= 5 ms", cleanupDelete.p99() <= 5);
        Stats cleanupEnded = Stats.of(life.cleanupEnded);
        add("Cleanup, bot-side: user-leave dispatched -> `ended_at` committed", "ms", cleanupEnded, "p99 <= 5 ms",
                cleanupEnded.p99() <= 5);
        Stats timer = Stats.of(r.load().joinTimerLateMs());
        add("Timer precision: join timer started minus (scheduled + " + r.load().timeoutMillis() + " ms timeout)",
                "ms", timer, "p99 <= 20 ms", timer.p99() <= 20);
        Stats rest = Stats.of(life.requestsPerSession);
        add("REST requests per session lifecycle (protocol minimum: " + MINIMUM_REST + ")", "requests", rest,
                "= " + MINIMUM_REST, rest.max() == MINIMUM_REST && rest.min() == MINIMUM_REST);
        AgentData agent = main.agent();
        Stats eventTime = Stats.of(eventTimes(agent));
        add("Time on JDA event threads per event (listeners)", "ms", eventTime, null, true);
        double idleCpu = main.startups().getLast().idleCpuPerSecond();
        double sessionCpu = (main.lifecycleCpu().hostMs() - idleCpu * main.lifecycleCpu().wallMs() / 1000)
                / Math.max(1, life.sessions);
        add("Host CPU time per session lifecycle (the process's CPU during the sessions, less its idle rate of "
                + fmt(idleCpu) + " ms/s, per session; JDA, JIT and GC included)", "ms CPU",
                Stats.of(new double[] {sessionCpu}), null, true);
        long dbOnEvents = agent.dbInEvent() + main.burst().agent().dbInEvent() + loadDbInEvent();
        long dbOnJda = agent.dbOnJdaThreads() + main.burst().agent().dbOnJdaThreads() + r.load().dbOnJdaThreads();
        add("Database calls on JDA event threads (connections borrowed during an event; whole run)", "calls",
                Stats.of(new double[] {dbOnEvents}), "0", dbOnEvents == 0 && dbOnJda == 0);
        MainScenario.Burst burst = main.burst();
        Stats burstStats = Stats.of(burst.replyFromStartMs());
        boolean burstOk = burst.answered() == burst.users() && burstStats.max() <= 1000;
        add("Burst: " + burst.users() + " `!voice` from " + burst.users() + " users in " + burst.guilds()
                + " guilds, first command -> each user's reply (max = all answered)", "ms", burstStats,
                "all answered within 1 s", burstOk);
        add("Burst: own command -> reply received, per user", "ms", Stats.of(burst.replyOwnMs()), null, true);
        add("Burst: host CPU time per command", "ms CPU",
                Stats.of(new double[] {burst.cpu().hostMs() / Math.max(1, burst.users())}), null, true);
        List<Double> idleHeap = new ArrayList<>();
        List<Double> idleRss = new ArrayList<>();
        for (MainScenario.Startup startup : main.startups()) {
            for (Memory.Reading reading : startup.idle()) {
                idleHeap.add(reading.heapUsed() / MB);
                idleRss.add(reading.rss() / MB);
            }
        }
        Stats heap = Stats.of(idleHeap);
        add("Heap, idle with " + r.options().guilds() + " guilds (live, after full GC)", "MB", heap, "<= 128 MB",
                heap.max() <= 128);
        add("RSS, idle with " + r.options().guilds() + " guilds", "MB", Stats.of(idleRss), null, true);
        add("Heap during the burst (sampled every 50 ms, garbage included)", "MB",
                Stats.of(burst.samples().stream().map(s -> s.heapUsed() / MB).toList()), null, true);
        add("RSS during the burst", "MB", Stats.of(burst.samples().stream().map(s -> s.rss() / MB).toList()), null,
                true);
        add("Start to ready with " + r.options().guilds() + " guilds: process launched -> BotHost started", "ms",
                Stats.of(main.startups().stream().map(MainScenario.Startup::launchToReadyMs).toList()), null, true);
        add("Start to ready: BotHost.start() called -> returned", "ms",
                Stats.of(main.startups().stream().map(MainScenario.Startup::hostStartToReadyMs).toList()), null, true);
        if (r.rateLimits() != null) {
            for (RateLimitScenario.Phase phase : List.of(r.rateLimits().oneGuild(), r.rateLimits().manyGuilds())) {
                add("Rate limits on, " + phase.guilds() + " guild(s): sessions that failed", "sessions",
                        Stats.of(new double[] {phase.failures()}), "0", phase.failures() == 0);
                double share = phase.sessionsPerMinute() / phase.allowedPerMinute();
                add("Rate limits on, " + phase.guilds() + " guild(s): sessions opened and closed per minute (limits allow "
                        + fmt(phase.allowedPerMinute()) + ", bound by " + phase.binding() + "; the plugin's budget "
                        + fmt(phase.budgetPerMinute()) + "; " + fmt(phase.minimumAllowedPerMinute())
                        + " for the minimum requests)", "per min", Stats.of(new double[] {phase.sessionsPerMinute()}),
                        "within 10 % of allowed", share >= 0.9);
                add("Rate limits on, " + phase.guilds() + " guild(s): one session, command -> row ended", "ms",
                        Stats.of(phase.sessionMs()), null, true);
            }
        }
    }

    private long loadDbInEvent() {
        return r.load().dbInEvent();
    }

    private void add(String name, String unit, Stats stats, String target, boolean met) {
        Verdict verdict = target == null ? Verdict.INFO : met ? Verdict.PASS : Verdict.MISS;
        figures.add(new Figure(name, unit, stats, target == null ? "-" : target, verdict));
    }

    private static List<Double> eventTimes(AgentData agent) {
        List<Double> times = new ArrayList<>();
        for (long[] event : agent.events()) {
            times.add(event[3] / 1e6);
        }
        return times;
    }

    // ---------------------------------------------------------------- plots

    private void plots(Path images) throws IOException {
        Map<String, Stats> botSide = new LinkedHashMap<>();
        botSide.put("reaction, bot-side", Stats.of(life.reaction));
        botSide.put("cleanup: leave -> DELETE", Stats.of(life.cleanupDelete));
        botSide.put("cleanup: leave -> ended_at", Stats.of(life.cleanupEnded));
        botSide.put("timer lateness", Stats.of(r.load().joinTimerLateMs()));
        botSide.put("listeners per JDA event", Stats.of(eventTimes(main.agent())));
        Plots.cdf(images.resolve("performance-latency.png"),
                "Bot-side latencies, " + life.sessions + " sessions one at a time (rate limits off)", "milliseconds",
                botSide, true);

        Map<String, Stats> e2e = new LinkedHashMap<>();
        e2e.put("!voice -> CONNECTED", Stats.of(life.endToEnd));
        e2e.put("channel created -> CONNECTED", Stats.of(life.createToConnected));
        e2e.put("channel created -> op 4 at the gateway (JDA's send thread)", Stats.of(life.createToBotVoiceState));
        e2e.put("op 4 at the gateway -> CONNECTED", Stats.of(life.botVoiceStateToConnected));
        e2e.put("CONNECTED -> join prompt sent", Stats.of(life.connectedToPrompt));
        e2e.put("reaction as measured", Stats.of(life.reactionRaw));
        Plots.cdf(images.resolve("performance-end-to-end.png"), "End to end and its parts", "milliseconds",
                e2e, true);

        List<LoadScenario.Level> levels = r.load().levels();
        double[] x = levels.stream().mapToDouble(LoadScenario.Level::concurrency).toArray();
        List<Plots.Line> latency = new ArrayList<>();
        latency.add(levelLine("reaction p50", levels, l -> Stats.of(l.figures().reaction).p50(), false));
        latency.add(levelLine("reaction p99", levels, l -> Stats.of(l.figures().reaction).p99(), true));
        latency.add(levelLine("cleanup -> DELETE p50", levels, l -> Stats.of(l.figures().cleanupDelete).p50(), false));
        latency.add(levelLine("cleanup -> DELETE p99", levels, l -> Stats.of(l.figures().cleanupDelete).p99(), true));
        latency.add(levelLine("cleanup -> ended_at p50", levels, l -> Stats.of(l.figures().cleanupEnded).p50(), false));
        latency.add(levelLine("cleanup -> ended_at p99", levels, l -> Stats.of(l.figures().cleanupEnded).p99(), true));
        latency.add(levelLine("end to end p50", levels, l -> Stats.of(l.figures().endToEnd).p50(), false));
        latency.add(levelLine("end to end p99", levels, l -> Stats.of(l.figures().endToEnd).p99(), true));
        Plots.lines(images.resolve("performance-load-latency.png"),
                "Latency against load: sessions opened, active and closed at the same time", "concurrent sessions",
                "milliseconds (log)", latency, true, true);

        List<Plots.Line> heap = new ArrayList<>();
        double[] hx = new double[levels.size() + 1];
        double[] live = new double[levels.size() + 1];
        double[] peak = new double[levels.size() + 1];
        double[] rss = new double[levels.size() + 1];
        hx[0] = 0;
        live[0] = r.load().idle().heapUsed() / MB;
        peak[0] = Double.NaN;
        rss[0] = r.load().idle().rss() / MB;
        for (int i = 0; i < levels.size(); i++) {
            LoadScenario.Level level = levels.get(i);
            hx[i + 1] = level.concurrency();
            live[i + 1] = level.activeGc() == null ? Double.NaN : level.activeGc().heapUsed() / MB;
            peak[i + 1] = level.peakHeap() / MB;
            rss[i + 1] = level.peakRss() / MB;
        }
        heap.add(new Plots.Line("live heap with N sessions active (after full GC)", hx, live, false));
        heap.add(new Plots.Line("peak heap used during the level (garbage included)", dropNaN(hx, peak)[0],
                dropNaN(hx, peak)[1], false));
        heap.add(new Plots.Line("peak RSS during the level", hx, rss, false));
        Plots.lines(images.resolve("performance-load-heap.png"), "Memory against load ("
                + (r.load().levels().isEmpty() ? 0 : 228) + " guilds)", "concurrent sessions", "MB", heap, false, false);

        MainScenario.Burst burst = main.burst();
        double[] sorted = Stats.of(burst.replyFromStartMs()).sorted();
        double[] answered = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            answered[i] = i + 1;
        }
        double[] sentAt = new double[burst.users()];
        double[] sentCount = new double[burst.users()];
        for (int i = 0; i < sentAt.length; i++) {
            sentAt[i] = burst.sendMs() * i / Math.max(1, sentAt.length - 1);
            sentCount[i] = i + 1;
        }
        List<Plots.Line> burstLines = new ArrayList<>();
        burstLines.add(new Plots.Line("users answered", sorted, answered, false));
        burstLines.add(new Plots.Line("commands sent (spread evenly over the send time)", sentAt, sentCount, false));
        Plots.lines(images.resolve("performance-burst.png"), "Burst: " + burst.users() + " `!voice` from "
                + burst.users() + " users in " + burst.guilds() + " guilds", "milliseconds since the first command",
                "users", burstLines, false, false);

        double[] t = burst.samples().stream().mapToDouble(s -> (s.nanos() - burst.startNanos()) / 1e6).toArray();
        List<Plots.Line> memory = new ArrayList<>();
        memory.add(new Plots.Line("heap used (garbage included)", t,
                burst.samples().stream().mapToDouble(s -> s.heapUsed() / MB).toArray(), false));
        memory.add(new Plots.Line("RSS", t, burst.samples().stream().mapToDouble(s -> s.rss() / MB).toArray(), false));
        Plots.lines(images.resolve("performance-burst-memory.png"), "Host memory during the burst",
                "milliseconds since the first command", "MB", memory, false, false);
    }

    private static double[][] dropNaN(double[] x, double[] y) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(y[i])) {
                points.add(new double[] {x[i], y[i]});
            }
        }
        return new double[][] {points.stream().mapToDouble(p -> p[0]).toArray(),
            points.stream().mapToDouble(p -> p[1]).toArray()};
    }

    private static Plots.Line levelLine(String name, List<LoadScenario.Level> levels,
            ToDoubleFunction<LoadScenario.Level> value, boolean dashed) {
        List<double[]> points = new ArrayList<>();
        for (LoadScenario.Level level : levels) {
            double v = value.applyAsDouble(level);
            if (!Double.isNaN(v) && v > 0) {
                points.add(new double[] {level.concurrency(), v});
            }
        }
        return new Plots.Line(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray(), dashed);
    }

    // ---------------------------------------------------------------- markdown

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Performance\n\n");
        md.append("Written by the benchmark runner (`").append(r.options().command().trim())
                .append("`); do not edit by hand, run it again. ")
                .append(r.options().quick() ? "**This is a quick run (`--quick`), not the full benchmark.** " : "")
                .append("Run on ").append(r.started().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append(", ")
                .append(Math.round(r.elapsed().toSeconds() / 60.0)).append(" minutes.\n\n");
        machine(md);
        summary(md);
        missesSection(md);
        method(md);
        details(md);
        charts(md);
        return md.toString();
    }

    private void machine(StringBuilder md) {
        Machine m = r.machine();
        md.append("## Machine\n\n");
        md.append("| | |\n| --- | --- |\n");
        md.append("| CPU | ").append(m.cpu()).append(", ").append(m.cores()).append(" cores available |\n");
        md.append("| Memory | ").append(fmt(m.memoryGiB())).append(" GiB |\n");
        md.append("| OS | ").append(m.os()).append(" |\n");
        md.append("| JDK | ").append(m.jdk()).append(" (GC: ").append(m.gc()).append("; default heap settings, as `bin/run`) |\n");
        md.append("| Load average (1, 5, 15 min) at the start -> end of each phase | ");
        for (Results.PhaseLoad load : r.loads()) {
            md.append(load.phase()).append(": ").append(load.before()).append(" -> ").append(load.after()).append("; ");
        }
        md.append("|\n| CPU used by other processes during each phase (share of all cores) | ");
        for (Results.PhaseLoad load : r.loads()) {
            md.append(load.phase()).append(": ").append(fmt(load.othersCpuPercent())).append(" %; ");
        }
        md.append("|\n\n");
        md.append("The emulator and the driver run in one JVM, the host with the plugin in another, on the same ")
                .append(m.cores()).append(" cores: the emulator's work competes with the bot's for CPU, and the load ")
                .append("average includes both. \"Other processes\" is the machine's busy CPU time (/proc/stat) less ")
                .append("the driver's and the hosts' own: work from outside the benchmark that shared the cores.\n\n");
    }

    private void summary(StringBuilder md) {
        md.append("## Figures against the targets\n\n");
        md.append("Rate limits are off except in the rate-limit rows. Sessions run one at a time unless stated; ")
                .append("reaction and cleanup are over ").append(life.sessions).append(" sessions after ")
                .append(r.options().warmup()).append(" warm-up sessions.\n\n");
        md.append("| Figure | unit | n | min | p50 | p99 | max | target | result |\n");
        md.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (Figure f : figures) {
            Stats s = f.stats();
            md.append("| ").append(f.name()).append(" | ").append(f.unit()).append(" | ").append(s.count())
                    .append(" | ").append(fmt(s.min())).append(" | ").append(fmt(s.p50())).append(" | ")
                    .append(fmt(s.p99())).append(" | ").append(fmt(s.max())).append(" | ").append(f.target())
                    .append(" | ").append(f.verdict().text).append(" |\n");
        }
        md.append('\n');
        int failures = main.failures() + r.load().levels().stream().mapToInt(LoadScenario.Level::failures).sum()
                + r.load().timerFailures();
        md.append("Sessions that did not complete with rate limits off (not in the figures): ").append(failures)
                .append(" (main run ").append(main.failures()).append(", load levels ")
                .append(r.load().levels().stream().mapToInt(LoadScenario.Level::failures).sum()).append(", timers ")
                .append(r.load().timerFailures()).append("). ");
        md.append("Gateway sessions used by the bot: ").append(main.gatewaySessions())
                .append(" (1 means it never reconnected). ");
        md.append("Rows without a commit time: ").append(life.rowsWithoutCommit).append(". ");
        md.append("Sessions without a CONNECTED time: ").append(life.withoutConnected).append(".\n\n");
    }

    private void missesSection(StringBuilder md) {
        explainMisses();
        md.append("## Missed targets and why\n\n");
        if (misses.isEmpty()) {
            md.append("None: every target was met.\n\n");
        }
        for (String miss : misses) {
            md.append(miss).append("\n\n");
        }
    }

    private void explainMisses() {
        for (Figure f : figures) {
            if (f.verdict() != Verdict.MISS) {
                continue;
            }
            String name = f.name();
            if (name.startsWith("Reaction")) {
                misses.add("**Reaction** (p99 " + fmt(f.stats().p99()) + " ms against 5 ms). Where the time goes, p50 / p99 in ms: "
                        + part("gateway dispatch -> the bot's MessageReceivedEvent listeners start (websocket, inflate, JDA parsing)", life.reactionJda)
                        + part("listeners start -> reply POST received (command layer, virtual thread, queue, JDA's requester)", life.reactionToReply)
                        + part("reply answered -> claim row committed (queue grant, plugin handler, permission check, INSERT)", life.reactionClaim)
                        + (life.lookups > 0
                                ? part("claim committed -> `GET users/{user_id}` received (in " + life.lookups + " of "
                                        + life.sessions + " sessions: the plugin looks the user up over REST to name the"
                                        + " channel, because JDA's member cache does not hold the author)", life.reactionClaimToLookup)
                                        + part("user lookup answered -> channel-create POST received", life.reactionLookupToCreate)
                                : "")
                        + (life.reactionClaimToCreate.isEmpty() ? ""
                                : part("claim committed -> channel-create POST received (sessions without a lookup)", life.reactionClaimToCreate))
                        + "The reply must be sent and answered before the request is granted, so the reaction holds "
                        + (life.lookups > 0 ? "three" : "two") + " REST round trips through JDA's requester (each a "
                        + "hand-off to JDA's rate-limit worker and OkHttp) and one SQLite commit in sequence; "
                        + loadNote());
            } else if (name.startsWith("End to end")) {
                misses.add("**End to end** (p99 " + fmt(f.stats().p99()) + " ms). "
                        + part("channel created -> CONNECTED (voice state update, voice websocket over TLS, UDP discovery)", life.createToConnected)
                        + loadNote());
            } else if (name.startsWith("Cleanup: user-leave")) {
                misses.add("**Cleanup to DELETE** (p99 " + fmt(f.stats().p99()) + " ms against 5 ms). "
                        + part("leave dispatched -> the bot's GuildVoiceUpdateEvent listeners start", life.cleanupJda)
                        + "The rest is the plugin's lane (read the row, cancel timers, close the voice connection) and "
                        + "JDA's requester; " + loadNote());
            } else if (name.startsWith("Cleanup, bot-side")) {
                misses.add("**Cleanup to `ended_at`** (p99 " + fmt(f.stats().p99()) + " ms against 5 ms). It contains the "
                        + "DELETE (its answer is subtracted), the queue slot release and the UPDATE's commit; "
                        + part("leave -> DELETE received", life.cleanupDelete) + loadNote());
            } else if (name.startsWith("Timer")) {
                misses.add("**Timer precision** (p99 " + fmt(f.stats().p99()) + " ms against 20 ms). Every delayed task of "
                        + "the plugin, p50 / p99: " + fmt(Stats.of(r.load().allTimersLateMs()).p50()) + " / "
                        + fmt(Stats.of(r.load().allTimersLateMs()).p99()) + " ms late. " + loadNote());
            } else if (name.startsWith("REST")) {
                misses.add(restWhy(f));
            } else if (name.startsWith("Database")) {
                misses.add("**Database calls on JDA event threads**: connections were borrowed on these threads: "
                        + main.agent().dbByThread() + ". The plugin must hand this work to its scheduler.");
            } else if (name.startsWith("Burst")) {
                misses.add(burstWhy(f));
            } else if (name.startsWith("Heap, idle")) {
                misses.add("**Idle heap** (" + fmt(f.stats().max()) + " MB against 128 MB). The largest classes on the "
                        + "idle heap are listed under Memory below.");
            }
        }
    }

    private String restWhy(Figure f) {
        StringBuilder why = new StringBuilder("**REST requests per session** (" + fmt(f.stats().p50()) + " against the "
                + "protocol's minimum of " + MINIMUM_REST + "). The minimum is one message to answer the user (it can "
                + "name the channel once it exists), one channel creation (the permission overwrites go in the same "
                + "request) and one deletion; joining and leaving voice use the gateway, not REST. Per session the bot "
                + "sent: ");
        life.requestsByRoute.forEach((route, count) -> why.append('`').append(route).append("` x ")
                .append(fmt((double) count / Math.max(1, life.sessions))).append(", "));
        if (life.requestsByRoute.containsKey("GET users/{user_id}")) {
            why.append("`GET users/{user_id}` is the plugin looking up the user's name for the channel name: JDA's "
                    + "member cache (MemberCachePolicy.DEFAULT) does not keep the author, although the MESSAGE_CREATE "
                    + "carried the name; passing the author's name from the command would save the request and a "
                    + "round trip of the reaction. ");
        }
        List<String> edits = life.statusEdits;
        if (!edits.isEmpty()) {
            why.append("The extra requests are edits of the one status message, one per state the session passes "
                    + "through: ");
            for (String edit : edits) {
                why.append("\"").append(edit).append("\"; ");
            }
            why.append("Each tells the user something the minimum leaves out: that the request left the queue and "
                    + "is being served (creating), where to go and by when (join), that the session runs (active) and "
                    + "why it ended. A progress text for a step that is over within a second (the bot joining the "
                    + "channel) is not sent at all; leaving out the creating, active and ended edits would reach the "
                    + "minimum at the cost of those messages. Under rate limits these edits share one bucket per text "
                    + "channel (see the rate-limit rows).");
        }
        return why.toString();
    }

    private String burstWhy(Figure f) {
        MainScenario.Burst burst = main.burst();
        double cpuSeconds = (burst.cpu().hostMs() + burst.cpu().driverMs()) / 1000.0;
        return "**Burst** (" + burst.answered() + " of " + burst.users() + " answered, the last after "
                + fmt(f.stats().max()) + " ms against 1 s). The driver alone needed " + fmt(burst.sendMs())
                + " ms to post the " + burst.users() + " commands through the emulator, so the last user typed only "
                + fmt(burst.sendMs()) + " ms after the first; per user, own command -> reply p50 / p99: "
                + fmt(Stats.of(burst.replyOwnMs()).p50()) + " / " + fmt(Stats.of(burst.replyOwnMs()).p99())
                + " ms. The machine is the limit: from the first command to the last reply (" + fmt(burst.cpu().wallMs())
                + " ms) the host used " + fmt(burst.cpu().hostMs()) + " ms of CPU (" + fmt(burst.cpu().hostMs()
                / Math.max(1, burst.users())) + " ms per command: JDA parsing the message, the command layer, the "
                + "queue, the reply's REST call and the MESSAGE_CREATE of the bot's own reply coming back) and the "
                + "emulator with the driver " + fmt(burst.cpu().driverMs()) + " ms, " + fmt(cpuSeconds)
                + " s of CPU in all on " + r.machine().cores() + " cores, so no schedule could answer everyone "
                + "within " + fmt(cpuSeconds / r.machine().cores() * 1000) + " ms here. The host's part alone, on "
                + "cores of its own, would take about " + fmt(burst.cpu().hostMs() / r.machine().cores())
                + " ms; " + loadNote();
    }

    private String loadNote() {
        Results.PhaseLoad main = r.loads().getFirst();
        return "on this machine " + r.machine().cores() + " cores serve the host, the emulator and the driver, and "
                + "other processes used " + fmt(main.othersCpuPercent()) + " % of the CPU during the main run (load "
                + "average " + main.before() + " at its start), so every hand-off between threads can wait for a core.";
    }

    private static String part(String what, List<Double> values) {
        Stats s = Stats.of(values);
        return what + ": " + fmt(s.p50()) + " / " + fmt(s.p99()) + "; ";
    }

    private void method(StringBuilder md) {
        md.append("## How it is measured\n\n");
        md.append("""
                - **Setup.** The driver JVM starts a `discord-emulator` (rate limits off unless stated) seeded with the \
                guilds, then starts the real host in a second JVM (`dev.voicesession.bench.agent.HostAgent`: \
                `BotHost` from a YAML configuration, the real `voice-plugin` jar loaded by PF4J from a plugins \
                directory, JDA 6.5 connected to the emulator over loopback, the product's logging). Users are driven \
                through the emulator's Java control API.
                - **Clocks.** Every interval is `System.nanoTime()` of one machine: the emulator stamps each gateway \
                dispatch and each REST request's arrival and completion (`DispatchLogEntry.nanoTime`, \
                `RequestLogEntry.arrivedNanos/completedNanos`); the host's probes stamp JDA events, voice status \
                changes and SQLite commits. On Linux `System.nanoTime()` is the system-wide monotonic clock, so the \
                two JVMs' stamps compare.
                - **Bot-side.** The driver's own time is never counted. Where the bot waits for the emulator's answer \
                on the way (the reply before the channel creation, the DELETE before `ended_at`), the emulator's \
                time answering (completion minus arrival) is subtracted; the loopback transfer stays in.
                - **Probes in the host JVM** (they observe only): JDA's `InterfacedEventManager` wrapped to time each \
                event's listeners and mark the thread while they run; a HikariCP `MetricsTrackerFactory` that is told \
                of every connection borrow on the borrowing thread; SQLite update and commit hooks on every pooled \
                connection (the last commit of a session's row is the `ended_at` write); a `ConnectionListener` on \
                each guild's audio manager (CONNECTED); the host's own scheduler wrapped to record how late each \
                delayed task starts; a sampler of heap used and VmRSS every 50 ms. Memory "after GC" is read after \
                two `System.gc()` calls.
                - **Pacing.** Discord allows 120 gateway payloads per connection and minute (the emulator closes a \
                connection that sends more with 4008); JDA sends at most 116 of its queued ones per shard and minute \
                and then pauses the rest of it; each session needs two (join and leave voice). The plugin keeps its \
                joins and leaves within its own budget (110 per shard and minute by default) and makes later joins \
                wait. With rate limits off the driver still starts sessions so that each shard gets at most %d of \
                them a minute (the main run: one shard, so at most 48 sessions a minute; the load run: 16 shards), \
                so that no session waits for the budget there. The rate-limit run does not pace.
                - **End to end** ends at JDA's voice `ConnectionStatus.CONNECTED`; the plugin hears of it through \
                the `ConnectionListener` of the guild's audio manager (it keeps the one it finds there, here the \
                probe's) and shows the join prompt.
                - **Load.** A second host with 228 guilds, 16 shards and 64 queue slots (the most the host \
                accepts): rounds of N sessions opened at the same moment in N guilds, all active at once (the \
                live heap is read then), then all users leave at once.
                - **Timer precision.** 100 guilds whose join timeout is %d ms each run sessions back to back in \
                which the user never joins, the guilds starting 25 ms apart so that the timers fall due spread \
                out (about 40 sessions waiting at any time); the lateness is the host scheduler's (the task \
                starting minus the time it was due).
                - **Rate limits.** The emulator's Discord-like limits: 5 requests per 5 s per route and major \
                parameter (channel or guild), 50 requests per second overall, 120 gateway payloads per connection \
                and minute. Whole sessions (command, join, \
                leave, end) back to back in each guild for %d s; a session counts if its row ended within the window. \
                "Allowed" is the rate the buckets permit for the bot's measured requests per session, and for the \
                protocol's minimum of three.
                - **Cluster.** One emulator with 8 shards, 96 guilds and the same rate limits (the global limit counts \
                every request of the bot, whichever process sends it, as Discord does), `max_concurrency` 8; one \
                PostgreSQL cluster from Debian's binaries; 1, 2 and 4 host processes with equal shard ranges, a \
                fresh database for each count, `queue.scope: cluster` with 64 slots over the cluster. Sessions back \
                to back in all 96 guilds for the same window. The grant latency: two processes, one slot over the \
                cluster, a user of one process holding it and a user of the other waiting; the holder leaves. The \
                driver listens on the queue's `LISTEN/NOTIFY` channel, where each process announces each change of \
                the line with its own id as payload, and times the holder's process's notification (its request \
                deleted, the slot free, committed) to the waiter's process's (the request granted, committed).

                """.formatted(GatewayBudget.PER_MINUTE, r.load().timeoutMillis(),
                        r.options().rateLimitWindowSeconds()));
    }

    private void details(StringBuilder md) {
        md.append("## Details\n\n### Reaction and cleanup, step by step (ms)\n\n");
        md.append("| step | n | min | p50 | p99 | max |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        row(md, "`!voice` dispatched -> MessageReceivedEvent listeners start", life.reactionJda);
        row(md, "listeners start -> reply POST received", life.reactionToReply);
        row(md, "reply answered -> claim row committed", life.reactionClaim);
        row(md, "claim committed -> user lookup `GET users/{user_id}` received", life.reactionClaimToLookup);
        row(md, "user lookup answered -> channel POST received", life.reactionLookupToCreate);
        row(md, "claim committed -> channel POST received (no lookup)", life.reactionClaimToCreate);
        row(md, "channel created -> voice CONNECTED", life.createToConnected);
        row(md, "channel created -> the bot's op 4 (join voice) reaches the gateway", life.createToBotVoiceState);
        row(md, "op 4 reached the gateway -> voice CONNECTED (voice websocket, TLS, UDP discovery)",
                life.botVoiceStateToConnected);
        row(md, "CONNECTED -> join prompt received (the plugin hears CONNECTED from JDA's ConnectionListener)",
                life.connectedToPrompt);
        row(md, "leave dispatched -> GuildVoiceUpdateEvent listeners start", life.cleanupJda);
        row(md, "leave dispatched -> DELETE received", life.cleanupDelete);
        row(md, "leave dispatched -> ended_at committed, as measured", life.cleanupEndedRaw);
        md.append('\n');
        Stats op4 = Stats.of(life.createToBotVoiceState);
        md.append("End to end is mostly waiting inside JDA: the bot's request to join the voice channel (gateway op 4) ")
                .append("is queued for JDA's gateway sending thread, which wakes every 500 ms when it has nothing to ")
                .append("send, so it waits between 0 and 500 ms (here p50 ").append(fmt(op4.p50())).append(" ms, max ")
                .append(fmt(op4.max())).append(" ms). Discord allows 120 gateway payloads per connection and minute and ")
                .append("JDA sends at most 116 of its queued ones per shard and minute (two per session, so at most 58 ")
                .append("sessions a minute per shard); the plugin keeps its joins and leaves within its budget of 110 ")
                .append("per shard and minute, and the benchmark paces itself below that, waiting ")
                .append(fmt(main.paced().toMillis() / 1000.0)).append(" s in the main run. The plugin hears of ")
                .append("CONNECTED from JDA's ConnectionListener, so the join prompt follows it at once.\n\n");

        md.append("### REST requests per session\n\n| request | per session |\n| --- | ---: |\n");
        life.requestsByRoute.forEach((route, count) -> md.append("| `").append(route).append("` | ")
                .append(fmt((double) count / Math.max(1, life.sessions))).append(" |\n"));
        md.append("\nProtocol minimum: `POST channels/{channel_id}/messages` (the answer), `POST guilds/{guild_id}/channels` ")
                .append("(with the overwrites), `DELETE channels/{channel_id}`.\n\n");

        md.append("### JDA event threads\n\nListener time per event by type, main run (ms):\n\n");
        md.append("| event | n | p50 | p99 | max |\n| --- | ---: | ---: | ---: | ---: |\n");
        main.agent().eventTimesByType().forEach((type, times) -> {
            Stats s = Stats.of(times.stream().map(t -> t / 1e6).toList());
            md.append("| ").append(type).append(" | ").append(s.count()).append(" | ").append(fmt(s.p50()))
                    .append(" | ").append(fmt(s.p99())).append(" | ").append(fmt(s.max())).append(" |\n");
        });
        md.append("\nDatabase connections borrowed, by thread (main run and burst): ");
        Map<String, Long> threads = new LinkedHashMap<>(main.agent().dbByThread());
        main.burst().agent().dbByThread().forEach((k, v) -> threads.merge(k, v, Long::sum));
        threads.forEach((thread, count) -> md.append('`').append(thread).append("` ").append(count).append(", "));
        md.append("of them during a JDA event: ").append(main.agent().dbInEvent() + main.burst().agent().dbInEvent())
                .append(", on threads JDA created: ")
                .append(main.agent().dbOnJdaThreads() + main.burst().agent().dbOnJdaThreads()).append(".\n\n");

        md.append("### Memory\n\n");
        md.append("| reading | heap used | heap committed | non-heap | metaspace | RSS | threads | classes |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        int n = 1;
        for (MainScenario.Startup startup : main.startups()) {
            Memory.Reading idle = startup.idle().getLast();
            memoryRow(md, "idle, " + startup.guilds() + " guilds (start " + n++ + ")", idle);
        }
        memoryRow(md, "end of the burst (1,000 requests queued), after GC", main.burst().afterGc());
        memoryRow(md, "load host idle, 228 guilds", r.load().idle());
        for (LoadScenario.Level level : r.load().levels()) {
            if (level.activeGc() != null) {
                memoryRow(md, level.concurrency() + " sessions active", level.activeGc());
            }
        }
        md.append("\nValues in MB, after a full GC. Largest classes on the idle heap of the main host ")
                .append("(`jcmd GC.class_histogram`):\n\n```\n");
        main.histogram().forEach(line -> md.append(line).append('\n'));
        md.append("```\n\n");

        md.append("### Load levels\n\n| concurrent sessions | sessions | reaction p50 / p99 | end to end p50 / p99 | ")
                .append("cleanup -> DELETE p50 / p99 | cleanup -> ended_at p50 / p99 | live heap | peak heap |\n")
                .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (LoadScenario.Level level : r.load().levels()) {
            Lifecycles l = level.figures();
            md.append("| ").append(level.concurrency()).append(" | ").append(l.sessions).append(" | ")
                    .append(pair(l.reaction)).append(" | ").append(pair(l.endToEnd)).append(" | ")
                    .append(pair(l.cleanupDelete)).append(" | ").append(pair(l.cleanupEnded)).append(" | ")
                    .append(level.activeGc() == null ? "-" : fmt(level.activeGc().heapUsed() / MB)).append(" | ")
                    .append(fmt(level.peakHeap() / MB)).append(" |\n");
        }
        md.append("\nLatencies in ms, memory in MB.\n\n");

        md.append("### Timers\n\n");
        md.append("Join timers: ").append(r.load().joinTimerLateMs().size()).append(" of ")
                .append(r.load().timerSessions()).append(" sessions. ");
        Stats all = Stats.of(r.load().allTimersLateMs());
        md.append("Every delayed task in that phase (connect time-outs, join timers): n ").append(all.count())
                .append(", p50 ").append(fmt(all.p50())).append(" ms, p99 ").append(fmt(all.p99())).append(" ms, max ")
                .append(fmt(all.max())).append(" ms late. ");
        Stats promptToDelete = Stats.of(r.load().promptToDeleteMs());
        md.append("Seen from outside, join prompt received -> channel DELETE received, minus the timeout: p50 ")
                .append(fmt(promptToDelete.p50())).append(" ms, p99 ").append(fmt(promptToDelete.p99()))
                .append(" ms (timer lateness plus the cleanup before the DELETE, minus the prompt's own delay).\n\n");

        if (r.rateLimits() != null) {
            RateLimitScenario.Result rl = r.rateLimits();
            md.append("### Rate limits\n\n| guilds | window | sessions closed | per minute | failed | limits allow (bot's requests) ")
                    .append("| plugin's budget allows | limits allow (minimum requests) | bound by | 429 answers ")
                    .append("| op 4 sent | gateway closed with 4008 |\n")
                    .append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |\n");
            for (RateLimitScenario.Phase phase : List.of(rl.oneGuild(), rl.manyGuilds())) {
                md.append("| ").append(phase.guilds()).append(" | ").append(phase.windowSeconds()).append(" s | ")
                        .append(phase.closed()).append(" | ").append(fmt(phase.sessionsPerMinute())).append(" | ")
                        .append(phase.failures()).append(" | ").append(fmt(phase.allowedPerMinute())).append(" | ")
                        .append(fmt(phase.budgetPerMinute())).append(" | ").append(fmt(phase.minimumAllowedPerMinute()))
                        .append(" | ").append(phase.binding()).append(" | ").append(phase.figures().rateLimited)
                        .append(" | ").append(phase.voiceUpdates()).append(" | ").append(phase.gatewayCloses())
                        .append(" |\n");
            }
            md.append("\nThe bot's successful requests per session under rate limits: ");
            rl.requestsPerSession().forEach((k, v) -> md.append('`').append(k).append("` ").append(fmt(v)).append(", "));
            md.append("(`shared`: a bucket that consecutive sessions of a guild share; `own`: the session's own ")
                    .append("channel, a fresh bucket).\n\n");
            md.append(rateLimitWhy(rl));
        }
        if (r.cluster() != null) {
            cluster(md);
        }
    }

    private void cluster(StringBuilder md) {
        ClusterScenario.Result c = r.cluster();
        md.append("### Cluster\n\n");
        if (c.skipped() != null) {
            md.append("Not run: ").append(c.skipped()).append(".\n\n");
            return;
        }
        md.append("PostgreSQL ").append(c.postgres()).append("; guilds per shard: ").append(c.guildsPerShard())
                .append(".\n\n");
        md.append("| processes | shard ranges | start (s) | window | sessions closed | per minute | failed | 429 answers ")
                .append("| limits allow | plugin's budget allows | 64 slots allow | machine CPU | hosts' CPU | ")
                .append("session p50 / p99 (s) | bound by |\n")
                .append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (ClusterScenario.Throughput t : c.throughput()) {
            Stats session = Stats.of(t.sessionMs());
            md.append("| ").append(t.processes()).append(" | ").append(String.join(", ", t.ranges())).append(" | ")
                    .append(fmt(t.startSeconds())).append(" | ").append(t.windowSeconds()).append(" s | ")
                    .append(t.closed()).append(" | ").append(fmt(t.sessionsPerMinute())).append(" | ")
                    .append(t.failures()).append(" | ").append(t.rateLimited()).append(" | ")
                    .append(fmt(t.allowedPerMinute())).append(" | ").append(fmt(t.budgetPerMinute())).append(" | ")
                    .append(fmt(slotsAllow(t))).append(" | ").append(fmt(t.machineCpuPercent())).append(" % | ")
                    .append(fmt(t.hostsCpuPercent())).append(" % | ").append(fmt(session.p50() / 1000)).append(" / ")
                    .append(fmt(session.p99() / 1000)).append(" | ").append(clusterBound(t)).append(" |\n");
        }
        md.append("\n429 answers by request: ");
        for (ClusterScenario.Throughput t : c.throughput()) {
            md.append(t.processes()).append(t.processes() == 1 ? " process: " : " processes: ");
            t.rateLimitedRoutes().forEach((route, n) -> md.append('`').append(route).append("` ").append(n).append(", "));
            md.append(t.rateLimitedGlobal()).append(" of them for the global limit; ");
        }
        md.append("JDA waits and sends again after a 429 (the failed column counts sessions that did not complete); ")
                .append("each process's JDA keeps its own count of the bot's one global limit, so the processes together ")
                .append("can overrun it.\n");
        md.append("\n\"Limits allow\" is the rate Discord's limits permit for the bot's measured requests per ")
                .append("session in 96 guilds (").append(c.throughput().isEmpty() ? "" : c.throughput().getFirst().binding())
                .append(" binds first); \"64 slots allow\" is 64 sessions at once over the mean time a session holds ")
                .append("its slot (channel creation to row ended). \"Machine CPU\" is every process on the ")
                .append(r.machine().cores()).append(" cores (the emulator and the driver, PostgreSQL and the hosts); ")
                .append("\"hosts' CPU\" the bot's processes alone. Windows shorter than a minute are extrapolated.\n\n");
        ClusterScenario.Grants g = c.grants();
        Stats grants = Stats.of(g.latencyMs());
        md.append("**Grant latency of the global queue** (slot freed in one process -> the next request granted in ")
                .append("the other), ").append(g.latencyMs().size()).append(" hand-overs");
        if (g.missed() > 0) {
            md.append(" (").append(g.missed()).append(" of ").append(g.samples())
                    .append(" without both notifications, not counted)");
        }
        md.append(": p50 ").append(fmt(grants.p50())).append(" ms, p99 ").append(fmt(grants.p99())).append(" ms, max ")
                .append(fmt(grants.max())).append(" ms. What bounds it: the waiting process hears of the free slot ")
                .append("by `LISTEN` (PostgreSQL sends the notification at the freeing transaction's commit; the ")
                .append("listener's thread blocks on the socket, no polling), then runs one round: a transaction ")
                .append("that takes the queue's advisory lock, reads the line, marks the request granted with its ")
                .append("lease and announces it. So one notification delivery and one short transaction over loopback; ")
                .append("the heartbeat (every third of the lease) only matters when a notification is lost.\n\n");
    }

    private static double slotsAllow(ClusterScenario.Throughput t) {
        double heldSeconds = t.heldMs().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN) / 1000;
        return t.slots() * 60.0 / heldSeconds;
    }

    /** The nearest of the three bounds, and the CPU when the machine was near full. */
    private static String clusterBound(ClusterScenario.Throughput t) {
        double limits = t.allowedPerMinute();
        double budget = t.budgetPerMinute();
        double slots = slotsAllow(t);
        String bound;
        if (slots <= limits && slots <= budget) {
            bound = "the 64 slots (" + fmt(100 * t.sessionsPerMinute() / slots) + " % of what they allow)";
        } else if (budget <= limits) {
            bound = "the plugin's gateway budget (" + fmt(100 * t.sessionsPerMinute() / budget) + " %)";
        } else {
            bound = "Discord's limits (" + fmt(100 * t.sessionsPerMinute() / limits) + " % of what they allow)";
        }
        if (t.machineCpuPercent() >= 85) {
            bound += "; the CPU was near full (" + fmt(t.machineCpuPercent()) + " %), so the cores bound it first";
        }
        return bound;
    }

    private String rateLimitWhy(RateLimitScenario.Result rl) {
        RateLimitScenario.Phase one = rl.oneGuild();
        RateLimitScenario.Phase many = rl.manyGuilds();
        StringBuilder why = new StringBuilder();
        if (one.windowSeconds() < 60) {
            why.append("(Quick run: ").append(one.windowSeconds()).append(" s windows, so the rates per minute are ")
                    .append("extrapolated; the gateway budget starts each phase empty, so a short window carries ")
                    .append("more than a minute's share of it.) ");
        }
        why.append("In one guild the bot closed ").append(fmt(one.sessionsPerMinute())).append(" sessions a minute; the ")
                .append("limits allow ").append(fmt(one.allowedPerMinute())).append(", bound by ").append(one.binding())
                .append(". With only the protocol's three requests a session, the same guild could do ")
                .append(fmt(one.minimumAllowedPerMinute())).append(" a minute. ");
        why.append("In ").append(many.guilds()).append(" guilds at once it closed ").append(fmt(many.sessionsPerMinute()))
                .append(" a minute against ").append(fmt(many.allowedPerMinute())).append(" allowed over time, bound by ")
                .append(many.binding()).append(". ");
        if (many.sessionsPerMinute() > many.allowedPerMinute() || one.sessionsPerMinute() > one.allowedPerMinute()) {
            why.append("One minute can carry more than that: the gateway budget is empty at the start of a phase ")
                    .append("and Discord counts its buckets in fixed five-second windows, so a minute that straddles two windows ")
                    .append("can take up to twice a window's worth; the allowed rate is what holds minute after minute. ");
        }
        why.append("The plugin's own gateway budget allows ").append(fmt(many.budgetPerMinute()))
                .append(" a minute in ").append(many.guilds()).append(" guilds (").append(many.budgetBinding())
                .append("), so ").append(fmt(100 * many.sessionsPerMinute() / many.allowedPerMinute()))
                .append(" % of what the limits allow and ").append(fmt(100 * many.sessionsPerMinute() / many.budgetPerMinute()))
                .append(" % of the budget; the gap to the budget is the window's edges (joins booked in its last seconds ")
                .append("close after it) and the time a session holds its place. ");
        if (many.failures() > 0 || one.failures() > 0) {
            why.append(many.failures() + one.failures()).append(" sessions failed. ");
        } else {
            why.append("No session failed: joins beyond the budget waited for their turn (the user is told so), and ")
                    .append("the connect time-out counts from the join being sent. ");
        }
        why.append("The gateway received ").append(many.voiceUpdates() + one.voiceUpdates())
                .append(" voice state updates (JDA drops a queued leave when the deleted channel took the bot out ")
                .append("anyway) and closed the bot's connection ").append(many.gatewayCloses() + one.gatewayCloses())
                .append(" times for sending too much. ");
        why.append("A session in ").append(many.guilds()).append(" busy guilds took p50 ")
                .append(fmt(Stats.of(many.sessionMs()).p50() / 1000)).append(" s from command to row ended (")
                .append(fmt(Stats.of(one.sessionMs()).p50() / 1000)).append(" s in one guild).\n\n");
        return why.toString();
    }

    private static void memoryRow(StringBuilder md, String name, Memory.Reading m) {
        md.append("| ").append(name).append(" | ").append(fmt(m.heapUsed() / MB)).append(" | ")
                .append(fmt(m.heapCommitted() / MB)).append(" | ").append(fmt(m.nonHeapUsed() / MB)).append(" | ")
                .append(fmt(m.metaspaceUsed() / MB)).append(" | ").append(fmt(m.rss() / MB)).append(" | ")
                .append(m.threads()).append(" | ").append(m.classes()).append(" |\n");
    }

    private static String pair(List<Double> values) {
        Stats s = Stats.of(values);
        return fmt(s.p50()) + " / " + fmt(s.p99());
    }

    private static void row(StringBuilder md, String name, List<Double> values) {
        Stats s = Stats.of(values);
        md.append("| ").append(name).append(" | ").append(s.count()).append(" | ").append(fmt(s.min())).append(" | ")
                .append(fmt(s.p50())).append(" | ").append(fmt(s.p99())).append(" | ").append(fmt(s.max())).append(" |\n");
    }

    private void charts(StringBuilder md) {
        md.append("## Charts\n\n");
        md.append("Bot-side latency distributions (share of sessions at or below each latency; log scale):\n\n")
                .append("![Bot-side latencies](images/performance-latency.png)\n\n");
        md.append("End to end and its parts:\n\n![End to end](images/performance-end-to-end.png)\n\n");
        md.append("Latency against load (solid p50, dashed p99):\n\n![Latency against load](images/performance-load-latency.png)\n\n");
        md.append("Memory against load:\n\n![Heap against load](images/performance-load-heap.png)\n\n");
        md.append("Burst, users answered over time:\n\n![Burst](images/performance-burst.png)\n\n");
        md.append("Burst, host memory over time:\n\n![Burst memory](images/performance-burst-memory.png)\n");
    }

    /** A number with three significant digits at most, integers above 1,000. */
    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        double abs = Math.abs(value);
        if (abs >= 1000 || value == Math.rint(value) && abs >= 1) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
