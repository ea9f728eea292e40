package dev.voicesession.voice.testing;

import dev.voicesession.voice.db.SessionRepository;
import dev.voicesession.voice.db.VoiceMigrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** A real SQLite file in a temporary directory, migrated like the plugin does at start. */
public final class TestDatabase {

    private final SQLiteDataSource dataSource;

    private TestDatabase(SQLiteDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the database without migrating it. */
    public static TestDatabase empty(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(5000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + directory.resolve("bot.db"));
        return new TestDatabase(dataSource);
    }

    /** Creates and migrates the database. */
    public static TestDatabase migrated(Path directory) {
        TestDatabase database = empty(directory);
        database.migrate();
        return database;
    }

    public String migrate() {
        return VoiceMigrations.migrate(dataSource, TestDatabase.class.getClassLoader());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SessionRepository repository() {
        return SessionRepository.create(dataSource);
    }

    /** Runs a statement directly, for setting up or breaking things. */
    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run: " + sql, e);
        }
    }
}
