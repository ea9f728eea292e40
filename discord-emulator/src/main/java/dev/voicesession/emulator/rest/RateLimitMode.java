package dev.voicesession.emulator.rest;

/** How the emulator limits REST requests. */
public enum RateLimitMode {
    /** No limits and no rate limit headers: for benchmarks. */
    OFF,
    /** Per-route buckets and a global limit with Discord's headers and 429 answers. */
    DISCORD
}
