package dev.voicesession.host.plugin;

import dev.voicesession.api.lifecycle.ShutdownParticipant;
import dev.voicesession.api.lifecycle.StartupParticipant;
import dev.voicesession.host.command.CommandRegistry;
import dev.voicesession.host.command.RegisteredCommand;
import dev.voicesession.host.jda.ListenerHub;
import dev.voicesession.host.lifecycle.ShutdownCoordinator;
import dev.voicesession.host.queue.RequestHandlers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that puts a plugin's extensions into the running host and takes them out again:
 * commands into the registry, listeners into the listener hub, request handlers into the queue's
 * handlers. Used at start for every started plugin and, through {@link PluginLifecycle}, for a plugin
 * started, stopped, disabled or unloaded while the host runs.
 */
public final class PluginWiring implements PluginLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PluginWiring.class);

    /** What the host does with the commands a plugin brought or took away (slash registration). */
    public interface CommandChanges {
        /**
         * Called after commands were added.
         *
         * @param commands the commands
         */
        void added(List<RegisteredCommand> commands);

        /**
         * Called after commands were removed.
         *
         * @param commands the commands
         */
        void removed(List<RegisteredCommand> commands);
    }

    private final HostPluginManager plugins;
    private final CommandRegistry commands;
    private final ListenerHub listeners;
    private final RequestHandlers handlers;
    private final CommandChanges commandChanges;
    private final Consumer<List<StartupParticipant>> startupRunner;
    private final Map<String, PluginExtensions> wired = new ConcurrentHashMap<>();

    /**
     * Creates the wiring.
     *
     * @param plugins the plugin manager, to find each plugin's extensions
     * @param commands the command registry
     * @param listeners the hub the host's JDA listener hands events to
     * @param handlers the queue's request handlers
     * @param commandChanges told about commands added or removed while the host runs
     * @param startupRunner runs a plugin's startup participants when it starts while the host runs
     */
    public PluginWiring(HostPluginManager plugins, CommandRegistry commands, ListenerHub listeners,
            RequestHandlers handlers, CommandChanges commandChanges, Consumer<List<StartupParticipant>> startupRunner) {
        this.plugins = plugins;
        this.commands = commands;
        this.listeners = listeners;
        this.handlers = handlers;
        this.commandChanges = commandChanges;
        this.startupRunner = startupRunner;
    }

    /**
     * Wires in the extensions of a started plugin. Does nothing if it is wired already.
     *
     * @param pluginId the plugin
     * @return the plugin's commands that were registered
     */
    public List<RegisteredCommand> wire(String pluginId) {
        PluginExtensions extensions = PluginExtensions.collect(plugins, List.of(pluginId));
        if (wired.putIfAbsent(pluginId, extensions) != null) {
            return List.of();
        }
        extensions.handlers().forEach(handler -> handlers.register(handler.extension(), pluginId));
        extensions.commands().forEach(command -> commands.add(command.extension(), pluginId));
        extensions.listeners().forEach(listener -> listeners.add(listener.extension()));
        return commands.commandsOf(pluginId);
    }

    /**
     * Returns the startup participants of every wired plugin, in wiring order.
     *
     * @return a new list
     */
    public List<StartupParticipant> startupParticipants() {
        return all(PluginExtensions::startup);
    }

    /**
     * Returns the shutdown participants of every wired plugin.
     *
     * @return a new list
     */
    public List<ShutdownParticipant> shutdownParticipants() {
        return all(PluginExtensions::shutdown);
    }


    private <T> List<T> all(Function<PluginExtensions, List<Contributed<T>>> kind) {
        List<T> found = new ArrayList<>();
        for (String pluginId : plugins.getStartedPlugins().stream().map(PluginWrapper::getPluginId).toList()) {
            PluginExtensions extensions = wired.get(pluginId);
            if (extensions != null) {
                kind.apply(extensions).forEach(contributed -> found.add(contributed.extension()));
            }
        }
        return Collections.unmodifiableList(found);
    }

    /**
     * Unwires every plugin for the host's shutdown, after the shutdown participants ran in order across
     * all plugins. Slash commands are the host's to keep or remove as a whole; they are not touched here.
     */
    public void unwireAll() {
        List.copyOf(wired.keySet()).forEach(this::detach);
    }

    private List<RegisteredCommand> detach(String pluginId) {
        PluginExtensions extensions = wired.remove(pluginId);
        if (extensions == null) {
            return List.of();
        }
        extensions.listeners().forEach(listener -> listeners.remove(listener.extension()));
        handlers.removeOwner(pluginId);
        return commands.removeOwner(pluginId);
    }

    @Override
    public void afterStart(String pluginId) {
        List<RegisteredCommand> added = wire(pluginId);
        commandChanges.added(added);
        PluginExtensions extensions = wired.get(pluginId);
        if (extensions != null) {
            startupRunner.accept(extensions.startup().stream().map(Contributed::extension).toList());
        }
        log.info("Plugin '{}' started while the host runs: {} command(s) registered", pluginId, added.size());
    }

    @Override
    public void beforeStop(String pluginId) {
        PluginExtensions extensions = wired.get(pluginId);
        if (extensions == null) {
            return;
        }
        // Stop taking new work first, then let the plugin end what it has through its own shutdown path.
        extensions.listeners().forEach(listener -> listeners.remove(listener.extension()));
        List<RegisteredCommand> removed = commands.removeOwner(pluginId);
        commandChanges.removed(removed);
        new ShutdownCoordinator(plugins::ownerOf)
                .run(extensions.shutdown().stream().map(Contributed::extension).toList());
        detach(pluginId);
        log.info("Plugin '{}' stopping while the host runs: its commands, listeners and handlers are removed",
                pluginId);
    }

    /**
     * Tells whether a plugin's extensions are wired in.
     *
     * @param pluginId the plugin
     * @return {@code true} while wired
     */
    public boolean isWired(String pluginId) {
        return wired.containsKey(pluginId);
    }



}
