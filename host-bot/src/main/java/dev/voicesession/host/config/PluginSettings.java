package dev.voicesession.host.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * The host's keys of the {@code plugins} section; every other key under {@code plugins} belongs to
 * the plugin of that id.
 *
 * @param dir the directory plugin jars are loaded from
 * @param disabled the ids of plugins not to start
 */
public record PluginSettings(Path dir, Set<String> disabled) {

    /** Copies the components. */
    public PluginSettings {
        Objects.requireNonNull(dir, "dir");
        disabled = Set.copyOf(disabled);
    }
}
