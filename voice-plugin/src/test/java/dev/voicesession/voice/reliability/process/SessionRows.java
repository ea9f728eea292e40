package dev.voicesession.voice.reliability.process;

import dev.voicesession.voice.testing.StoredSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
}
