package dev.voicesession.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The {@code database} section.
 *
 * @param path the SQLite file, {@code data/bot.db} by default
 * @param poolSize the maximum number of pooled connections
 * @param busyTimeout how long a statement waits for a lock held by another connection
 */
public record DatabaseSettings(Path path, int poolSize, Duration busyTimeout) {

    /** Checks the components. */
    public DatabaseSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
    }
}
