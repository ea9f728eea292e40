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
 *       deadline, when the host stops.
 * </ul>
 *
 * <p>Anything outside {@code dev.voicesession.api} belongs to the host and may change without notice.
 */
package dev.voicesession.api;
