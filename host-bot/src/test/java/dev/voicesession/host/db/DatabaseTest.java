package dev.voicesession.host.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicesession.host.config.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    @DisplayName("the pool creates the file and its directory, with WAL, a busy timeout and foreign keys on")
    void pragmas() throws SQLException {
        Path file = dir.resolve("nested/data/bot.db");

        try (Database database = Database.open(new DatabaseSettings(file, 2, Duration.ofMillis(2500)))) {
            try (Connection connection = database.dataSource().getConnection()) {
                assertThat(pragma(connection, "journal_mode")).isEqualToIgnoringCase("wal");
                assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
                assertThat(pragma(connection, "busy_timeout")).isEqualTo("2500");
            }
            assertThat(Files.exists(file)).isTrue();
            assertThat(database.file()).isEqualTo(file.toAbsolutePath());
        }
    }

    @Test
    @DisplayName("foreign keys are enforced on every pooled connection")
    void foreignKeys() throws SQLException {
        try (Database database = Database.open(new DatabaseSettings(dir.resolve("fk.db"), 3, Duration.ofSeconds(1)));
                Connection a = database.dataSource().getConnection();
                Connection b = database.dataSource().getConnection()) {
            a.createStatement().execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
            a.createStatement().execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL"
                    + " REFERENCES parent(id))");

            assertThatThrownBy(() -> b.createStatement().execute("INSERT INTO child VALUES (1, 42)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("FOREIGN KEY");
        }
    }

    @Test
    @DisplayName("a file that cannot be created is an error naming it")
    void unusablePath() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "not a directory");

        assertThatThrownBy(() -> Database.open(new DatabaseSettings(blocker.resolve("bot.db"), 1, Duration.ofSeconds(1))))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining(blocker.resolve("bot.db").toString());
    }
}
