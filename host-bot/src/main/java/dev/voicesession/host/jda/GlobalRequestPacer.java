package dev.voicesession.host.jda;

import dev.voicesession.host.config.DiscordSettings;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.regex.Pattern;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Paces a bot's REST requests below Discord's global rate limit before Discord has to answer 429.
 *
 * <p>Discord allows a bot 50 requests a second over all its routes (more if Discord raised it for the bot),
 * counted per bot whichever process sends them. JDA waits only after a 429 answer, and each process's JDA
 * counts for itself, so a busy bot, and every process of a cluster, overruns the limit and collects 429
 * answers. Discord counts those toward its invalid request limit (10,000 in 10 minutes), past which it blocks
 * the bot's IP address for a while. This interceptor holds each request on JDA's requester thread until the
 * process's share of the limit allows it: {@code limit * shards / shardsTotal} requests a second, less a tenth
 * for the processes' clocks and Discord's window, with a small burst. Interaction callbacks and webhook
 * requests with a token are not bound by the global limit and pass at once.
 *
 * <p>The reference bot installs one from {@code discord.globalRateLimit}; a bot that builds its own JDA gets
 * one from {@code BotHost.globalRequestPacer}.
 */
public final class GlobalRequestPacer implements Interceptor {
    private static final double MARGIN = 0.9;
    /** Routes Discord does not count toward the global limit: interaction callbacks and token webhooks. */
    private static final Pattern EXEMPT = Pattern.compile("/(interactions/\\d+/[^/]+/callback|webhooks/\\d+/[^/]+)");

    private final double perSecond;
    private final long burst;
    private final Bucket bucket;
    private final BlockingStrategy waiting;

    GlobalRequestPacer(double perSecond, TimeMeter clock, BlockingStrategy waiting) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("requests a second must be positive, not " + perSecond);
        }
        this.perSecond = perSecond;
        // In any second at most burst + refill requests leave: together the process's pace.
        this.burst = Math.max(1, (long) Math.floor(perSecond / 10));
        double refill = Math.max(perSecond - burst, perSecond / 2);
        long perMinute = Math.max(1, Math.round(refill * 60));
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(clock)
                .build();
        this.waiting = waiting;
    }

    /**
     * Creates a pacer for one process of a bot.
     *
     * @param globalLimit the bot's global limit in requests a second, {@link
     *     DiscordSettings#DISCORD_GLOBAL_RATE_LIMIT} unless Discord raised it
     * @param shards how many of the bot's shards this process runs
     * @param shardsTotal the bot's shard count; a process that runs them all passes the same number twice
     * @return the pacer, allowing this process {@code globalLimit * shards / shardsTotal}, less a tenth
     * @throws IllegalArgumentException if a number is not positive or {@code shards > shardsTotal}
     */
    public static GlobalRequestPacer forShare(int globalLimit, int shards, int shardsTotal) {
        if (globalLimit < 1 || shards < 1 || shardsTotal < shards) {
            throw new IllegalArgumentException("need a positive limit and 1 <= shards <= shardsTotal, not "
                    + globalLimit + ", " + shards + ", " + shardsTotal);
        }
        return new GlobalRequestPacer(MARGIN * globalLimit * shards / shardsTotal, TimeMeter.SYSTEM_NANOTIME,
                BlockingStrategy.PARKING);
    }

    /**
     * Returns the pace this process keeps.
     *
     * @return the requests a second it lets through, at most, over any second
     */
    public double requestsPerSecond() {
        return perSecond;
    }

    /**
     * Returns how many requests may leave at once after a quiet spell.
     *
     * @return the burst, at least 1
     */
    public long burst() {
        return burst;
    }

    /**
     * Waits for the process's share of the global limit, then sends the request.
     *
     * @param chain OkHttp's chain
     * @return the response
     * @throws InterruptedIOException if the thread is interrupted while it waits (JDA is shutting down)
     * @throws IOException if sending fails
     */
    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!exempt(request)) {
            acquire();
        }
        return chain.proceed(request);
    }

    /** Waits for one request's place in this process's share. */
    void acquire() throws InterruptedIOException {
        try {
            bucket.asBlocking().consume(1, waiting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted =
                    new InterruptedIOException("interrupted waiting for the global rate limit");
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    static boolean exempt(Request request) {
        return request.header("Authorization") == null || EXEMPT.matcher(request.url().encodedPath()).find();
    }
}
