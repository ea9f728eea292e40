package dev.voicesession.voice.reliability.process;

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

/** Reads {@code voice_sessions} from the host's SQLite file, from the test JVM, read-only. */
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

    /**
     * One row as stored; timestamps as text.
     *
     * @param id the row id
     * @param userId the user
     * @param guildId the guild
     * @param channelId the channel, 0 for a claim
     * @param state {@code creating} or {@code open}
     * @param endedAt when it ended, or {@code null} while active
     * @param endReason why it ended
     * @param channelDeletedAt when its channel was confirmed gone
     */
    record Row(long id, long userId, long guildId, long channelId, String state, String endedAt, String endReason,
            String channelDeletedAt) {

        boolean active() {
            return endedAt == null;
        }

        /** What is wrong with the row on its own: a half-written row. Empty if nothing. */
        List<String> defects() {
            List<String> defects = new ArrayList<>();
            if (!"creating".equals(state) && !"open".equals(state)) {
                defects.add("row " + id + " has state '" + state + "'");
            }
            if ("open".equals(state) && channelId == 0) {
                defects.add("row " + id + " is open without a channel id");
            }
            if ((endedAt == null) != (endReason == null)) {
                defects.add("row " + id + " has ended_at '" + endedAt + "' but end_reason '" + endReason + "'");
            }
            if (channelDeletedAt != null && endedAt == null) {
                defects.add("row " + id + " is active but its channel is marked deleted");
            }
            return defects;
        }
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
    List<Row> all() {
        if (!exists()) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, user_id, guild_id, channel_id, state, ended_at, end_reason,"
                        + " channel_deleted_at FROM voice_sessions ORDER BY id")) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), Long.parseLong(rs.getString(2)), Long.parseLong(rs.getString(3)),
                        Long.parseLong(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read voice_sessions from '" + file + "'", e);
        }
        return rows;
    }

    List<Row> active() {
        return all().stream().filter(Row::active).toList();
    }
}
