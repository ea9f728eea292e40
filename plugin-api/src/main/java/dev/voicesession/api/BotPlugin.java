package dev.voicesession.api;

import dev.voicesession.api.config.ConfigException;
import dev.voicesession.api.config.ConfigKeys;
import dev.voicesession.api.config.PluginConfig;
import java.util.List;
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

    /**
     * Declares the keys this plugin reads from its configuration section, so that the host can refuse a
     * misspelt key with a suggestion, as it does for its own keys. The default declares nothing, and the
     * host then accepts any key.
     *
     * @return the plugin's keys
     */
    public ConfigKeys configKeys() {
        return ConfigKeys.UNDECLARED;
    }

    /**
     * Applies a configuration the host re-read while the plugin runs (the owners' {@code reload} command
     * or {@code SIGHUP}). The plugin checks the whole section first and throws without changing
     * anything when a value is wrong; otherwise it applies what it can to new work and names what needs
     * a restart. The default applies nothing.
     *
     * @param config the plugin's new section
     * @return one line for each setting that keeps its old value until a restart; empty when everything
     *     was applied
     * @throws ConfigException if the new section has a mistake; the plugin then keeps its old settings
     */
    public List<String> reconfigure(PluginConfig config) {
        return List.of("plugin '" + context.pluginId() + "' reads its settings at start only; restart to"
                + " apply them");
    }
}
