package dev.voicesession.voice.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code voice_sessions} as the tests read it straight from the SQLite file, timestamps as text.
 *
 * @param id the row id
 * @param userId the user
 * @param guildId the guild
 * @param channelId the channel, 0 for a claim (NULL in the table)
 * @param state {@code creating}, {@code active} or {@code ended}
 * @param createdAt when the row was written
 * @param endedAt when it ended, or {@code null} while active
 * @param endReason why it ended
 * @param channelDeletedAt when its channel was confirmed gone
 * @param statusMessageId the session's status message, 0 if the row does not name one
 */
public record StoredSession(long id, long userId, long guildId, long channelId, String state, String createdAt,
        String endedAt, String endReason, String channelDeletedAt, long statusMessageId) {

    /** @return whether the row has no {@code ended_at} yet */
    public boolean active() {
        return endedAt == null;
    }

    /** @return what is wrong with the row on its own (a half-written row); empty if nothing */
    public List<String> defects() {
        List<String> defects = new ArrayList<>();
        if (!"creating".equals(state) && !"active".equals(state) && !"ended".equals(state)) {
            defects.add("row " + id + " has state '" + state + "'");
        }
        if ("active".equals(state) && channelId == 0) {
            defects.add("row " + id + " is active without a channel id");
        }
        if ("ended".equals(state) != (endedAt != null)) {
            defects.add("row " + id + " has state '" + state + "' but ended_at '" + endedAt + "'");
        }
        if ((endedAt == null) != (endReason == null)) {
            defects.add("row " + id + " has ended_at '" + endedAt + "' but end_reason '" + endReason + "'");
        }
        if (channelDeletedAt != null && endedAt == null) {
            defects.add("row " + id + " is active but its channel is marked deleted");
        }
        return defects;
    }

    /**
     * Reads every row, by id, through the given connection.
     *
     * @param connection an open connection to the host's database
     * @return the rows
     * @throws SQLException if the table cannot be read
     */
    public static List<StoredSession> readAll(Connection connection) throws SQLException {
        List<StoredSession> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT id, user_id, guild_id, channel_id, state, created_at, ended_at,"
                        + " end_reason, channel_deleted_at, status_message_id FROM voice_sessions ORDER BY id")) {
            while (rs.next()) {
                String statusMessage = rs.getString(10);
                String channel = rs.getString(4);
                rows.add(new StoredSession(rs.getLong(1), Long.parseLong(rs.getString(2)),
                        Long.parseLong(rs.getString(3)), channel == null ? 0 : Long.parseLong(channel), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                        statusMessage == null ? 0 : Long.parseLong(statusMessage)));
            }
        }
        return rows;
    }
}
