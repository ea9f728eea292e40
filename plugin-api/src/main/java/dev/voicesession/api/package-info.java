/**
 * The contract between the host bot and its plugins.
 *
 * <p>A plugin extends {@link dev.voicesession.api.BotPlugin} and receives one {@link
 * dev.voicesession.api.PluginContext} from the host. It contributes behaviour through small PF4J
 * extension points, each in its own package:
 *
 * <ul>
 *   <li>{@link dev.voicesession.api.command.BotCommand}: prefix and slash commands;
 *   <li>{@link dev.voicesession.api.BotEventListener}: JDA event listeners;
 *   <li>{@link dev.voicesession.api.queue.RequestHandler}: handlers for conversation-queue requests
 *       of one type;
 *   <li>{@link dev.voicesession.api.lifecycle.StartupParticipant}: called once all shards are ready;
 *   <li>{@link dev.voicesession.api.lifecycle.ShutdownParticipant}: called in order, each within a
 *       deadline, when the host stops;
 *   <li>{@link dev.voicesession.api.inspect.ActivityReporter}: what the plugin shows operators of its
 *       work.
 * </ul>
 *
 * <p>A plugin reaches Discord through {@link dev.voicesession.api.DiscordClient}, a view over the
 * operator's {@code JDA} or shard manager, and may declare its configuration keys and take a reloaded
 * configuration through {@link dev.voicesession.api.BotPlugin#configKeys()} and {@link
 * dev.voicesession.api.BotPlugin#reconfigure(dev.voicesession.api.config.PluginConfig)}.
 *
 * <p>Version 2.0.0 replaced {@code PluginContext.shardManager()} with {@code PluginContext.discord()}
 * and {@code StartupParticipant.onShardsReady(ShardManager, List)} with {@code onReady(DiscordClient,
 * List)}, so that a plugin runs in a bot with a single {@code JDA} as well as in a sharded one.
 *
 * <p>Anything outside {@code dev.voicesession.api} belongs to the host and may change without notice.
 */
package dev.voicesession.api;
