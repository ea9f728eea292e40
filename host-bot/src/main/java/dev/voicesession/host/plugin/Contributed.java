package dev.voicesession.host.plugin;

/**
 * An extension together with the plugin that contributed it.
 *
 * @param extension the extension instance
 * @param pluginId the contributing plugin's id
 * @param <T> the extension point
 */
public record Contributed<T>(T extension, String pluginId) {}
