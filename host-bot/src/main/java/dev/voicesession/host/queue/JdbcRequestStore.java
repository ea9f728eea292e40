package dev.voicesession.host.queue;

import dev.voicesession.host.db.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The {@link RequestStore} over the host's database: the table {@code host_queue_request}, created by
 * {@link dev.voicesession.host.db.HostMigrations} (the columns are explained in its migration scripts).
 * Plain JDBC, the same SQL on SQLite and PostgreSQL. Every write is one statement, committed at once.
 */
public final class JdbcRequestStore implements RequestStore {

    /** The table. */
    public static final String TABLE = "host_queue_request";

    private static final String COLUMNS = "id, type, user_id, user_name, guild_id, channel_id, arrival, state,"
            + " created_at, granted_at, command_kind, command_id, interaction_token, token_expires_at, status_kind,"
            + " status_channel_id, status_message_id";

    private final DataSource dataSource;
    private final ClusterSlots cluster;

    /**
     * Creates the store of a queue whose slots are this process's ({@code queue.scope: process}).
     *
     * @param dataSource the host's data source, migrated
     */
    public JdbcRequestStore(DataSource dataSource) {
        this(dataSource, null);
    }

    /**
     * Creates the store.
     *
     * @param dataSource the host's data source, migrated
     * @param cluster the cluster's slots, for {@code queue.scope: cluster}: new rows are this process's, with a
     *     lease, and every row in or out is announced to the other processes; {@code null} for process scope
     */
    public JdbcRequestStore(DataSource dataSource, ClusterSlots cluster) {
        this.dataSource = dataSource;
        this.cluster = cluster;
    }

    @Override
    public long insert(StoredRequest request) {
        String sql = "INSERT INTO " + TABLE + " (type, user_id, user_name, guild_id, channel_id, arrival, state,"
                + " created_at, granted_at, command_kind, command_id, interaction_token, token_expires_at,"
                + " status_kind, status_channel_id, status_message_id, owner, lease_expires_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
        try (Connection connection = dataSource.getConnection()) {
            long id;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int i = 0;
                statement.setString(++i, request.type());
                statement.setString(++i, snowflake(request.userId()));
                statement.setString(++i, request.userName());
                statement.setString(++i, snowflake(request.guildId()));
                statement.setString(++i, snowflake(request.channelId()));
                statement.setLong(++i, request.arrival());
                statement.setString(++i, state(request.state()));
                statement.setLong(++i, request.createdAt().toEpochMilli());
                setMillis(statement, ++i, request.grantedAt());
                i = bindCommand(statement, i, request.command());
                i = bindStatus(statement, i, request.status());
                statement.setString(++i, cluster == null ? null : cluster.owner());
                setMillis(statement, ++i, cluster == null ? null : cluster.leaseEnd());
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            if (cluster != null) {
                cluster.announce(connection);
            }
            commit(connection);
            return id;
        } catch (SQLException e) {
            if (uniqueViolation(e)) {
                throw new DuplicateRequestException(request.userId(), findByUser(request.userId()).orElse(null), e);
            }
            throw new DatabaseException("Cannot store the " + request.type() + " request of user '" + request.userId()
                    + "' in " + TABLE, e);
        }
    }

    @Override
    public void recordStatus(long id, StatusRef status) {
        update("UPDATE " + TABLE + " SET status_kind = ?, status_channel_id = ?, status_message_id = ? WHERE id = ?",
                "record the status message of request '" + id + "'", statement -> {
                    bindStatus(statement, 0, status);
                    statement.setLong(4, id);
                });
    }

    @Override
    public void markActive(long id, Instant grantedAt) {
        update("UPDATE " + TABLE + " SET state = 'active', granted_at = ? WHERE id = ?",
                "mark request '" + id + "' active", statement -> {
                    statement.setLong(1, grantedAt.toEpochMilli());
                    statement.setLong(2, id);
                });
    }

    @Override
    public void delete(long id) {
        update("DELETE FROM " + TABLE + " WHERE id = ?", "delete request '" + id + "'",
                statement -> statement.setLong(1, id), true);
    }

    @Override
    public List<StoredRequest> list(StoredRequest.State state) {
        return query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE state = ? ORDER BY arrival, id",
                "list the " + state(state) + " requests", statement -> statement.setString(1, state(state)));
    }

    @Override
    public Optional<StoredRequest> findByUser(long userId) {
        return query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE user_id = ?",
                "find the request of user '" + userId + "'", statement -> statement.setString(1, snowflake(userId)))
                .stream()
                .findFirst();
    }

    @Override
    public int position(StoredRequest request) {
        String sql = "SELECT COUNT(*) FROM " + TABLE + " WHERE state = 'waiting' AND (arrival < ? OR (arrival = ? AND id <= ?))";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, request.arrival());
            statement.setLong(2, request.arrival());
            statement.setLong(3, request.id());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot count the requests before request '" + request.id() + "' in " + TABLE, e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private void update(String sql, String what, Binder binder) {
        update(sql, what, binder, false);
    }

    private void update(String sql, String what, Binder binder, boolean changesLine) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                statement.executeUpdate();
            }
            if (changesLine && cluster != null) {
                cluster.announce(connection);
            }
            commit(connection);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot " + what + " in " + TABLE, e);
        }
    }

    private List<StoredRequest> query(String sql, String what, Binder binder) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            List<StoredRequest> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseException("Cannot " + what + " in " + TABLE, e);
        }
    }

    /** An operator's data source may hand out connections without auto-commit. */
    private static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static StoredRequest row(ResultSet rs) throws SQLException {
        return new StoredRequest(
                rs.getLong("id"),
                rs.getString("type"),
                Long.parseUnsignedLong(rs.getString("user_id")),
                rs.getString("user_name"),
                Long.parseUnsignedLong(rs.getString("guild_id")),
                Long.parseUnsignedLong(rs.getString("channel_id")),
                rs.getLong("arrival"),
                StoredRequest.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                millis(rs, "granted_at"),
                command(rs),
                status(rs));
    }

    private static CommandRef command(ResultSet rs) throws SQLException {
        return switch (rs.getString("command_kind")) {
            case "message" -> new CommandRef.PrefixCommand(Long.parseUnsignedLong(rs.getString("command_id")));
            case "interaction" -> new CommandRef.SlashCommand(Long.parseUnsignedLong(rs.getString("command_id")),
                    rs.getString("interaction_token"), millis(rs, "token_expires_at"));
            default -> CommandRef.NONE;
        };
    }

    private static StatusRef status(ResultSet rs) throws SQLException {
        String kind = rs.getString("status_kind");
        if (kind == null) {
            return null;
        }
        return new StatusRef(StatusRef.Kind.ofColumn(kind), Long.parseUnsignedLong(rs.getString("status_channel_id")),
                Long.parseUnsignedLong(rs.getString("status_message_id")));
    }

    /** Binds command_kind, command_id, interaction_token and token_expires_at after index {@code i}. */
    private static int bindCommand(PreparedStatement statement, int i, CommandRef command) throws SQLException {
        switch (command) {
            case CommandRef.PrefixCommand prefix -> {
                statement.setString(++i, "message");
                statement.setString(++i, snowflake(prefix.messageId()));
                statement.setNull(++i, Types.VARCHAR);
                statement.setNull(++i, Types.BIGINT);
            }
            case CommandRef.SlashCommand slash -> {
                statement.setString(++i, "interaction");
                statement.setString(++i, snowflake(slash.interactionId()));
                statement.setString(++i, slash.token());
                statement.setLong(++i, slash.expiresAt().toEpochMilli());
            }
            case CommandRef.None none -> {
                statement.setString(++i, "none");
                statement.setNull(++i, Types.VARCHAR);
                statement.setNull(++i, Types.VARCHAR);
                statement.setNull(++i, Types.BIGINT);
            }
        }
        return i;
    }

    /** Binds status_kind, status_channel_id and status_message_id after index {@code i}. */
    private static int bindStatus(PreparedStatement statement, int i, StatusRef status) throws SQLException {
        if (status == null) {
            statement.setNull(++i, Types.VARCHAR);
            statement.setNull(++i, Types.VARCHAR);
            statement.setNull(++i, Types.VARCHAR);
        } else {
            statement.setString(++i, status.kind().column());
            statement.setString(++i, snowflake(status.channelId()));
            statement.setString(++i, snowflake(status.messageId()));
        }
        return i;
    }

    private static void setMillis(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, instant.toEpochMilli());
        }
    }

    private static Instant millis(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(value);
    }

    private static String state(StoredRequest.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static String snowflake(long id) {
        return Long.toUnsignedString(id);
    }

    /** PostgreSQL says 23505; SQLite says SQLITE_CONSTRAINT (19) with a UNIQUE message. */
    private static boolean uniqueViolation(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && ("23505".equals(sql.getSQLState())
                    || (sql.getErrorCode() == 19 && String.valueOf(sql.getMessage()).contains("UNIQUE")))) {
                return true;
            }
        }
        return false;
    }
}
