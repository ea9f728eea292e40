package dev.voicesession.host.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.voicesession.host.config.DatabaseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's connection pool over one SQLite file, shared with every plugin.
 *
 * <p>The host owns the pool and the sqlite-jdbc driver: the driver carries a native library, which
 * only one class loader can load, so plugins must use this {@link DataSource} rather than a driver of
 * their own. Every connection has write-ahead logging, a busy timeout and foreign keys on.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final Path file;
    private final HikariDataSource dataSource;

    private Database(Path file, HikariDataSource dataSource) {
        this.file = file;
        this.dataSource = dataSource;
    }

    /**
     * Opens the pool, creating the file and its directory if needed, and checks that a connection
     * works.
     *
     * @param settings the database settings
     * @return the open database
     * @throws DatabaseException if the directory cannot be created or SQLite refuses the file
     */
    public static Database open(DatabaseSettings settings) {
        Path file = settings.path().toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the directory of database '" + file + "'", e);
        }
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
            throw new DatabaseException("Cannot open database '" + file + "'", e);
        }
        Database database = new Database(file, dataSource);
        database.check();
        log.info("Database '{}' open, pool size {}", file, settings.poolSize());
        return database;
    }

    private void check() {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().close();
        } catch (SQLException e) {
            dataSource.close();
            throw new DatabaseException("Cannot use database '" + file + "'", e);
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
     * Returns the database file.
     *
     * @return the absolute path
     */
    public Path file() {
        return file;
    }

    /** Closes every pooled connection. */
    @Override
    public void close() {
        if (!dataSource.isClosed()) {
            dataSource.close();
            log.info("Database '{}' closed", file);
        }
    }
}
