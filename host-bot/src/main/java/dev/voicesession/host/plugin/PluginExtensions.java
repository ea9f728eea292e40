package dev.voicesession.host.plugin;

import dev.voicesession.api.BotEventListener;
import dev.voicesession.api.command.BotCommand;
import dev.voicesession.api.lifecycle.ShutdownParticipant;
import dev.voicesession.api.lifecycle.StartupParticipant;
import dev.voicesession.api.queue.RequestHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The extensions of every started plugin, by extension point, in plugin load order.
 *
 * @param commands the commands
 * @param listeners the JDA event listeners
 * @param handlers the conversation-queue handlers
 * @param startup the startup participants
 * @param shutdown the shutdown participants
 */
public record PluginExtensions(
        List<Contributed<BotCommand>> commands,
        List<Contributed<BotEventListener>> listeners,
        List<Contributed<RequestHandler>> handlers,
        List<Contributed<StartupParticipant>> startup,
        List<Contributed<ShutdownParticipant>> shutdown) {

    /** Copies the lists. */
    public PluginExtensions {
        commands = List.copyOf(commands);
        listeners = List.copyOf(listeners);
        handlers = List.copyOf(handlers);
        startup = List.copyOf(startup);
        shutdown = List.copyOf(shutdown);
    }

    /**
     * Collects the extensions of the started plugins. An extension that cannot be built is logged by
     * PF4J, with the reason from the host's extension factory, and left out.
     *
     * @param manager the plugin manager, after {@link HostPluginManager#loadAndStart()}
     * @param started the ids of the started plugins
     * @return the extensions
     */
    public static PluginExtensions collect(HostPluginManager manager, List<String> started) {
        return new PluginExtensions(
                collect(manager, started, BotCommand.class),
                collect(manager, started, BotEventListener.class),
                collect(manager, started, RequestHandler.class),
                collect(manager, started, StartupParticipant.class),
                collect(manager, started, ShutdownParticipant.class));
    }

    private static <T> List<Contributed<T>> collect(HostPluginManager manager, List<String> started, Class<T> type) {
        List<Contributed<T>> found = new ArrayList<>();
        for (String pluginId : started) {
            for (T extension : manager.getExtensions(type, pluginId)) {
                found.add(new Contributed<>(extension, pluginId));
            }
        }
        return found;
    }

    /**
     * Returns an empty set of extensions, for a host without plugins.
     *
     * @return no extensions
     */
    public static PluginExtensions none() {
        return new PluginExtensions(List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
