package dev.voicesession.api;

import net.dv8tion.jda.api.hooks.EventListener;
import org.pf4j.ExtensionPoint;

/**
 * A JDA event listener contributed by a plugin.
 *
 * <p>The host registers every such extension with the shard manager after the plugin starts and
 * removes it before the plugin stops. The usual implementation extends JDA's {@link
 * net.dv8tion.jda.api.hooks.ListenerAdapter} and overrides only the events it needs.
 *
 * <p>Listeners are called on JDA's event threads: hand database work, waits and retries to {@link
 * Scheduler#execute(Runnable)}.
 */
public interface BotEventListener extends ExtensionPoint, EventListener {}
