package dev.voicesession.voice.testing;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.api.config.PluginConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link PluginConfig} over a map, with guild sections under {@code guilds.<id>.}, as the host's. */
public final class MapPluginConfig implements PluginConfig {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private final Map<String, String> values;
    private final Map<String, String> overrides;

    private MapPluginConfig(Map<String, String> values, Map<String, String> overrides) {
        this.values = values;
        this.overrides = overrides;
    }

    public static MapPluginConfig of(Map<String, String> values) {
        return new MapPluginConfig(Map.copyOf(values), Map.of());
    }

    /** Master switch on, the guild enabled with the given extra keys. */
    public static MapPluginConfig enabledFor(long guildId, Map<String, String> extra) {
        Map<String, String> map = new HashMap<>(extra);
        map.put("enabled", "true");
        map.put("guilds." + guildId + ".enabled", "true");
        return of(map);
    }

    @Override
    public Optional<String> get(String key) {
        String value = overrides.containsKey(key) ? overrides.get(key) : values.get(key);
        return Optional.ofNullable(value);
    }

    @Override
    public String getString(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    @Override
    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(v -> switch (v) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new ConfigException("test", key, "not a boolean");
                })
                .orElse(defaultValue);
    }

    @Override
    public int getInt(String key, int defaultValue) {
        return get(key).map(Integer::parseInt).orElse(defaultValue);
    }

    @Override
    public Optional<Long> getId(String key) {
        return get(key).map(Long::parseLong);
    }

    @Override
    public Duration getDuration(String key, Duration defaultValue) {
        return get(key).map(v -> {
                    Matcher m = DURATION.matcher(v);
                    if (!m.matches()) {
                        throw new ConfigException("test", key, "not a duration");
                    }
                    long n = Long.parseLong(m.group(1));
                    String unit = m.group(2) == null ? "s" : m.group(2);
                    return switch (unit) {
                        case "ms" -> Duration.ofMillis(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofSeconds(n);
                    };
                })
                .orElse(defaultValue);
    }

    @Override
    public PluginConfig forGuild(long guildId) {
        String prefix = "guilds." + guildId + ".";
        Map<String, String> guild = new HashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                guild.put(k.substring(prefix.length()), v);
            }
        });
        Map<String, String> base = new HashMap<>();
        values.forEach((k, v) -> {
            if (!k.startsWith("guilds.")) {
                base.put(k, v);
            }
        });
        return new MapPluginConfig(base, guild);
    }

    @Override
    public Set<Long> configuredGuilds() {
        Set<Long> ids = new HashSet<>();
        values.keySet().stream()
                .filter(k -> k.startsWith("guilds."))
                .forEach(k -> ids.add(Long.parseLong(k.split("\\.")[1])));
        return ids;
    }
}
