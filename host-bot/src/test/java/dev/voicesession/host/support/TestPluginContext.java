package dev.voicesession.host.support;

import dev.voicesession.api.PluginContext;
import dev.voicesession.api.Scheduler;
import dev.voicesession.api.config.PluginConfig;
import dev.voicesession.api.queue.ConversationQueue;
import java.time.Clock;
import java.util.Set;
import javax.sql.DataSource;
import dev.voicesession.api.DiscordClient;

/**
 * A plugin context for tests that load plugins without Discord; the services not given are {@code null}.
 *
 * @param pluginId the plugin id
 * @param discord the Discord client, or {@code null}
 * @param dataSource the data source, or {@code null}
 * @param config the plugin's config
 * @param queue the queue, or {@code null}
 * @param scheduler the scheduler, or {@code null}
 * @param clock the clock
 * @param ownerIds the owners
 */
public record TestPluginContext(
        String pluginId,
        DiscordClient discord,
        DataSource dataSource,
        PluginConfig config,
        ConversationQueue queue,
        Scheduler scheduler,
        Clock clock,
        Set<Long> ownerIds)
        implements PluginContext {

    /**
     * Creates a context with only an id and a config.
     *
     * @param pluginId the plugin id
     * @param config the plugin's config
     * @return the context
     */
    public static TestPluginContext of(String pluginId, PluginConfig config) {
        return new TestPluginContext(pluginId, null, null, config, null, null, Clock.systemUTC(), Set.of());
    }
}
