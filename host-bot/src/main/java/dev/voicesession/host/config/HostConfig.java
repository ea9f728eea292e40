package dev.voicesession.host.config;

import dev.voicesession.api.config.PluginConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The host's whole configuration, immutable and validated when loaded by {@link ConfigLoader}.
 *
 * @param source the file it was read from (or a description, for text given in a test)
 * @param discord the {@code discord} section
 * @param bot the {@code bot} section
 * @param queue the {@code queue} section
 * @param database the {@code database} section
 * @param plugins the host's own keys of the {@code plugins} section
 * @param logging the {@code logging} section
 * @param pluginSections each plugin's section {@code plugins.<id>}, by plugin id
 * @param warnings problems found when the file was read that do not stop the host, such as unknown
 *     keys; {@link #warnings()} adds those that depend on the plugin sections
 */
public record HostConfig(
        String source,
        DiscordSettings discord,
        BotSettings bot,
        QueueSettings queue,
        DatabaseSettings database,
        PluginSettings plugins,
        LoggingSettings logging,
        Map<String, PluginConfigImpl> pluginSections,
        List<String> warnings) {

    /** Copies the components. */
    public HostConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(discord, "discord");
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(logging, "logging");
        pluginSections = Map.copyOf(pluginSections);
        warnings = List.copyOf(warnings);
    }

    /**
     * Returns the problems that do not stop the host, for it to log at start: those found when the file
     * was read (unknown keys, no owners), and one for each plugin switched on ({@code plugins.<id>.enabled:
     * true}, not in {@code plugins.disabled}) that no guild section enables, which would answer in no
     * server.
     *
     * @return one line per problem, each naming where it is and the fix
     */
    @Override
    public List<String> warnings() {
        List<String> all = new ArrayList<>(warnings);
        new TreeMap<>(pluginSections).forEach((pluginId, section) -> {
            ConfigValue enabled = section.pluginWideValues().get("enabled");
            if (enabled == null || plugins.disabled().contains(pluginId) || !ConfigValues.parseBoolean(enabled)) {
                return;
            }
            boolean anyGuild = section.guildValues().values().stream().anyMatch(guild -> {
                ConfigValue value = guild.get("enabled");
                return value == null || ConfigValues.parseBoolean(value);
            });
            if (!anyGuild) {
                all.add(enabled.where() + ": plugin '" + pluginId + "' is enabled, but in no guild, so it answers"
                        + " nowhere; add a section for each server under plugins." + pluginId + ".guilds, for example"
                        + " plugins." + pluginId + ".guilds.<server id>.enabled: true (in Discord, enable Developer"
                        + " Mode and use Copy Server ID)");
            }
        });
        return List.copyOf(all);
    }

    /**
     * Returns a plugin's section.
     *
     * @param pluginId the plugin's id
     * @return its section, empty if the configuration has none
     */
    public PluginConfig pluginConfig(String pluginId) {
        PluginConfigImpl section = pluginSections.get(pluginId);
        return section != null ? section : PluginConfigImpl.empty();
    }

    /**
     * Tells whether a plugin may start: it is not listed in {@code plugins.disabled} and its
     * {@code plugins.<id>.enabled} is not {@code false}.
     *
     * @param pluginId the plugin's id
     * @return {@code true} if the host should start it
     */
    public boolean isPluginEnabled(String pluginId) {
        return !plugins.disabled().contains(pluginId) && pluginConfig(pluginId).getBoolean("enabled", true);
    }

    /**
     * Returns a copy with another {@code database} section, for the sandbox and tests.
     *
     * @param newDatabase the new section
     * @return the new configuration
     */
    public HostConfig withDatabase(DatabaseSettings newDatabase) {
        return new HostConfig(source, discord, bot, queue, newDatabase, plugins, logging, pluginSections, warnings);
    }

    /**
     * Returns a copy with another section for one plugin, for the sandbox and tests.
     *
     * @param pluginId the plugin's id
     * @param section its new section
     * @return the new configuration
     */
    public HostConfig withPluginSection(String pluginId, PluginConfigImpl section) {
        Map<String, PluginConfigImpl> sections = new HashMap<>(pluginSections);
        sections.put(pluginId, section);
        return new HostConfig(source, discord, bot, queue, database, plugins, logging, sections, warnings);
    }

    /**
     * Returns a copy with another {@code discord} section, for the sandbox and tests.
     *
     * @param newDiscord the new section
     * @return the new configuration
     */
    public HostConfig withDiscord(DiscordSettings newDiscord) {
        return new HostConfig(source, newDiscord, bot, queue, database, plugins, logging, pluginSections, warnings);
    }
}
