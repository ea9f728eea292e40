package dev.voicesession.voice.reliability.process;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Another process's hold on the host's SQLite file: a connection from the test JVM (a process other than
 * the host) that keeps a lock until closed.
 */
final class DatabaseHolder implements AutoCloseable {

    private final Connection connection;

    private DatabaseHolder(Connection connection) {
        this.connection = connection;
    }

    /**
     * Takes the write lock ({@code BEGIN IMMEDIATE}): the host can still read, but every write waits for
     * its busy timeout and fails with SQLITE_BUSY.
     */
    static DatabaseHolder writeLock(Path file) {
        return open(file, false);
    }

    /**
     * Takes the whole file ({@code locking_mode=EXCLUSIVE} and a write): the host can neither read nor
     * write it.
     */
    static DatabaseHolder exclusive(Path file) {
        return open(file, true);
    }

    private static DatabaseHolder open(Path file, boolean exclusive) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement st = connection.createStatement()) {
                if (exclusive) {
                    st.execute("PRAGMA locking_mode = EXCLUSIVE");
                }
                st.execute("BEGIN IMMEDIATE");
                // a write, so that an exclusive-mode connection keeps its exclusive lock
                st.execute("CREATE TABLE IF NOT EXISTS reliability_lock_probe (x INTEGER)");
            }
            return new DatabaseHolder(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot lock '" + file + "'", e);
        }
    }

    /** Rolls back and closes: the lock is gone and nothing of the holder's stays in the file. */
    @Override
    public void close() {
        try (connection) {
            try (Statement st = connection.createStatement()) {
                st.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot release the database lock", e);
        }
    }
}
