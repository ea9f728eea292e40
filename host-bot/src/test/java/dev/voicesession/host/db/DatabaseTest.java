package dev.voicesession.host.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicesession.host.config.DatabaseSettings;
import dev.voicesession.testing.postgres.PostgresDatabase;
import dev.voicesession.testing.postgres.PostgresExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
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
    @DisplayName("PostgreSQL: database.url selects it; foreign keys are enforced on every pooled connection")
    void postgresPool(PostgresDatabase pg) throws SQLException {
        DatabaseSettings settings = DatabaseSettings.postgres(pg.url(), pg.user(), pg.password(), 3);

        try (Database database = Database.open(settings);
                Connection a = database.dataSource().getConnection();
                Connection b = database.dataSource().getConnection()) {
            a.createStatement().execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
            a.createStatement().execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL"
                    + " REFERENCES parent(id))");

            assertThatThrownBy(() -> b.createStatement().execute("INSERT INTO child VALUES (1, 42)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("foreign key");
            assertThat(database.isPostgres()).isTrue();
            assertThat(database.location()).isEqualTo(pg.url());
            assertThat(b.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
        }
        assertThat(settings.toString()).contains(pg.url()).doesNotContain(pg.password());
    }

    @Test
    @DisplayName("PostgreSQL refusing the password: one message naming url and user, saying what to check, no password")
    void postgresWrongPassword(PostgresDatabase pg) {
        String secret = "not-the-password-" + System.nanoTime();

        assertThatThrownBy(() -> Database.open(DatabaseSettings.postgres(pg.url(), pg.user(), secret, 2)))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("PostgreSQL at '" + pg.url() + "' refused user '" + pg.user() + "'")
                .hasMessageContaining("database.password")
                .hasMessageNotContaining(secret);
    }

    @Test
    @DisplayName("PostgreSQL not listening: one message naming the url (password parameter masked) and the fix")
    void postgresUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/voice?password=hunter2&connectTimeout=2";

        assertThatThrownBy(() -> Database.open(DatabaseSettings.postgres(url, "bot", "s3cret-pw", 2)))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("Cannot reach PostgreSQL at 'jdbc:postgresql://127.0.0.1:" + closedPort
                        + "/voice?password=***&connectTimeout=2'")
                .hasMessageContaining("start the server")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("s3cret-pw");
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

    private static DatabaseSettings settings(Path file) {
        return new DatabaseSettings(file, 2, Duration.ofMillis(300));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static void seed(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = connection.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            for (int i = 0; i < 200; i++) {
                st.execute("INSERT INTO t (v) VALUES ('" + "x".repeat(100) + i + "')");
            }
        }
    }

    @Test
    @DisplayName("a file that is not a database: refused, the message says corrupt and how to recover")
    void notADatabase() throws Exception {
        Path file = dir.resolve("garbage.db");
        Files.write(file, "this is not an SQLite file at all, just text that is long enough".repeat(100).getBytes());
        String before = sha256(file);

        assertThatThrownBy(() -> Database.open(settings(file)))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is corrupt")
                .hasMessageContaining("restore it from a backup");
        assertThat(sha256(file)).as("the file is left as it was").isEqualTo(before);
    }

    @Test
    @DisplayName("a database with damaged pages: refused by the integrity check, the file left as it is")
    void damagedPages() throws Exception {
        Path file = dir.resolve("damaged.db");
        seed(file);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.seek(4096);
            byte[] garbage = new byte[(int) out.length() - 4096];
            new Random(7).nextBytes(garbage);
            out.write(garbage);
        }
        String before = sha256(file);

        assertThatThrownBy(() -> Database.open(settings(file)))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is corrupt");
        assertThat(sha256(file)).as("the file is left as it was").isEqualTo(before);
    }

    @Test
    @DisplayName("a database another process holds a write lock on: refused, the message says locked and what to do")
    void locked() throws Exception {
        Path file = dir.resolve("locked.db");
        seed(file);
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = other.createStatement()) {
            st.execute("BEGIN IMMEDIATE");

            assertThatThrownBy(() -> Database.open(settings(file)))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("is locked by another process")
                    .hasMessageContaining("database.busyTimeout");
            st.execute("ROLLBACK");
        }
        Database.open(settings(file)).close();
    }

    @Test
    @DisplayName("the write check leaves a sound file as it was")
    void writeCheckWritesNothing() throws Exception {
        Path file = dir.resolve("sound.db");
        seed(file);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = connection.createStatement()) {
            st.execute("PRAGMA user_version = 7");
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        String before = sha256(file);

        Database.open(settings(file)).close();

        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(pragma(connection, "user_version")).isEqualTo("7");
        }
        assertThat(sha256(file)).isEqualTo(before);
    }
}
