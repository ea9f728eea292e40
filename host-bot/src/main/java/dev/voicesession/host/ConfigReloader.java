package dev.voicesession.host;

import dev.voicesession.api.BotPlugin;
import dev.voicesession.api.config.ConfigException;
import dev.voicesession.host.config.HostConfig;
import dev.voicesession.host.config.PluginKeys;
import dev.voicesession.host.plugin.HostPluginManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the host's current configuration and re-reads it on request (the owners' {@code reload}
 * command, {@code SIGHUP} in the reference bot). Per-guild plugin settings apply to new work; host
 * settings that are bound at start are named as needing a restart.
 */
final class ConfigReloader {

    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

    private final Supplier<HostConfig> reader;
    private volatile HostConfig current;

    /**
     * Creates the reloader.
     *
     * @param initial the configuration the host starts with
     * @param reader reads the configuration again, or {@code null} when it was given in code
     */
    ConfigReloader(HostConfig initial, Supplier<HostConfig> reader) {
        this.current = Objects.requireNonNull(initial, "initial");
        this.reader = reader;
    }

    HostConfig current() {
        return current;
    }

    synchronized List<String> reload(HostPluginManager plugins) {
        if (reader == null) {
            throw new IllegalStateException("The configuration was given in code, so there is no file to re-read;"
                    + " build the host with BotHostBuilder.configFile(path) to reload it");
        }
        HostConfig next = reader.get();
        HostConfig previous = current;
        List<String> needRestart = new ArrayList<>(hostChanges(previous, next));
        if (plugins != null) {
            for (PluginWrapper wrapper : plugins.getStartedPlugins()) {
                if (wrapper.getPlugin() instanceof BotPlugin plugin) {
                    PluginKeys.check(next, wrapper.getPluginId(), plugin.configKeys());
                }
            }
            for (PluginWrapper wrapper : plugins.getStartedPlugins()) {
                if (wrapper.getPlugin() instanceof BotPlugin plugin) {
                    String id = wrapper.getPluginId();
                    try {
                        needRestart.addAll(plugin.reconfigure(next.pluginConfig(id)));
                    } catch (ConfigException e) {
                        log.warn("Configuration not reloaded: plugin '{}' refused its section: {}", id, e.getMessage());
                        throw e;
                    }
                }
            }
        }
        current = next;
        log.info("Configuration reloaded from {}; {} setting(s) need a restart", next.source(), needRestart.size());
        return List.copyOf(needRestart);
    }

    private static List<String> hostChanges(HostConfig before, HostConfig after) {
        List<String> changed = new ArrayList<>();
        if (!before.discord().equals(after.discord())) {
            changed.add("discord (connection, token and shards)");
        }
        if (!before.database().equals(after.database())) {
            changed.add("database");
        }
        if (before.queue().slots() != after.queue().slots()) {
            changed.add("queue.slots");
        }
        if (before.queue().scope() != after.queue().scope() || !before.queue().lease().equals(after.queue().lease())) {
            changed.add("queue.scope and queue.lease");
        }
        if (!before.plugins().equals(after.plugins())) {
            changed.add("plugins.dir and plugins.disabled");
        }
        if (!before.logging().equals(after.logging())) {
            changed.add("logging");
        }
        if (!before.bot().owners().equals(after.bot().owners())) {
            changed.add("bot.owners");
        }
        if (before.bot().slashCommands() != after.bot().slashCommands()) {
            changed.add("bot.slashCommands");
        }
        if (!before.bot().shutdownDeadline().equals(after.bot().shutdownDeadline())) {
            changed.add("bot.shutdownDeadline");
        }
        return changed;
    }
}
