package dev.voicesession.voice.config;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.api.config.PluginConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The voice plugin's configuration, read from the host's {@code plugins.voice} section.
 *
 * <p>Keys (plugin-wide, each of the per-guild ones also under {@code plugins.voice.guilds.<id>}):
 *
 * <ul>
 *   <li>{@code enabled}: master switch, default {@code false} (environment {@code
 *       ENABLE_VOICE_FEATURES});
 *   <li>per guild {@code enabled}: a guild is enabled only if it has a section under {@code guilds}
 *       and that section does not say {@code enabled: false};
 *   <li>{@code timeout}: join timeout, default 60 s (environment {@code VOICE_TIMEOUT});
 *   <li>{@code maxSessionLength}: default 2 h, 0 for none;
 *   <li>{@code category}: category id for new channels, none by default;
 *   <li>{@code channelNameTemplate}: default {@code Voice-{username}};
 *   <li>{@code connectTimeout}: default 15 s; {@code reconnectAttempts}: default 2;
 *   <li>plugin-wide only: {@code restTimeout} (10 s), {@code createTimeout} (60 s: a channel creation, including
 *       its wait behind Discord's rate limits), {@code deleteAttempts} (4), {@code
 *       deleteBackoff} (500 ms, doubled per attempt), {@code shutdownDeadline} (15 s), {@code
 *       cleanupRetryDelay} (15 s, doubled per try), {@code startCooldown} (5 s, 0 for none);
 *   <li>plugin-wide only: {@code gatewayBudget} (110): voice joins and leaves per shard within {@code
 *       gatewayBudgetWindow} (60 s). Discord allows 120 gateway payloads per connection in 60 s; the rest is
 *       left for JDA's heartbeats and the bot's other payloads. Lower it if the bot sends many presence
 *       updates or member requests; the window is Discord's and changes only for tests against an emulator.
 * </ul>
 *
 * <p>A settings object is immutable; a configuration reload builds a new one ({@link #load}) and the plugin
 * swaps it in for new sessions, except the keys {@link #restartNeeded} names.
 */
public final class VoiceSettings {

    /** The join timeout when none is configured. */
    public static final Duration DEFAULT_JOIN_TIMEOUT = Duration.ofSeconds(60);
    /** The maximum session length when none is configured. */
    public static final Duration DEFAULT_MAX_SESSION_LENGTH = Duration.ofHours(2);
    /** The channel name template when none is configured. */
    public static final String DEFAULT_NAME_TEMPLATE = "Voice-{username}";

    private static final String SOURCE = "plugins.voice";

    /** The keys that may also be set per guild, under {@code guilds.<id>}. */
    public static final Set<String> PER_GUILD_KEYS = Set.of(
            "enabled", "timeout", "maxSessionLength", "category", "channelNameTemplate", "connectTimeout",
            "reconnectAttempts");

    /** Every key of the plugin-wide section. */
    public static final Set<String> PLUGIN_WIDE_KEYS = Stream.concat(PER_GUILD_KEYS.stream(), Stream.of(
                    "restTimeout", "createTimeout", "deleteAttempts", "deleteBackoff", "shutdownDeadline", "cleanupRetryDelay",
                    "startCooldown", "gatewayBudget", "gatewayBudgetWindow"))
            .collect(Collectors.toUnmodifiableSet());

    private final PluginConfig config;
    private final boolean masterEnabled;
    private final Duration restTimeout;
    private final Duration createTimeout;
    private final int deleteAttempts;
    private final Duration deleteBackoff;
    private final Duration shutdownDeadline;
    private final Duration cleanupRetryDelay;
    private final Duration startCooldown;
    private final int gatewayBudget;
    private final Duration gatewayBudgetWindow;

    private VoiceSettings(PluginConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.masterEnabled = config.getBoolean("enabled", false);
        this.restTimeout = positive(config, "restTimeout", Duration.ofSeconds(10));
        this.createTimeout = positive(config, "createTimeout", Duration.ofSeconds(60));
        this.deleteAttempts = atLeastOne(config, "deleteAttempts", 4);
        this.deleteBackoff = positive(config, "deleteBackoff", Duration.ofMillis(500));
        this.shutdownDeadline = positive(config, "shutdownDeadline", Duration.ofSeconds(15));
        this.cleanupRetryDelay = positive(config, "cleanupRetryDelay", Duration.ofSeconds(15));
        this.startCooldown = notNegative(config, "startCooldown", Duration.ofSeconds(5));
        this.gatewayBudget = config.getInt("gatewayBudget", 110);
        if (gatewayBudget < 2 || gatewayBudget > 120) {
            throw new ConfigException(SOURCE, SOURCE + ".gatewayBudget",
                    "must be 2 to 120 (a join and its leave, at most Discord's 120 per minute), it is " + gatewayBudget);
        }
        this.gatewayBudgetWindow = positive(config, "gatewayBudgetWindow", Duration.ofSeconds(60));
    }

    /**
     * Reads and checks the configuration, including every guild section.
     *
     * @param config the plugin's section
     * @return the settings
     * @throws ConfigException if a value is malformed or out of range
     */
    public static VoiceSettings load(PluginConfig config) {
        VoiceSettings settings = new VoiceSettings(config);
        settings.forGuild(0);
        config.configuredGuilds().forEach(settings::forGuild);
        return settings;
    }

    /**
     * Names the settings that differ in {@code next} but keep this value until a restart: those the plugin's
     * long-lived parts read once at start (the REST time-out, the gateway budget, the follow-up delay, the
     * command cooldown). Everything else (enablement, every per-guild setting, deletion retries, the shutdown
     * deadline) applies to new sessions at once.
     *
     * @param next the reloaded settings
     * @return one line per such setting, empty if none
     */
    public List<String> restartNeeded(VoiceSettings next) {
        List<String> lines = new ArrayList<>();
        restart(lines, "restTimeout", restTimeout, next.restTimeout);
        restart(lines, "createTimeout", createTimeout, next.createTimeout);
        restart(lines, "gatewayBudget", gatewayBudget, next.gatewayBudget);
        restart(lines, "gatewayBudgetWindow", gatewayBudgetWindow, next.gatewayBudgetWindow);
        restart(lines, "cleanupRetryDelay", cleanupRetryDelay, next.cleanupRetryDelay);
        restart(lines, "startCooldown", startCooldown, next.startCooldown);
        return List.copyOf(lines);
    }

    private static void restart(List<String> lines, String key, Object now, Object next) {
        if (!now.equals(next)) {
            lines.add(SOURCE + "." + key + " changes from " + now + " to " + next + " at the next restart");
        }
    }

    /**
     * Tells whether the master switch is on.
     *
     * @return the value of {@code enabled}
     */
    public boolean masterEnabled() {
        return masterEnabled;
    }

    /**
     * Tells whether sessions may run in {@code guildId}: the master switch is on and the guild is
     * enabled in its own section.
     *
     * @param guildId the guild
     * @return {@code true} if voice sessions are enabled there
     */
    public boolean enabledIn(long guildId) {
        return masterEnabled
                && config.configuredGuilds().contains(guildId)
                && config.forGuild(guildId).getBoolean("enabled", false);
    }

    /**
     * Resolves the settings of one guild.
     *
     * @param guildId the guild
     * @return the guild's settings
     * @throws ConfigException if a value is malformed or out of range
     */
    public GuildVoiceSettings forGuild(long guildId) {
        PluginConfig guild = config.forGuild(guildId);
        return new GuildVoiceSettings(
                guildId,
                enabledIn(guildId),
                positive(guild, "timeout", DEFAULT_JOIN_TIMEOUT),
                guild.getDuration("maxSessionLength", DEFAULT_MAX_SESSION_LENGTH),
                guild.getId("category").orElse(0L),
                guild.getString("channelNameTemplate", DEFAULT_NAME_TEMPLATE),
                positive(guild, "connectTimeout", Duration.ofSeconds(15)),
                nonNegative(guild, "reconnectAttempts", 2));
    }

    /**
     * Returns how long one Discord REST call may take before it counts as failed.
     *
     * @return the REST timeout
     */
    public Duration restTimeout() {
        return restTimeout;
    }

    /**
     * Returns how long the creation of a session's channel may take, the wait behind Discord's rate limits in
     * JDA's queue included. Longer than {@link #restTimeout()}: when many sessions start at once, the bot's own
     * requests fill Discord's limits and the create waits its turn, which must not fail the session.
     *
     * @return the create timeout
     */
    public Duration createTimeout() {
        return createTimeout;
    }

    /**
     * Returns how many times a channel deletion is tried before the channel is flagged.
     *
     * @return at least one
     */
    public int deleteAttempts() {
        return deleteAttempts;
    }

    /**
     * Returns the wait before the second deletion attempt; each later wait doubles.
     *
     * @return the first backoff
     */
    public Duration deleteBackoff() {
        return deleteBackoff;
    }

    /**
     * Returns how long after a cleanup that left something behind (a channel it could not delete, a create
     * request answered too late, a row the database would not end) the plugin tries again; each later try
     * waits twice as long.
     *
     * @return the first wait
     */
    public Duration cleanupRetryDelay() {
        return cleanupRetryDelay;
    }

    /**
     * Returns how long a user waits between two {@code !voice} requests; repeats get a cooldown reply.
     *
     * @return the cooldown, zero for none
     */
    public Duration startCooldown() {
        return startCooldown;
    }

    /**
     * Returns how many voice joins and leaves the bot sends per shard within {@link #gatewayBudgetWindow()}.
     *
     * @return the budget, 2 to 120
     */
    public int gatewayBudget() {
        return gatewayBudget;
    }

    /**
     * Returns the window {@link #gatewayBudget()} is counted in: Discord's 60 s unless a test changes it.
     *
     * @return the window
     */
    public Duration gatewayBudgetWindow() {
        return gatewayBudgetWindow;
    }

    /**
     * Returns how long shutdown may take to end every session.
     *
     * @return the shutdown deadline
     */
    public Duration shutdownDeadline() {
        return shutdownDeadline;
    }

    private static Duration positive(PluginConfig config, String key, Duration defaultValue) {
        Duration value = config.getDuration(key, defaultValue);
        if (value.isZero() || value.isNegative()) {
            throw new ConfigException(SOURCE, SOURCE + "." + key, "must be longer than zero, for example 60s");
        }
        return value;
    }

    private static Duration notNegative(PluginConfig config, String key, Duration defaultValue) {
        Duration value = config.getDuration(key, defaultValue);
        if (value.isNegative()) {
            throw new ConfigException(SOURCE, SOURCE + "." + key, "must be zero or longer, for example 5s");
        }
        return value;
    }

    private static int atLeastOne(PluginConfig config, String key, int defaultValue) {
        int value = config.getInt(key, defaultValue);
        if (value < 1) {
            throw new ConfigException(SOURCE, SOURCE + "." + key, "must be 1 or more, it is " + value);
        }
        return value;
    }

    private static int nonNegative(PluginConfig config, String key, int defaultValue) {
        int value = config.getInt(key, defaultValue);
        if (value < 0) {
            throw new ConfigException(SOURCE, SOURCE + "." + key, "must be 0 or more, it is " + value);
        }
        return value;
    }
}
