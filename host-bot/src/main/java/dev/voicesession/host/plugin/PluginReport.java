package dev.voicesession.host.plugin;

import java.util.List;
import java.util.Optional;

/**
 * What became of every plugin jar after loading and starting.
 *
 * @param entries one entry per jar, in load order
 */
public record PluginReport(List<Entry> entries) {

    /** Copies the entries. */
    public PluginReport {
        entries = List.copyOf(entries);
    }

    /** The fate of one plugin. */
    public enum Status {
        /** Loaded and started. */
        STARTED,
        /** Turned off in the configuration. */
        DISABLED,
        /** Refused at load, for example because it needs another plugin-api version. */
        REFUSED,
        /** Loaded, but failed to be built or to start. */
        FAILED,
        /** The jar could not be read as a plugin at all. */
        NOT_LOADED
    }

    /**
     * One plugin's fate.
     *
     * @param pluginId the plugin's id, or the jar's file name if it has none
     * @param status what became of it
     * @param detail why, for any status but {@link Status#STARTED}; empty otherwise
     */
    public record Entry(String pluginId, Status status, String detail) {}

    /**
     * Finds a plugin's entry.
     *
     * @param pluginId the plugin's id
     * @return its entry, or empty
     */
    public Optional<Entry> find(String pluginId) {
        return entries.stream().filter(entry -> entry.pluginId().equals(pluginId)).findFirst();
    }

    /**
     * Returns the ids of the started plugins.
     *
     * @return the ids, in load order
     */
    public List<String> started() {
        return entries.stream().filter(entry -> entry.status() == Status.STARTED).map(Entry::pluginId).toList();
    }
}
