package dev.voicesession.host.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.voicesession.host.config.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's connection pool, shared with every plugin: over one SQLite file (the default), or over a
 * PostgreSQL database when {@code database.url} is set.
 *
 * <p>The host owns the pool and the drivers: sqlite-jdbc carries a native library, which only one class
 * loader can load, so plugins must use this {@link DataSource} rather than a driver of their own. Every
 * SQLite connection has write-ahead logging, a busy timeout and foreign keys on.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Path file;
    private final String location;
    private final HikariDataSource dataSource;

    private Database(Path file, String location, HikariDataSource dataSource) {
        this.file = file;
        this.location = location;
        this.dataSource = dataSource;
    }

    /**
     * Opens the pool. For SQLite it creates the file and its directory if needed, and checks that the file
     * is a sound SQLite database the bot can write; for PostgreSQL it checks that the server answers and
     * accepts the user.
     *
     * @param settings the database settings
     * @return the open database
     * @throws DatabaseException if the directory cannot be created, or the file is corrupt, read-only or
     *     locked by another process, or the PostgreSQL server cannot be reached or refuses the user; the
     *     message names the file or URL (never the password), the problem and the fix
     */
    public static Database open(DatabaseSettings settings) {
        if (settings.isPostgres()) {
            return openPostgres(settings);
        }
        Path file = settings.path().toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the directory of database '" + file + "'", e);
        }
        checkIntegrity(file, settings.busyTimeout());
        HikariConfig config = new HikariConfig();
        config.setPoolName("host-db");
        config.setDriverClassName("org.sqlite.JDBC");
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        // sqlite-jdbc reads these driver properties as pragmas on every new connection.
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("foreign_keys", "true");
        config.addDataSourceProperty("busy_timeout", String.valueOf(settings.busyTimeout().toMillis()));
        config.addDataSourceProperty("synchronous", "NORMAL");
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new DatabaseException(DatabaseProblems.describe(file, e, settings.busyTimeout()), e);
        }
        Database database = new Database(file, file.toString(), dataSource);
        database.check(settings.busyTimeout());
        log.info("Database '{}' open, pool size {}", file, settings.poolSize());
        return database;
    }

    private static Database openPostgres(DatabaseSettings settings) {
        String shown = PostgresProblems.withoutSecrets(settings.url());
        HikariConfig config = new HikariConfig();
        config.setPoolName("host-db");
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.addDataSourceProperty("ApplicationName", "voicesession-host");
        HikariDataSource dataSource;
        try {
            // Hikari opens one connection here and throws if it cannot: the server's answer explains why.
            dataSource = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw new DatabaseException(PostgresProblems.describe(shown, settings.user(), e), e);
        }
        log.info("Database '{}' (PostgreSQL, user '{}') open, pool size {}", shown, settings.user(),
                settings.poolSize());
        return new Database(null, shown, dataSource);
    }

    /**
     * Refuses an existing file that fails SQLite's quick integrity check, before the pool's settings
     * (WAL) change anything in it: a corrupt file is left exactly as it was, for recovery.
     */
    private static void checkIntegrity(Path file, Duration busyTimeout) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        readOnly.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        try (Connection connection = readOnly.createConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("PRAGMA quick_check")) {
            List<String> problems = new ArrayList<>();
            while (rs.next() && problems.size() < 3) {
                problems.add(rs.getString(1).replaceAll("\\s+", " ").strip());
            }
            if (!problems.equals(List.of("ok"))) {
                throw new DatabaseException(
                        DatabaseProblems.corrupt(file, "quick_check: " + String.join("; ", problems)), null);
            }
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseProblems.describe(file, e, busyTimeout), e);
        }
    }

    /**
     * Refuses a file the bot cannot write (read-only, or locked by another process), so that the bot
     * stops at start with a message rather than run without being able to record a session. It writes
     * the header's {@code user_version} back unchanged inside a transaction it rolls back, so nothing is
     * written: SQLite opens a file it cannot write read-only without a word, and only a write tells.
     */
    private void check(Duration busyTimeout) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            SQLException failure = null;
            try {
                int version;
                try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                statement.execute("PRAGMA user_version = " + version);
            } catch (SQLException e) {
                failure = e;
            }
            try {
                statement.execute("ROLLBACK");
            } catch (SQLException e) {
                // the write's own error is the one that explains; keep the rollback's beside it
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } catch (SQLException e) {
            dataSource.close();
            throw new DatabaseException(DatabaseProblems.describe(file, e, busyTimeout), e);
        }
    }

    /**
     * Returns the pooled data source plugins share.
     *
     * @return the data source; closing it is the host's job
     */
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Returns the SQLite database file.
     *
     * @return the absolute path
     * @throws IllegalStateException when the database is PostgreSQL
     */
    public Path file() {
        if (file == null) {
            throw new IllegalStateException("The database is PostgreSQL ('" + location + "'), not an SQLite file");
        }
        return file;
    }

    /**
     * Describes where the data is, for logs and messages: the SQLite file, or the PostgreSQL URL without
     * any password.
     *
     * @return the file or URL
     */
    public String location() {
        return location;
    }

    /**
     * Tells whether the database is PostgreSQL.
     *
     * @return {@code true} for PostgreSQL, {@code false} for SQLite
     */
    public boolean isPostgres() {
        return file == null;
    }

    /** Closes every pooled connection. */
    @Override
    public void close() {
        if (!dataSource.isClosed()) {
            dataSource.close();
            log.info("Database '{}' closed", location);
        }
    }
}
