package dev.voicesession.host.plugin;

/** What the host does around a plugin that starts or stops while it runs. */
public interface PluginLifecycle {

    /** Does nothing, before the host has wired anything. */
    PluginLifecycle NONE = new PluginLifecycle() {
        @Override
        public void afterStart(String pluginId) {}

        @Override
        public void beforeStop(String pluginId) {}
    };

    /**
     * Wires in a plugin that has just started: its commands, listeners and request handlers, then its
     * startup participants.
     *
     * @param pluginId the plugin
     */
    void afterStart(String pluginId);

    /**
     * Unwires a plugin about to stop: its shutdown participants run (ending its work), then its
     * listeners, commands and request handlers are removed.
     *
     * @param pluginId the plugin
     */
    void beforeStop(String pluginId);
}
