package dev.voicesession.voice.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the plugin's schema migrations ({@code db/voice/V*.sql}) with Flyway, keeping its history
 * in {@value #HISTORY_TABLE} so the host's and other plugins' migrations never collide with ours.
 *
 * <p>The plugin's class loader is passed to Flyway explicitly: Flyway finds both its own services
 * and the migration scripts through it, which is what works inside a PF4J plugin.
 */
public final class VoiceMigrations {

    /** The plugin's own Flyway history table. */
    public static final String HISTORY_TABLE = "voice_plugin_schema_history";

    private static final Logger log = LoggerFactory.getLogger(VoiceMigrations.class);

    private VoiceMigrations() {}

    /**
     * Migrates the schema to the newest version.
     *
     * @param dataSource the host's data source
     * @param classLoader the class loader that holds Flyway and {@code db/voice}
     * @return the schema version after migrating
     * @throws VoiceDatabaseException if a migration fails
     */
    public static String migrate(DataSource dataSource, ClassLoader classLoader) {
        try {
            Flyway flyway = Flyway.configure(classLoader)
                    .dataSource(dataSource)
                    .locations("classpath:db/voice")
                    .table(HISTORY_TABLE)
                    // The database is shared: other tables exist before our first migration.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load();
            MigrateResult result = flyway.migrate();
            String version = flyway.info().current() == null
                    ? "none"
                    : flyway.info().current().getVersion().getVersion();
            log.info("Voice schema at version '{}' ({} migrations applied now)", version, result.migrationsExecuted);
            return version;
        } catch (FlywayException e) {
            throw new VoiceDatabaseException("Cannot migrate the voice schema (history table '" + HISTORY_TABLE + "')", e);
        }
    }
}
