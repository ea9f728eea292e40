package dev.voicesession.voice.reliability.process;

import dev.voicesession.testing.postgres.PostgresDatabase;
import dev.voicesession.voice.testing.StoredSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Reads {@code voice_sessions}, and the host queue's {@code host_queue_request}, from the host's database (its
 * SQLite file, read-only, or PostgreSQL), from the test JVM.
 */
final class SessionRows {

    private final String where;
    private final DataSource dataSource;
    private final BooleanSupplier databaseExists;
    /** Asks whether the table named by its {@code %s} exists. */
    private final String tableQuery;

    private SessionRows(String where, DataSource dataSource, BooleanSupplier databaseExists, String tableQuery) {
        this.where = where;
        this.dataSource = dataSource;
        this.databaseExists = databaseExists;
        this.tableQuery = tableQuery;
    }

    /** The rows of an SQLite file. */
    static SessionRows sqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return new SessionRows("'" + file + "'", dataSource, () -> Files.exists(file),
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '%s'");
    }

    /** The rows of a PostgreSQL database. */
    static SessionRows postgres(PostgresDatabase database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.url());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        return new SessionRows("PostgreSQL database '" + database.name() + "'", dataSource, () -> true,
                "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()"
                        + " AND table_name = '%s'");
    }

    /** Whether the table exists yet (the plugin creates it at its first start). */
    boolean exists() {
        return exists("voice_sessions");
    }

    private boolean exists(String table) {
        if (!databaseExists.getAsBoolean()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(tableQuery.formatted(table))) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read " + where, e);
        }
    }

    /** Every row, by id. */
    List<StoredSession> all() {
        if (!exists()) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            return StoredSession.readAll(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read voice_sessions from " + where, e);
        }
    }

    List<StoredSession> active() {
        return all().stream().filter(StoredSession::active).toList();
    }

    /**
     * The users whose requests wait in the host's durable queue, in line order: a restart puts them back in
     * line and serves them.
     *
     * @return the user ids, empty when the table does not exist yet
     */
    List<Long> waitingRequests() {
        if (!exists("host_queue_request")) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
                Statement st = connection.createStatement()) {
            List<Long> users = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT user_id FROM host_queue_request WHERE state = 'waiting' ORDER BY arrival, id")) {
                while (rs.next()) {
                    users.add(Long.parseUnsignedLong(rs.getString(1)));
                }
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read host_queue_request from " + where, e);
        }
    }
}
