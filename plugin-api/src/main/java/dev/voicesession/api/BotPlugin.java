package dev.voicesession.api;

import java.util.Objects;
import org.pf4j.Plugin;

/**
 * Base class of every plugin the host loads.
 *
 * <p>The host constructs the plugin through its own PF4J plugin factory and hands it the {@link
 * PluginContext}, so a plugin class must declare a public constructor taking exactly one {@code
 * PluginContext}. Extensions of the plugin may declare a constructor that takes the plugin's own
 * class; the host then passes this instance, which is how extensions share the plugin's services.
 *
 * <p>{@link #start()} and {@link #stop()} are PF4J's lifecycle hooks. {@code start()} runs before any
 * shard is ready: set up storage there, and use a {@link
 * dev.voicesession.api.lifecycle.StartupParticipant} for work that needs Discord.
 */
public abstract class BotPlugin extends Plugin {

    private final PluginContext context;

    /**
     * Creates the plugin with the context the host hands over.
     *
     * @param context the host's services for this plugin, never {@code null}
     */
    protected BotPlugin(PluginContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * Returns the context the host handed to this plugin.
     *
     * @return the plugin's context
     */
    public final PluginContext context() {
        return context;
    }
}
