package dev.voicesession.emulator.rest;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Discord-style rate limits: one bucket per route template and major parameter (channel, guild, webhook),
 * identified by a bucket hash, plus a global per-second limit. Produces the {@code X-RateLimit-*} headers.
 */
public final class RateLimiter {
    private final RateLimitMode mode;
    private final RateLimitConfig config;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private long globalWindowStart;
    private int globalCount;

    /** What to do with one request. */
    public record Decision(boolean limited, boolean global, double retryAfterSeconds, Map<String, String> headers) {}

    private static final class Bucket {
        final String hash;
        final int limit;
        final long windowMillis;
        int remaining;
        long resetAt;

        Bucket(String hash, int limit, long windowMillis) {
            this.hash = hash;
            this.limit = limit;
            this.windowMillis = windowMillis;
        }
    }

    /** Creates a limiter. */
    public RateLimiter(RateLimitMode mode, RateLimitConfig config) {
        this.mode = mode;
        this.config = config;
    }

    /** Counts a request against its bucket (and the global limit unless exempt). */
    public synchronized Decision acquire(String method, String template, String majorParameter, boolean globalExempt) {
        if (mode == RateLimitMode.OFF) {
            return new Decision(false, false, 0, Map.of());
        }
        long now = System.currentTimeMillis();
        if (!globalExempt) {
            if (now - globalWindowStart >= 1000) {
                globalWindowStart = now;
                globalCount = 0;
            }
            if (globalCount >= config.globalPerSecond()) {
                double retry = (globalWindowStart + 1000 - now) / 1000.0;
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("X-RateLimit-Global", "true");
                headers.put("X-RateLimit-Scope", "global");
                return new Decision(true, true, retry, headers);
            }
            globalCount++;
        }
        Bucket bucket = bucket(method, template, majorParameter);
        if (now >= bucket.resetAt) {
            bucket.remaining = bucket.limit;
            bucket.resetAt = now + bucket.windowMillis;
        }
        if (bucket.remaining == 0) {
            Map<String, String> headers = headers(bucket, now);
            headers.put("X-RateLimit-Scope", "user");
            return new Decision(true, false, (bucket.resetAt - now) / 1000.0, headers);
        }
        bucket.remaining--;
        return new Decision(false, false, 0, headers(bucket, now));
    }

    /** Headers for an injected 429 on a route: the bucket exhausted until {@code retryAfter} from now. */
    public synchronized Map<String, String> exhaust(String method, String template, String major, long retryMillis) {
        long now = System.currentTimeMillis();
        Bucket bucket = bucket(method, template, major);
        bucket.remaining = 0;
        bucket.resetAt = now + retryMillis;
        Map<String, String> headers = headers(bucket, now);
        headers.put("X-RateLimit-Scope", "user");
        return headers;
    }

    private Bucket bucket(String method, String template, String majorParameter) {
        String key = method + " " + template + " " + majorParameter;
        return buckets.computeIfAbsent(key, k -> {
            RateLimitConfig.Limit limit = config.limitFor(method, template);
            return new Bucket(hash(method + " " + template), limit.limit(), limit.window().toMillis());
        });
    }

    private static Map<String, String> headers(Bucket bucket, long now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Limit", Integer.toString(bucket.limit));
        headers.put("X-RateLimit-Remaining", Integer.toString(bucket.remaining));
        headers.put("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", bucket.resetAt / 1000.0));
        headers.put("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", (bucket.resetAt - now) / 1000.0));
        headers.put("X-RateLimit-Bucket", bucket.hash);
        return headers;
    }

    private static String hash(String routeKey) {
        return HexFormat.of().toHexDigits(routeKey.hashCode());
    }
}
