package dev.voicesession.host.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the host's own schema migrations with Flyway: the scripts in {@code db/host/sqlite} or {@code
 * db/host/postgresql}, with their history in {@value #HISTORY_TABLE}, apart from every plugin's history.
 *
 * <p>Processes of one bot may start together on one database. On PostgreSQL Flyway serializes them with a lock;
 * on SQLite the one that loses the race finds the table already there and its migration rolled back, so the
 * migration is tried again a few times before it counts as a failure.
 */
public final class HostMigrations {

    /** The host's Flyway history table. */
    public static final String HISTORY_TABLE = "host_flyway_history";

    private static final Logger log = LoggerFactory.getLogger(HostMigrations.class);
    private static final int ATTEMPTS = 5;
    private static final long PAUSE_MILLIS = 200;

    private HostMigrations() {}

    /**
     * Migrates the host's schema to the newest version.
     *
     * @param dataSource the host's or the operator's data source
     * @throws DatabaseException if a migration fails
     */
    public static void migrate(DataSource dataSource) {
        DatabaseKind kind = DatabaseKind.of(dataSource);
        Flyway flyway = Flyway.configure(HostMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/host/" + kind.id())
                .table(HISTORY_TABLE)
                // The database is shared: the plugins' tables may exist before the host's first migration.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
        for (int attempt = 1; ; attempt++) {
            try {
                int applied = flyway.migrate().migrationsExecuted;
                log.info("Host schema migrated on {} ({} migration(s) applied now)", kind.id(), applied);
                return;
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
