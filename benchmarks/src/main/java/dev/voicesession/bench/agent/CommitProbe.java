package dev.voicesession.bench.agent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteUpdateListener;

/**
 * Times when each change to a {@code voice_sessions} row is committed, through SQLite's update and commit
 * hooks on every pooled connection: the update hook notes the row id, the commit hook stamps the noted rows
 * with {@link System#nanoTime()}. The last commit of a session's row is the one that wrote {@code ended_at}.
 *
 * <p>Hooks are per physical connection, so {@link #install} borrows as many connections as the pool may hold
 * at once (making the pool open them) and hooks each one not hooked yet. A connection the pool opens later
 * (after retiring an idle one) has no hook until {@code install} runs again; the benchmark runs it before
 * each scenario and reports rows without a commit time.
 */
final class CommitProbe {
    private static final Logger LOG = LoggerFactory.getLogger(CommitProbe.class);
    private static final String TABLE = "voice_sessions";

    private final LongRecords commits = new LongRecords(2, 1 << 12);
    private final Set<SQLiteConnection> hooked = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Hooks every connection of the pool; returns how many connections carry hooks now. */
    synchronized int install(DataSource dataSource, int poolSize) {
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < poolSize; i++) {
                Connection connection = dataSource.getConnection();
                borrowed.add(connection);
                SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
                if (hooked.add(sqlite)) {
                    hook(sqlite);
                }
            }
        } catch (SQLException e) {
            LOG.warn("Could only hook {} of {} pooled connections", borrowed.size(), poolSize, e);
        } finally {
            for (Connection connection : borrowed) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.warn("Could not return a connection to the pool", e);
                }
            }
        }
        return hooked.size();
    }

    private void hook(SQLiteConnection connection) {
        List<Long> pending = new ArrayList<>();
        connection.addUpdateListener((SQLiteUpdateListener) (type, database, table, rowId) -> {
            if (TABLE.equals(table)) {
                synchronized (pending) {
                    pending.add(rowId);
                }
            }
        });
        connection.addCommitListener(new SQLiteCommitListener() {
            @Override
            public void onCommit() {
                long now = System.nanoTime();
                synchronized (pending) {
                    for (long rowId : pending) {
                        commits.add(rowId, now);
                    }
                    pending.clear();
                }
            }

            @Override
            public void onRollback() {
                synchronized (pending) {
                    pending.clear();
                }
            }
        });
    }

    /** Rows of {@code [rowId, commitNanos]}, forgotten once returned. */
    long[][] drain() {
        return commits.drain();
    }
}
