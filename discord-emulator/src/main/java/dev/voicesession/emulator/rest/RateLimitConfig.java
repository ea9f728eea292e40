package dev.voicesession.emulator.rest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits for {@link RateLimitMode#DISCORD}: a default bucket size and window per route and major
 * parameter, per-route overrides, and the global limit per second. Discord does not publish its per-route
 * numbers; the defaults follow what its headers usually show (5 requests per 5 seconds, 50 per second
 * globally).
 */
public final class RateLimitConfig {
    private final int defaultLimit;
    private final Duration defaultWindow;
    private final int globalPerSecond;
    private final Map<String, Limit> overrides = new HashMap<>();

    /** One bucket's size and window. */
    public record Limit(int limit, Duration window) {}

    /** Creates a configuration. */
    public RateLimitConfig(int defaultLimit, Duration defaultWindow, int globalPerSecond) {
        this.defaultLimit = defaultLimit;
        this.defaultWindow = defaultWindow;
        this.globalPerSecond = globalPerSecond;
    }

    /** Discord-like defaults. */
    public static RateLimitConfig discord() {
        return new RateLimitConfig(5, Duration.ofSeconds(5), 50);
    }

    /** Sets the bucket of one route, e.g. {@code ("PATCH", "channels/{channel_id}", 2, 10 min)}. */
    public RateLimitConfig route(String method, String template, int limit, Duration window) {
        overrides.put(method + " " + template, new Limit(limit, window));
        return this;
    }

    /** The bucket of a route. */
    public Limit limitFor(String method, String template) {
        return overrides.getOrDefault(method + " " + template, new Limit(defaultLimit, defaultWindow));
    }

    /** Requests per second allowed across all non-interaction routes. */
    public int globalPerSecond() {
        return globalPerSecond;
    }
}
