package dev.voicesession.host.config;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.api.config.PluginConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plugin's section {@code plugins.<id>} of the host configuration.
 *
 * <p>Keys under {@code guilds.<guildId>.} form the guild override sections; a {@linkplain
 * #forGuild(long) guild view} answers from the guild's section first and falls back to the plugin-wide
 * values. The plugin-wide view does not show the {@code guilds.} keys.
 */
public final class PluginConfigImpl implements PluginConfig {

    private static final String GUILDS = "guilds";

    private final Map<String, ConfigValue> values;
    private final Map<Long, Map<String, ConfigValue>> guilds;
    private final Map<String, ConfigValue> overrides;

    private PluginConfigImpl(
            Map<String, ConfigValue> values,
            Map<Long, Map<String, ConfigValue>> guilds,
            Map<String, ConfigValue> overrides) {
        this.values = values;
        this.guilds = guilds;
        this.overrides = overrides;
    }

    /**
     * Builds the view of one plugin's section.
     *
     * @param section the section's values keyed relative to {@code plugins.<id>}, see {@link
     *     RawConfig#section(String)}
     * @return the plugin-wide view
     * @throws ConfigException if a guild section is not keyed by a numeric guild id
     */
    public static PluginConfigImpl of(Map<String, ConfigValue> section) {
        Map<String, ConfigValue> values = new TreeMap<>();
        Map<Long, Map<String, ConfigValue>> guilds = new TreeMap<>();
        section.forEach((key, value) -> {
            if (!key.startsWith(GUILDS + ".")) {
                values.put(key, value);
                return;
            }
            String rest = key.substring(GUILDS.length() + 1);
            int dot = rest.indexOf('.');
            if (dot < 0) {
                throw ConfigValues.error(
                        value, "must be a section of keys for one guild, for example " + key + ".timeout: 60");
            }
            long guildId = ConfigValues.parseId(value, rest.substring(0, dot));
            guilds.computeIfAbsent(guildId, id -> new TreeMap<>()).put(rest.substring(dot + 1), value);
        });
        guilds.replaceAll((id, keys) -> Collections.unmodifiableMap(keys));
        return new PluginConfigImpl(
                Collections.unmodifiableMap(values), Collections.unmodifiableMap(guilds), Map.of());
    }

    /**
     * Returns a copy with values added where this section has none (keys relative to {@code
     * plugins.<id>}, as for {@link #of}), so that the sandbox can enable its own guilds while a user's
     * own settings win.
     *
     * @param defaults the values to add
     * @return the combined section
     */
    public PluginConfigImpl withDefaults(Map<String, ConfigValue> defaults) {
        Map<String, ConfigValue> section = new TreeMap<>(defaults);
        section.putAll(values);
        guilds.forEach((guildId, keys) -> keys.forEach(
                (key, value) -> section.put(GUILDS + "." + guildId + "." + key, value)));
        return of(section);
    }

    /**
     * Returns an empty view, for a plugin without a section.
     *
     * @return a view in which every key is absent
     */
    public static PluginConfigImpl empty() {
        return new PluginConfigImpl(Map.of(), Map.of(), Map.of());
    }

    private Optional<ConfigValue> value(String key) {
        ConfigValue override = overrides.get(key);
        return Optional.ofNullable(override != null ? override : values.get(key));
    }

    @Override
    public Optional<String> get(String key) {
        return value(key).map(ConfigValue::asText);
    }

    @Override
    public String getString(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    @Override
    public boolean getBoolean(String key, boolean defaultValue) {
        return value(key).map(ConfigValues::parseBoolean).orElse(defaultValue);
    }

    @Override
    public int getInt(String key, int defaultValue) {
        return value(key).map(ConfigValues::parseInt).orElse(defaultValue);
    }

    @Override
    public Optional<Long> getId(String key) {
        return value(key).map(ConfigValues::parseId);
    }

    @Override
    public Duration getDuration(String key, Duration defaultValue) {
        return value(key).map(ConfigValues::parseDuration).orElse(defaultValue);
    }

    @Override
    public PluginConfig forGuild(long guildId) {
        return new PluginConfigImpl(values, guilds, guilds.getOrDefault(guildId, Map.of()));
    }

    @Override
    public Set<Long> configuredGuilds() {
        return guilds.keySet();
    }

    /**
     * Returns the plugin-wide values, keyed relative to {@code plugins.<id>}, for key checks.
     *
     * @return an unmodifiable map
     */
    Map<String, ConfigValue> pluginWideValues() {
        return values;
    }

    /**
     * Returns each guild section's values, keyed relative to {@code plugins.<id>.guilds.<guildId>}, for
     * key checks.
     *
     * @return an unmodifiable map by guild id
     */
    Map<Long, Map<String, ConfigValue>> guildValues() {
        return guilds;
    }

    /**
     * Lists the keys and their sources, never the values (a plugin section may hold secrets).
     *
     * @return a description for logs
     */
    @Override
    public String toString() {
        return "PluginConfig[keys=" + values.keySet() + ", guilds=" + guilds.keySet() + "]";
    }
}
