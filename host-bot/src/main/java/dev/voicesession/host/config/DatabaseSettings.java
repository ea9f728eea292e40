package dev.voicesession.host.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code database} section: an SQLite file (the default) or a PostgreSQL server.
 *
 * @param path the SQLite file, {@code data/bot.db} by default; unused when {@code url} is set
 * @param url a {@code jdbc:postgresql://host:port/database} URL, or {@code null} for SQLite
 * @param user the PostgreSQL user, or {@code null} to let the driver decide (the URL's {@code user})
 * @param password the PostgreSQL password, or {@code null}; a secret, never part of {@link #toString()}
 * @param poolSize the maximum number of pooled connections
 * @param busyTimeout how long an SQLite statement waits for a lock held by another connection
 */
public record DatabaseSettings(
        Path path, String url, String user, String password, int poolSize, Duration busyTimeout) {

    /** The URL prefix that selects PostgreSQL. */
    public static final String POSTGRESQL_PREFIX = "jdbc:postgresql://";

    /** Checks the components. */
    public DatabaseSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (url != null && !url.toLowerCase(Locale.ROOT).startsWith(POSTGRESQL_PREFIX)) {
            throw new IllegalArgumentException("database url must start with " + POSTGRESQL_PREFIX);
        }
    }

    /**
     * Settings for an SQLite file.
     *
     * @param path the file
     * @param poolSize the maximum number of pooled connections
     * @param busyTimeout how long a statement waits for a lock
     */
    public DatabaseSettings(Path path, int poolSize, Duration busyTimeout) {
        this(path, null, null, null, poolSize, busyTimeout);
    }

    /**
     * Settings for a PostgreSQL database.
     *
     * @param url the {@code jdbc:postgresql://} URL
     * @param user the user, or {@code null}
     * @param password the password, or {@code null}
     * @param poolSize the maximum number of pooled connections
     * @return the settings (the SQLite path keeps its default, unused)
     */
    public static DatabaseSettings postgres(String url, String user, String password, int poolSize) {
        return new DatabaseSettings(Path.of("data/bot.db"), Objects.requireNonNull(url, "url"), user, password,
                poolSize, Duration.ofSeconds(5));
    }

    /**
     * Tells whether these settings select PostgreSQL.
     *
     * @return {@code true} when a URL is set
     */
    public boolean isPostgres() {
        return url != null;
    }

    /**
     * Describes the settings without the password, which must never reach a log.
     *
     * @return the settings with the password masked
     */
    @Override
    public String toString() {
        String where = isPostgres() ? "url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "***")
                : "path=" + path;
        return "DatabaseSettings[" + where + ", poolSize=" + poolSize + ", busyTimeout=" + busyTimeout + "]";
    }
}
