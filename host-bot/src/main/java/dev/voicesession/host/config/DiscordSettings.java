package dev.voicesession.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code discord} section: how to reach Discord (or the emulator) and which shards to run.
 *
 * @param token the bot token, or {@code null} when none is configured
 * @param restUrl the REST base URL, Discord's by default
 * @param gatewayUrl the gateway URL to use instead of the one Discord advertises, if set
 * @param trustCertificate a PEM certificate to trust for TLS, for emulator runs only, if set
 * @param shardsTotal the total number of shards, or {@code -1} to use Discord's recommendation
 * @param shardRange the shards this process runs, or empty for all of them
 * @param readyTimeout how long start waits for every shard to connect
 * @param identifyInterval how long every process of the bot waits after an IDENTIFY before the next one in
 *     the same {@code max_concurrency} bucket: Discord's 5 s; only a test against an emulator with a shorter
 *     window shortens it
 * @param globalRateLimit the bot's global REST limit in requests a second, which the host paces this process's
 *     share of ({@code limit * shards in the range / shards total}); 0 when pacing is off
 */
public record DiscordSettings(
        String token,
        String restUrl,
        Optional<String> gatewayUrl,
        Optional<Path> trustCertificate,
        int shardsTotal,
        Optional<ShardRange> shardRange,
        Duration readyTimeout,
        Duration identifyInterval,
        int globalRateLimit) {

    /** Discord's window for one IDENTIFY per {@code max_concurrency} bucket. */
    public static final Duration DISCORD_IDENTIFY_INTERVAL = Duration.ofSeconds(5);

    /** Discord's global REST limit for a bot, in requests a second, unless Discord raised it for that bot. */
    public static final int DISCORD_GLOBAL_RATE_LIMIT = 50;

    /** Copies and checks the components. */
    public DiscordSettings {
        Objects.requireNonNull(restUrl, "restUrl");
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        Objects.requireNonNull(trustCertificate, "trustCertificate");
        Objects.requireNonNull(shardRange, "shardRange");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Objects.requireNonNull(identifyInterval, "identifyInterval");
        if (globalRateLimit < 0) {
            throw new IllegalArgumentException("globalRateLimit must be 0 (off) or positive: " + globalRateLimit);
        }
    }

    /**
     * Tells whether a token is configured.
     *
     * @return {@code true} if {@link #token()} is not blank
     */
    public boolean hasToken() {
        return token != null && !token.isBlank();
    }

    /**
     * Returns a copy with another token, for the sandbox and tests.
     *
     * @param newToken the token
     * @return the new settings
     */
    public DiscordSettings withToken(String newToken) {
        return new DiscordSettings(newToken, restUrl, gatewayUrl, trustCertificate, shardsTotal, shardRange, readyTimeout,
                identifyInterval, globalRateLimit);
    }

    /**
     * Describes the settings without the token, which must never reach a log.
     *
     * @return the settings with the token masked
     */
    @Override
    public String toString() {
        return "DiscordSettings[token=" + (hasToken() ? "***" : "(none)") + ", restUrl=" + restUrl + ", gatewayUrl="
                + gatewayUrl + ", trustCertificate=" + trustCertificate + ", shardsTotal=" + shardsTotal
                + ", shardRange=" + shardRange + ", readyTimeout=" + readyTimeout + ", identifyInterval="
                + identifyInterval + ", globalRateLimit=" + globalRateLimit + "]";
    }

    /**
     * The shards one process runs, both ends included.
     *
     * @param first the first shard id
     * @param last the last shard id
     */
    public record ShardRange(int first, int last) {}
}
