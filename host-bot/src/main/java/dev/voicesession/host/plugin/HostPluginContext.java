package dev.voicesession.host.plugin;

import dev.voicesession.api.PluginContext;
import dev.voicesession.api.Scheduler;
import dev.voicesession.api.config.PluginConfig;
import dev.voicesession.api.queue.ConversationQueue;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import net.dv8tion.jda.api.sharding.ShardManager;

/**
 * The {@link PluginContext} the host hands to one plugin.
 *
 * @param pluginId the plugin's id
 * @param shardManager the host's shard manager
 * @param dataSource the host's pooled data source
 * @param config the plugin's configuration section
 * @param queue the conversation queue
 * @param scheduler the host scheduler
 * @param clock the host clock
 * @param ownerIds the bot's owners
 */
public record HostPluginContext(
        String pluginId,
        ShardManager shardManager,
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
        Objects.requireNonNull(shardManager, "shardManager");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(clock, "clock");
        ownerIds = Set.copyOf(ownerIds);
    }
}
