package dev.voicesession.api.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only view of one plugin's configuration section, with per-guild overrides.
 *
 * <p>Keys are dotted paths inside the plugin's section, for example {@code timeout} or {@code
 * channel.category}. A {@linkplain #forGuild(long) guild view} answers a key from the guild's
 * override section first and falls back to the plugin-wide value. Typed getters throw {@link
 * ConfigException}, naming the file, the key and the fix, when a value is present but malformed; they
 * return the default only when the key is absent.
 *
 * <p>The configuration is immutable once loaded, so every call returns the same answer.
 */
public interface PluginConfig {

    /**
     * Returns the raw value of {@code key}, if set.
     *
     * @param key a dotted key inside this section
     * @return the value as text, or empty when absent
     */
    Optional<String> get(String key);

    /**
     * Returns the value of {@code key} as text.
     *
     * @param key a dotted key inside this section
     * @param defaultValue returned when the key is absent
     * @return the configured or default value
     */
    String getString(String key, String defaultValue);

    /**
     * Returns the value of {@code key} as a boolean ({@code true} or {@code false}).
     *
     * @param key a dotted key inside this section
     * @param defaultValue returned when the key is absent
     * @return the configured or default value
     * @throws ConfigException if the value is not {@code true} or {@code false}
     */
    boolean getBoolean(String key, boolean defaultValue);

    /**
     * Returns the value of {@code key} as an integer.
     *
     * @param key a dotted key inside this section
     * @param defaultValue returned when the key is absent
     * @return the configured or default value
     * @throws ConfigException if the value is not an integer
     */
    int getInt(String key, int defaultValue);

    /**
     * Returns the value of {@code key} as a Discord snowflake or other long id.
     *
     * @param key a dotted key inside this section
     * @return the id, or empty when absent
     * @throws ConfigException if the value is not a positive integer
     */
    Optional<Long> getId(String key);

    /**
     * Returns the value of {@code key} as a duration. Accepted forms are a number of seconds ({@code
     * 60}), a number with a unit ({@code 500ms}, {@code 60s}, {@code 5m}, {@code 2h}) and ISO-8601
     * ({@code PT1M}).
     *
     * @param key a dotted key inside this section
     * @param defaultValue returned when the key is absent
     * @return the configured or default value
     * @throws ConfigException if the value is not a non-negative duration
     */
    Duration getDuration(String key, Duration defaultValue);

    /**
     * Returns a view that answers from the guild's override section first.
     *
     * @param guildId the guild whose overrides apply
     * @return the guild view; for a guild without overrides, answers equal this view's
     */
    PluginConfig forGuild(long guildId);

    /**
     * Returns the ids of the guilds that have an override section.
     *
     * @return an unmodifiable set of guild ids
     */
    Set<Long> configuredGuilds();
}
