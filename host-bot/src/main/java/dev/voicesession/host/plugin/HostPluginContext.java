package dev.voicesession.host.plugin;

import dev.voicesession.api.DiscordClient;
import dev.voicesession.api.PluginContext;
import dev.voicesession.api.Scheduler;
import dev.voicesession.api.config.PluginConfig;
import dev.voicesession.api.queue.ConversationQueue;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@link PluginContext} the host hands to one plugin.
 *
 * @param pluginId the plugin's id
 * @param discord the bot's Discord client
 * @param dataSource the host's pooled data source
 * @param config the plugin's configuration section
 * @param queue the conversation queue
 * @param scheduler the host scheduler
 * @param clock the host clock
 * @param ownerIds the bot's owners
 */
public record HostPluginContext(
        String pluginId,
        DiscordClient discord,
        DataSource dataSource,
        PluginConfig config,
        ConversationQueue queue,
        Scheduler scheduler,
        Clock clock,
        Set<Long> ownerIds)
        implements PluginContext {

    /** Checks and copies the components. */
    public HostPluginContext {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(discord, "discord");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(clock, "clock");
        ownerIds = Set.copyOf(ownerIds);
    }
}
