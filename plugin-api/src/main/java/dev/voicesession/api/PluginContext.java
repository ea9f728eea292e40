package dev.voicesession.api;

import dev.voicesession.api.config.PluginConfig;
import dev.voicesession.api.queue.ConversationQueue;
import java.time.Clock;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The host's services for one plugin, handed to the plugin's constructor.
 *
 * <p>Every accessor returns the same object for the life of the plugin. {@link #discord()} is usable
 * once the bot is logging in; cache lookups return empty results until its shards are ready, which is
 * why work that needs guilds belongs in a {@link dev.voicesession.api.lifecycle.StartupParticipant}.
 */
public interface PluginContext {

    /**
     * Returns the id the plugin is loaded under (PF4J's {@code Plugin-Id}).
     *
     * @return the plugin id
     */
    String pluginId();

    /**
     * Returns the bot's Discord client: the operator's {@code JDA} or the shards of its shard manager.
     *
     * @return the client view
     */
    DiscordClient discord();

    /**
     * Returns the host's pooled database connection source.
     *
     * <p>The host owns the pool and its JDBC driver: a native driver such as sqlite-jdbc can be loaded
     * by one class loader only. A plugin must not close this data source.
     *
     * @return the shared data source
     */
    DataSource dataSource();

    /**
     * Returns this plugin's section of the host configuration as the plugin was started with it. A
     * reload hands the new section to {@link BotPlugin#reconfigure(PluginConfig)}.
     *
     * @return the plugin's configuration, with per-guild overrides
     */
    PluginConfig config();

    /**
     * Returns the host's conversation queue.
     *
     * @return the queue through which plugins ask for a processing slot
     */
    ConversationQueue queue();

    /**
     * Returns the scheduler for timers and for work that must not run on a JDA event thread.
     *
     * @return the host scheduler
     */
    Scheduler scheduler();

    /**
     * Returns the clock every time reading should use, so tests can replace it.
     *
     * @return the host clock
     */
    Clock clock();

    /**
     * Returns the ids of the bot's owners, as configured in the host.
     *
     * @return an unmodifiable set of user ids
     */
    Set<Long> ownerIds();
}
