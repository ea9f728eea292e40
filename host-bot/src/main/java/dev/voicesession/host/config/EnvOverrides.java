package dev.voicesession.host.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment variables that override configuration keys. A blank variable counts as unset.
 *
 * <table>
 *   <caption>Environment overrides</caption>
 *   <tr><th>Variable</th><th>Key</th></tr>
 *   <tr><td>{@code DISCORD_TOKEN}</td><td>{@code discord.token}</td></tr>
 *   <tr><td>{@code DISCORD_REST_URL}</td><td>{@code discord.restUrl}</td></tr>
 *   <tr><td>{@code DISCORD_GATEWAY_URL}</td><td>{@code discord.gatewayUrl}</td></tr>
 *   <tr><td>{@code BOT_PREFIX}</td><td>{@code bot.prefix}</td></tr>
 *   <tr><td>{@code BOT_OWNERS}</td><td>{@code bot.owners} (comma-separated)</td></tr>
 *   <tr><td>{@code QUEUE_SLOTS}</td><td>{@code queue.slots}</td></tr>
 *   <tr><td>{@code DATABASE_PATH}</td><td>{@code database.path}</td></tr>
 *   <tr><td>{@code DATABASE_URL}</td><td>{@code database.url}</td></tr>
 *   <tr><td>{@code DATABASE_USER}</td><td>{@code database.user}</td></tr>
 *   <tr><td>{@code DATABASE_PASSWORD}</td><td>{@code database.password}</td></tr>
 *   <tr><td>{@code PLUGINS_DIR}</td><td>{@code plugins.dir}</td></tr>
 *   <tr><td>{@code ENABLE_VOICE_FEATURES}</td><td>{@code plugins.voice.enabled}</td></tr>
 *   <tr><td>{@code VOICE_TIMEOUT}</td><td>{@code plugins.voice.timeout}</td></tr>
 *   <tr><td>{@code LOG_LEVEL}</td><td>{@code logging.level}</td></tr>
 *   <tr><td>{@code LOG_FILE}</td><td>{@code logging.file}</td></tr>
 * </table>
 */
public final class EnvOverrides {

    /** Environment variable name to configuration key, in documentation order. */
    public static final Map<String, String> VARIABLES = variables();

    private EnvOverrides() {}

    private static Map<String, String> variables() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("DISCORD_TOKEN", "discord.token");
        map.put("DISCORD_REST_URL", "discord.restUrl");
        map.put("DISCORD_GATEWAY_URL", "discord.gatewayUrl");
        map.put("BOT_PREFIX", "bot.prefix");
        map.put("BOT_OWNERS", "bot.owners");
        map.put("QUEUE_SLOTS", "queue.slots");
        map.put("DATABASE_PATH", "database.path");
        map.put("DATABASE_URL", "database.url");
        map.put("DATABASE_USER", "database.user");
        map.put("DATABASE_PASSWORD", "database.password");
        map.put("PLUGINS_DIR", "plugins.dir");
        map.put("ENABLE_VOICE_FEATURES", "plugins.voice.enabled");
        map.put("VOICE_TIMEOUT", "plugins.voice.timeout");
        map.put("LOG_LEVEL", "logging.level");
        map.put("LOG_FILE", "logging.file");
        return Collections.unmodifiableMap(map);
    }

    /**
     * Returns the overrides present in {@code env}.
     *
     * @param env the process environment, or a map standing in for it in tests
     * @return one value per set variable, its source naming the variable
     */
    public static List<ConfigValue> from(Map<String, String> env) {
        List<ConfigValue> overrides = new ArrayList<>();
        VARIABLES.forEach((variable, key) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                overrides.add(ConfigValue.scalar(key, value.strip(), "environment variable " + variable));
            }
        });
        return overrides;
    }
}
