package dev.voicesession.host.config;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.api.config.ConfigKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a plugin's section of the configuration against the keys the plugin declares ({@link
 * dev.voicesession.api.BotPlugin#configKeys()}), so that a typo such as {@code plugins.voice.timout}
 * stops the host with the key probably meant, as a mistyped host key is reported.
 */
public final class PluginKeys {

    /** Keys the host reads in every plugin's section: the switch, and the guild sections. */
    private static final Set<String> HOST_OWNED = Set.of("enabled");

    private PluginKeys() {}

    /**
     * Checks every key of {@code plugins.<pluginId>}, plugin-wide and in each {@code guilds.<id>} section.
     * A plugin that declares no keys ({@link ConfigKeys#UNDECLARED}) is not checked.
     *
     * @param config the host configuration
     * @param pluginId the plugin's id
     * @param keys the keys the plugin declares
     * @throws ConfigException for the first key, in file order (then environment variables), that the plugin does not read there; the
     *     message names the file, the line, the key and the key probably meant
     */
    public static void check(HostConfig config, String pluginId, ConfigKeys keys) {
        PluginConfigImpl section = config.pluginSections().get(pluginId);
        if (section == null || !keys.declared()) {
            return;
        }
        Set<String> wide = new TreeSet<>(HOST_OWNED);
        wide.addAll(keys.pluginWide());
        wide.addAll(keys.perGuild());
        Set<String> perGuild = new TreeSet<>(HOST_OWNED);
        perGuild.addAll(keys.perGuild());
        List<Mistake> mistakes = new ArrayList<>();
        section.pluginWideValues().forEach((key, value) -> {
            if (!wide.contains(key)) {
                mistakes.add(new Mistake(value, unknown(key, wide, "plugin '" + pluginId + "'")));
            }
        });
        section.guildValues().values().forEach(guild -> guild.forEach((key, value) -> {
            if (keys.pluginWide().contains(key) && !perGuild.contains(key)) {
                mistakes.add(new Mistake(value, "can only be set for the whole plugin, not per guild; move it to"
                        + " plugins." + pluginId + "." + key));
            } else if (!perGuild.contains(key)) {
                mistakes.add(new Mistake(value, unknown(key, perGuild, "a guild section of plugin '" + pluginId + "'")));
            }
        }));
        mistakes.stream()
                .min(Comparator.comparingInt((Mistake mistake) -> mistake.value().line() > 0
                                ? mistake.value().line() : Integer.MAX_VALUE)
                        .thenComparing(mistake -> mistake.value().key()))
                .ifPresent(mistake -> {
                    throw ConfigValues.error(mistake.value(), mistake.problem());
                });
    }

    private static String unknown(String key, Set<String> allowed, String where) {
        String hint = KnownKeys.closest(key, allowed)
                .map(known -> "did you mean '" + known + "'?")
                .orElse("the keys it reads there are " + String.join(", ", allowed));
        return "is not a key of " + where + "; " + hint;
    }

    /** A key the plugin does not read where it stands. */
    private record Mistake(ConfigValue value, String problem) {}
}
