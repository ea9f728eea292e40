package dev.voicesession.voice.reliability.process;

import dev.voicesession.voice.testing.StoredSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Reads {@code voice_sessions}, and the host queue's {@code host_queue_request}, from the host's SQLite file,
 * from the test JVM, read-only.
 */
final class SessionRows {

    private final Path file;
    private final SQLiteDataSource dataSource;

    SessionRows(Path file) {
        this.file = file;
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
    }

    /** Whether the table exists yet (the plugin creates it at its first start). */
    boolean exists() {
        if (!Files.exists(file)) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'voice_sessions'")) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read '" + file + "'", e);
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
            throw new IllegalStateException("Cannot read voice_sessions from '" + file + "'", e);
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
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
                Statement st = connection.createStatement()) {
            try (ResultSet table = st.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'host_queue_request'")) {
                if (!table.next()) {
                    return List.of();
                }
            }
            List<Long> users = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(
                    "SELECT user_id FROM host_queue_request WHERE state = 'waiting' ORDER BY arrival, id")) {
                while (rs.next()) {
                    users.add(Long.parseUnsignedLong(rs.getString(1)));
                }
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read host_queue_request from '" + file + "'", e);
        }
    }
}
