package dev.voicesession.voice.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.voice.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceMigrationsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("migrations create the exact V1 columns plus those of V2 and V3, in the plugin's own history table")
    void schema() throws SQLException {
        TestDatabase database = TestDatabase.migrated(dir);

        assertThat(columns(database, "voice_sessions")).containsExactly(
                "id", "user_id", "guild_id", "channel_id", "created_at", "ended_at",
                "end_reason", "state", "category_id", "channel_deleted_at", "status_channel_id", "status_message_id");
        assertThat(columns(database, VoiceMigrations.HISTORY_TABLE)).contains("version", "success");
    }

    @Test
    @DisplayName("migrating again does nothing")
    void idempotent() {
        TestDatabase database = TestDatabase.migrated(dir);

        assertThat(database.migrate()).isEqualTo("3");
    }

    @Test
    @DisplayName("a database the host already uses (its own tables and history) migrates without collisions")
    void sharedDatabase() throws SQLException {
        TestDatabase database = TestDatabase.empty(dir);
        database.execute("CREATE TABLE flyway_schema_history (installed_rank INT, version TEXT)");
        database.execute("CREATE TABLE host_things (id INTEGER PRIMARY KEY)");

        assertThat(database.migrate()).isEqualTo("3");
        assertThat(columns(database, "host_things")).containsExactly("id");
        assertThat(columns(database, "flyway_schema_history")).containsExactly("installed_rank", "version");
    }

    @Test
    @DisplayName("a V1 table from an earlier deployment is adopted; duplicate active rows are ended as orphans")
    void adoptsEarlierTable() throws SQLException {
        TestDatabase database = TestDatabase.empty(dir);
        database.execute("CREATE TABLE voice_sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL,"
                + " guild_id TEXT NOT NULL, channel_id TEXT NOT NULL, created_at DATETIME DEFAULT CURRENT_TIMESTAMP,"
                + " ended_at DATETIME DEFAULT NULL)");
        database.execute("INSERT INTO voice_sessions (user_id, guild_id, channel_id) VALUES ('1', '2', '10'), ('1', '2', '11')");

        database.migrate();

        SessionRepository repository = database.repository();
        assertThat(repository.findAllActive()).extracting(SessionRow::channelId).containsExactly(11L);
        assertThat(repository.findUnreconciled(2)).extracting(SessionRow::channelId).containsExactly(10L, 11L);
    }

    private static List<String> columns(TestDatabase database, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                ResultSet rs = connection.createStatement().executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }
}
