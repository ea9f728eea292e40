package dev.voicesession.host.support;

import dev.voicesession.host.db.HostMigrations;
import dev.voicesession.testing.postgres.PostgresCluster;
import dev.voicesession.testing.postgres.PostgresDatabase;
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
 * A real database for the host's tests: an SQLite file in a temporary directory, or a fresh database of
 * the throwaway PostgreSQL test cluster ({@link PostgresCluster}; skipped where PostgreSQL is not
 * installed, failed when {@code CI=true}). Test classes run once per kind with {@code @EnumSource}.
 */
public final class HostTestDatabase {

    /** The databases the host supports. */
    public enum Kind {
        /** An SQLite file, the default. */
        SQLITE,
        /** A PostgreSQL database of the test cluster. */
        POSTGRESQL
    }

    /**
     * One row of the queue's table, as the tests look at it.
     *
     * @param id the request
     * @param userId the user
     * @param state {@code waiting} or {@code active}
     * @param statusMessageId the recorded status message, or 0
     */
    public record QueueRow(long id, long userId, String state, long statusMessageId) {}

    private final Kind kind;
    private final DataSource dataSource;
    private final Path file;
    private final PostgresDatabase postgres;

    private HostTestDatabase(Kind kind, DataSource dataSource, Path file, PostgresDatabase postgres) {
        this.kind = kind;
        this.dataSource = dataSource;
        this.file = file;
        this.postgres = postgres;
    }

    /**
     * Creates an empty database.
     *
     * @param kind which database
     * @param directory where the SQLite file goes (unused for PostgreSQL)
     * @return the database
     */
    public static HostTestDatabase create(Kind kind, Path directory) {
        if (kind == Kind.POSTGRESQL) {
            PostgresDatabase database = PostgresCluster.shared().createDatabase("host");
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(database.url());
            dataSource.setUser(database.user());
            dataSource.setPassword(database.password());
            return new HostTestDatabase(kind, dataSource, null, database);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path file = directory.resolve("bot.db");
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(5000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return new HostTestDatabase(kind, dataSource, file, null);
    }

    /**
     * Creates a database with the host's schema.
     *
     * @param kind which database
     * @param directory where the SQLite file goes (unused for PostgreSQL)
     * @return the database
     */
    public static HostTestDatabase migrated(Kind kind, Path directory) {
        HostTestDatabase database = create(kind, directory);
        HostMigrations.migrate(database.dataSource());
        return database;
    }

    public Kind kind() {
        return kind;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Returns the {@code database} section of a host configuration that uses this database.
     *
     * @return YAML, ending with a line break
     */
    public String yaml() {
        if (kind == Kind.POSTGRESQL) {
            return """
                    database:
                      url: %s
                      user: %s
                      password: %s
                    """.formatted(postgres.url(), postgres.user(), postgres.password());
        }
        return """
                database:
                  path: %s
                """.formatted(file);
    }

    /**
     * Lists the queue's rows in line order: active ones first, then by arrival.
     *
     * @return the rows
     */
    public List<QueueRow> queueRows() {
        String sql = "SELECT id, user_id, state, status_message_id FROM host_queue_request"
                + " ORDER BY CASE WHEN state = 'active' THEN 0 ELSE 1 END, arrival, id";
        List<QueueRow> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                String message = rs.getString("status_message_id");
                rows.add(new QueueRow(rs.getLong("id"), Long.parseUnsignedLong(rs.getString("user_id")),
                        rs.getString("state"), message == null ? 0 : Long.parseUnsignedLong(message)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the queue's rows", e);
        }
        return rows;
    }

    /**
     * Runs a statement directly, for setting up or breaking things.
     *
     * @param sql the statement
     */
    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run: " + sql, e);
        }
    }

    /**
     * Reads one number.
     *
     * @param sql a query with one row and one numeric column
     * @return the number
     */
    public long number(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run: " + sql, e);
        }
    }
}
