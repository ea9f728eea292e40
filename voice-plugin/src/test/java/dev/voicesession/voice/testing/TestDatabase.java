package dev.voicesession.voice.testing;

import dev.voicesession.testing.postgres.PostgresCluster;
import dev.voicesession.testing.postgres.PostgresDatabase;
import dev.voicesession.voice.db.SessionRepository;
import dev.voicesession.voice.db.VoiceMigrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A real database, migrated like the plugin does at start: an SQLite file in a temporary directory, or
 * a fresh database of the throwaway PostgreSQL test cluster ({@link PostgresCluster}; skipped where
 * PostgreSQL is not installed, failed when {@code CI=true}).
 */
public final class TestDatabase {

    /** The databases the plugin supports; test classes run once per kind with {@code @EnumSource}. */
    public enum Kind {
        /** An SQLite file, the host's default. */
        SQLITE,
        /** A PostgreSQL database of the test cluster. */
        POSTGRESQL
    }

    private final Kind kind;
    private final DataSource dataSource;
    private final PostgresDatabase postgres;

    private TestDatabase(Kind kind, DataSource dataSource, PostgresDatabase postgres) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.postgres = postgres;
    }

    /** Creates an SQLite database without migrating it. */
    public static TestDatabase empty(Path directory) {
        return empty(Kind.SQLITE, directory);
    }

    /**
     * Creates a database without migrating it.
     *
     * @param kind which database
     * @param directory where the SQLite file goes (unused for PostgreSQL)
     * @return the database
     */
    public static TestDatabase empty(Kind kind, Path directory) {
        if (kind == Kind.POSTGRESQL) {
            PostgresDatabase database = PostgresCluster.shared().createDatabase("voice");
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(database.url());
            dataSource.setUser(database.user());
            dataSource.setPassword(database.password());
            return new TestDatabase(kind, dataSource, database);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(5000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + directory.resolve("bot.db"));
        return new TestDatabase(kind, dataSource, null);
    }

    /** Creates and migrates an SQLite database. */
    public static TestDatabase migrated(Path directory) {
        return migrated(Kind.SQLITE, directory);
    }

    /** Creates and migrates a database of the given kind. */
    public static TestDatabase migrated(Kind kind, Path directory) {
        TestDatabase database = empty(kind, directory);
        database.migrate();
        return database;
    }

    public String migrate() {
        return VoiceMigrations.migrate(dataSource, TestDatabase.class.getClassLoader());
    }

    public Kind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SessionRepository repository() {
        return SessionRepository.create(dataSource);
    }

    /**
     * The PostgreSQL database's coordinates, for a host configured with {@code database.url}.
     *
     * @return the database
     * @throws IllegalStateException for SQLite
     */
    public PostgresDatabase postgres() {
        if (postgres == null) {
            throw new IllegalStateException("an SQLite test database has no PostgreSQL coordinates");
        }
        return postgres;
    }

    /** Runs a statement directly, for setting up or breaking things. */
    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run: " + sql, e);
        }
    }

    /**
     * Lists a table's columns in their order.
     *
     * @param table the table name, lower case
     * @return the column names, empty if the table does not exist
     */
    public List<String> columns(String table) {
        String sql = kind == Kind.SQLITE
                ? "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid"
                : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                        + " AND table_name = '" + table + "' ORDER BY ordinal_position";
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the columns of " + table, e);
        }
        return names;
    }
}
