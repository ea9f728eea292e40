package dev.voicesession.voice.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the plugin's schema migrations with Flyway, keeping its history in {@value #HISTORY_TABLE} so
 * the host's and other plugins' migrations never collide with ours.
 *
 * <p>The scripts are in {@code db/voice/common} (the same SQL on every database) and in the database's
 * own folder, {@code db/voice/sqlite} or {@code db/voice/postgresql}, for the versions whose SQL must
 * differ; each version exists once per database. Flyway checks a script by version, description and
 * checksum, not by folder, so SQLite databases migrated before the folders existed validate as before.
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
     * @throws VoiceDatabaseException if a migration fails, or the database is neither SQLite nor PostgreSQL
     */
    public static String migrate(DataSource dataSource, ClassLoader classLoader) {
        DatabaseVendor vendor = DatabaseVendor.of(dataSource);
        try {
            Flyway flyway = Flyway.configure(classLoader)
                    .dataSource(dataSource)
                    .locations("classpath:db/voice/common", "classpath:db/voice/" + vendor.id())
                    .table(HISTORY_TABLE)
                    // The database is shared: other tables exist before our first migration.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load();
            MigrateResult result = flyway.migrate();
            String version = flyway.info().current() == null
                    ? "none"
                    : flyway.info().current().getVersion().getVersion();
            log.info("Voice schema at version '{}' on {} ({} migrations applied now)", version, vendor.productName(),
                    result.migrationsExecuted);
            return version;
        } catch (FlywayException e) {
            throw new VoiceDatabaseException("Cannot migrate the voice schema (history table '" + HISTORY_TABLE + "')", e);
        }
    }
}
