package dev.voicesession.bench.driver;

import dev.voicesession.bench.BenchException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the host's {@code voice_sessions} table from the driver (a second SQLite connection to the host's
 * file; WAL lets it read while the host writes; or a connection to the PostgreSQL database of the cluster phase). The driver only uses it to know that a session is over,
 * never to time one: commit times come from the agent's SQLite hooks.
 */
public final class SessionDb implements AutoCloseable {
    private final Connection connection;

    /**
     * A row of {@code voice_sessions}.
     *
     * @param id the row id
     * @param userId the user
     * @param guildId the guild
     * @param channelId the session channel, 0 if none was created
     * @param endedAt when it ended (SQLite text), or null
     * @param endReason why it ended, or null
     */
    public record Row(long id, long userId, long guildId, long channelId, String endedAt, String endReason) {}

    private SessionDb(Connection connection) {
        this.connection = connection;
    }

    /** Opens the host's database file. */
    public static SessionDb open(Path file) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (var statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
            }
            return new SessionDb(connection);
        } catch (SQLException e) {
            throw new BenchException("Cannot open the host's database " + file, e);
        }
    }

    /**
     * Opens a database the hosts share by JDBC URL (the cluster phase's PostgreSQL database).
     *
     * @param url the JDBC URL
     * @param user the user
     * @param password the password
     * @return the reader
     */
    public static SessionDb open(String url, String user, String password) {
        try {
            return new SessionDb(DriverManager.getConnection(url, user, password));
        } catch (SQLException e) {
            throw new BenchException("Cannot open the hosts' database " + url, e);
        }
    }

    /** Whether the host's queue holds a waiting request of the user (the cluster phase's PostgreSQL database). */
    public synchronized boolean waiting(long userId) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM host_queue_request WHERE user_id = ? AND state = 'waiting'")) {
            statement.setString(1, Long.toUnsignedString(userId));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new BenchException("Cannot read host_queue_request", e);
        }
    }

    /** The row of a session channel, if there is one. */
    public synchronized Optional<Row> byChannel(long channelId) {
        return query("SELECT id, user_id, guild_id, channel_id, ended_at, end_reason FROM voice_sessions"
                + " WHERE channel_id = ? ORDER BY id DESC LIMIT 1", Long.toUnsignedString(channelId)).stream().findFirst();
    }

    /** Every row. */
    public synchronized List<Row> all() {
        return query("SELECT id, user_id, guild_id, channel_id, ended_at, end_reason FROM voice_sessions ORDER BY id",
                null);
    }

    /** Waits until the session channel's row has {@code ended_at}, polling every {@code poll}. */
    public Row awaitEnded(long channelId, Duration poll, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Row> row = byChannel(channelId);
            if (row.isPresent() && row.get().endedAt() != null) {
                return row.get();
            }
            if (System.nanoTime() > deadline) {
                throw new BenchException("The row of channel " + channelId + " has no ended_at after "
                        + timeout.toSeconds() + " s (" + row.map(Row::toString).orElse("no row") + ")");
            }
            HostProcess.sleep(poll);
        }
    }

    private List<Row> query(String sql, String parameter) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), Long.parseUnsignedLong(rs.getString(2)),
                            Long.parseUnsignedLong(rs.getString(3)),
                            rs.getString(4) == null ? 0 : Long.parseUnsignedLong(rs.getString(4)),
                            rs.getString(5), rs.getString(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new BenchException("Cannot read voice_sessions", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new BenchException("Cannot close the driver's database connection", e);
        }
    }
}
