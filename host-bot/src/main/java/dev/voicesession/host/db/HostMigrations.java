package dev.voicesession.host.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the host's own schema migrations (today the conversation queue's table) with Flyway, keeping
 * their history in {@value #HISTORY_TABLE}, apart from every plugin's.
 *
 * <p>The scripts are in {@code db/host/sqlite} and {@code db/host/postgresql}, one folder per database, as
 * the voice plugin's vendor folders are. They run against the host's data source: its own SQLite file or
 * PostgreSQL database, or the operator's {@code DataSource} when the host is embedded.
 */
public final class HostMigrations {

    /** The host's own Flyway history table. */
    public static final String HISTORY_TABLE = "host_flyway_history";

    private static final Logger log = LoggerFactory.getLogger(HostMigrations.class);

    private HostMigrations() {}

    /**
     * Migrates the host's schema to the newest version.
     *
     * @param dataSource the host's data source
     * @return the schema version after migrating
     * @throws DatabaseException if the database is neither SQLite nor PostgreSQL, or a migration fails
     */
    public static String migrate(DataSource dataSource) {
        String vendor = vendor(dataSource);
        try {
            Flyway flyway = Flyway.configure(HostMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/host/" + vendor)
                    .table(HISTORY_TABLE)
                    // The database is shared with the plugins (and, embedded, with the operator's own tables).
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load();
            int applied = flyway.migrate().migrationsExecuted;
            String version = flyway.info().current() == null
                    ? "none"
                    : flyway.info().current().getVersion().getVersion();
            log.info("Host schema at version '{}' on {} ({} migration(s) applied now)", version, vendor, applied);
            return version;
        } catch (FlywayException e) {
            throw new DatabaseException("Cannot migrate the host's schema (history table '" + HISTORY_TABLE + "'): "
                    + e.getMessage(), e);
        }
    }

    /**
     * Tells which of the supported databases a data source is.
     *
     * @param dataSource the data source
     * @return {@code sqlite} or {@code postgresql}, the name of the migrations' folder
     * @throws DatabaseException if no connection can be had, or the database is another one
     */
    public static String vendor(DataSource dataSource) {
        String product;
        try (Connection connection = dataSource.getConnection()) {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new DatabaseException("Cannot tell which database the host's data source is", e);
        }
        return switch (product.toLowerCase(Locale.ROOT)) {
            case "sqlite" -> "sqlite";
            case "postgresql" -> "postgresql";
            default -> throw new DatabaseException("The host supports SQLite and PostgreSQL, but its database is '"
                    + product + "'; configure database.path (SQLite) or a jdbc:postgresql:// database.url", null);
        };
    }
}
