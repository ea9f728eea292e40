package dev.voicesession.host.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * {@link IdentifyBuckets} in the {@code gateway_identify} table, shared by every process of the bot. A row is read
 * and written under a row lock ({@code SELECT ... FOR UPDATE} on PostgreSQL, a {@code BEGIN IMMEDIATE}
 * transaction on SQLite), and every time is the database's clock, so that processes on machines whose clocks
 * differ still agree.
 */
final class DatabaseIdentifyBuckets implements IdentifyBuckets {

    private final DataSource dataSource;
    private final DatabaseKind kind;
    private final String nowMillis;

    DatabaseIdentifyBuckets(DataSource dataSource, DatabaseKind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.nowMillis = kind == DatabaseKind.POSTGRESQL
                ? "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)"
                : "CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)";
    }

    @Override
    public Attempt tryTake(int bucket, Duration interval, Duration connectAllowance) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            begin(connection);
            try {
                Attempt attempt = take(connection, bucket, interval, connectAllowance);
                commit(connection);
                return attempt;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                if (kind == DatabaseKind.POSTGRESQL) {
                    connection.setAutoCommit(autoCommit);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot take IDENTIFY bucket " + bucket + " in table gateway_identify", e);
        }
    }

    @Override
    public void finish(int bucket, long reservation) {
        String sql = "UPDATE gateway_identify SET last_identify_at = " + nowMillis
                + " WHERE bucket = ? AND last_identify_at = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setInt(1, bucket);
            update.setLong(2, reservation);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException("Cannot record the IDENTIFY in bucket " + bucket + " in table gateway_identify",
                    e);
        }
    }

    private Attempt take(Connection connection, int bucket, Duration interval, Duration connectAllowance)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO gateway_identify (bucket, last_identify_at) VALUES (?, 0) ON CONFLICT (bucket) DO NOTHING")) {
            insert.setInt(1, bucket);
            insert.executeUpdate();
        }
        long last;
        long now;
        String select = "SELECT last_identify_at, " + nowMillis + " FROM gateway_identify WHERE bucket = ?"
                + (kind == DatabaseKind.POSTGRESQL ? " FOR UPDATE" : "");
        try (PreparedStatement read = connection.prepareStatement(select)) {
            read.setInt(1, bucket);
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                last = rs.getLong(1);
                now = rs.getLong(2);
            }
        }
        // one millisecond more: both times are rounded to the millisecond
        long freeAt = last + interval.toMillis() + 1;
        if (now < freeAt) {
            return new Attempt(0, Duration.ofMillis(freeAt - now), last > now);
        }
        long reservation = now + connectAllowance.toMillis();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE gateway_identify SET last_identify_at = ? WHERE bucket = ?")) {
            update.setLong(1, reservation);
            update.setInt(2, bucket);
            update.executeUpdate();
        }
        return new Attempt(reservation, Duration.ZERO, false);
    }

    private void begin(Connection connection) throws SQLException {
        if (kind == DatabaseKind.POSTGRESQL) {
            connection.setAutoCommit(false);
        } else {
            try (Statement statement = connection.createStatement()) {
                // takes the database's write lock now, so two processes never read the same row before writing it
                statement.execute("BEGIN IMMEDIATE");
            }
        }
    }

    private void commit(Connection connection) throws SQLException {
        if (kind == DatabaseKind.POSTGRESQL) {
            connection.commit();
        } else {
            try (Statement statement = connection.createStatement()) {
                statement.execute("COMMIT");
            }
        }
    }

    private void rollback(Connection connection, Exception cause) {
        try {
            if (kind == DatabaseKind.POSTGRESQL) {
                connection.rollback();
            } else {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ROLLBACK");
                }
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
