package dev.voicesession.host.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the host's own schema migrations (the durable conversation queue's table, the IDENTIFY buckets of shard
 * processes) with Flyway: the scripts in {@code db/host/sqlite} or {@code db/host/postgresql}, one folder per
 * database as the voice plugin's vendor folders are, with their history in {@value #HISTORY_TABLE}, apart from
 * every plugin's. They run against the host's data source: its own SQLite file or PostgreSQL database, or the
 * operator's {@code DataSource} when the host is embedded.
 *
 * <p>Processes of one bot may start together on one database. On PostgreSQL Flyway serializes them with a lock;
 * on SQLite the one that loses the race finds the table already there and its migration rolled back, so the
 * migration is tried again a few times before it counts as a failure.
 */
public final class HostMigrations {

    /** The host's own Flyway history table. */
    public static final String HISTORY_TABLE = "host_flyway_history";

    private static final Logger log = LoggerFactory.getLogger(HostMigrations.class);
    private static final int ATTEMPTS = 5;
    private static final long PAUSE_MILLIS = 200;

    private HostMigrations() {}

    /**
     * Migrates the host's schema to the newest version.
     *
     * @param dataSource the host's or the operator's data source
     * @return the schema version after migrating
     * @throws DatabaseException if the database is neither SQLite nor PostgreSQL, or a migration fails
     */
    public static String migrate(DataSource dataSource) {
        DatabaseKind kind = DatabaseKind.of(dataSource);
        Flyway flyway = Flyway.configure(HostMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/host/" + kind.id())
                .table(HISTORY_TABLE)
                // The database is shared: the plugins' tables (and, embedded, the operator's) may exist before
                // the host's first migration.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        for (int attempt = 1; ; attempt++) {
            try {
                int applied = flyway.migrate().migrationsExecuted;
                String version = flyway.info().current() == null
                        ? "none"
                        : flyway.info().current().getVersion().getVersion();
                log.info("Host schema at version '{}' on {} ({} migration(s) applied now)", version, kind.id(),
                        applied);
                return version;
            } catch (FlywayException e) {
                if (attempt >= ATTEMPTS) {
                    throw new DatabaseException("Cannot migrate the host's tables (history table '" + HISTORY_TABLE
                            + "')", e);
                }
                log.debug("Host migration attempt {} failed, probably racing another process; trying again",
                        attempt, e);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while migrating the host's tables", e);
        }
    }
}
