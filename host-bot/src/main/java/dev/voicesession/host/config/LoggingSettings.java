package dev.voicesession.host.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code logging} section.
 *
 * @param level the root log level (TRACE, DEBUG, INFO, WARN or ERROR)
 * @param file the rolling log file
 */
public record LoggingSettings(String level, Path file) {

    /** Checks the components. */
    public LoggingSettings {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(file, "file");
    }
}
