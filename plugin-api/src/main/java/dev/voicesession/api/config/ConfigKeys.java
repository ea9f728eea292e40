package dev.voicesession.api.config;

import java.util.Objects;
import java.util.Set;

/**
 * The keys a plugin reads from its configuration section, declared through {@link
 * dev.voicesession.api.BotPlugin#configKeys()}.
 *
 * <p>Keys are relative to the plugin's section ({@code timeout} for {@code plugins.voice.timeout}).
 * {@code enabled} and {@code guilds} are the host's and always allowed. A per-guild key may also stand
 * plugin-wide, as the default for every guild.
 *
 * @param pluginWide keys allowed only plugin-wide
 * @param perGuild keys allowed plugin-wide and under {@code guilds.<id>}
 */
public record ConfigKeys(Set<String> pluginWide, Set<String> perGuild) {

    /** Declares nothing: the host accepts any key. */
    public static final ConfigKeys UNDECLARED = new ConfigKeys(Set.of(), Set.of());

    /** Copies the sets. */
    public ConfigKeys {
        pluginWide = Set.copyOf(Objects.requireNonNull(pluginWide, "pluginWide"));
        perGuild = Set.copyOf(Objects.requireNonNull(perGuild, "perGuild"));
    }

    /**
     * Tells whether any key is declared.
     *
     * @return {@code false} for {@link #UNDECLARED}
     */
    public boolean declared() {
        return !pluginWide.isEmpty() || !perGuild.isEmpty();
    }
}
