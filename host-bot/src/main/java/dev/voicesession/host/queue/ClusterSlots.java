package dev.voicesession.host.queue;

import dev.voicesession.host.db.DatabaseException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pool of slots for every process of the bot that shares the PostgreSQL database ({@code queue.scope:
 * cluster}): the line is the queue's table, in arrival order across the processes, and each process grants
 * only its own requests (those of the guilds it serves), and only when they are at the head of the whole
 * line.
 *
 * <ul>
 *   <li><b>Grant rounds</b> ({@link #round(Set)}) run in one transaction under a PostgreSQL advisory lock, so
 *       two processes never decide at once: first the active rows whose lease ran out (their process died)
 *       are deleted, freeing their slots; then the free slots go to the first waiting rows of the line, and
 *       this process marks active those of them that are its own and whose status message is sent. A row of
 *       another process at the head waits for that process's next round.
 *   <li><b>Leases.</b> Every row names its owner and a lease end; the owner renews the leases of all its rows
 *       with a heartbeat every third of the lease ({@link #renew()}). A waiting row whose lease ran out keeps
 *       its place but is skipped until a process serving its guild takes it over at its start.
 *   <li><b>Prompt grants.</b> Every change of the line (a request in, out or granted, a slot taken back) is
 *       announced with {@code NOTIFY host_queue_request}; each process {@code LISTEN}s on a connection of its
 *       own and runs a round when another process announces one. The heartbeat runs a round too, so a lost
 *       notification only delays a grant.
 * </ul>
 *
 * Rounds, renewals and take-overs are called on the queue's store writer thread, in order with its writes.
 */
public final class ClusterSlots implements AutoCloseable {

    /** The channel of {@code LISTEN} and {@code NOTIFY}; the payload is the announcing process. */
    static final String CHANNEL = "host_queue_request";

    /** The advisory lock around grant decisions (any fixed number: "hostqueu" in ASCII). */
    private static final long LOCK_KEY = 0x686f737471756575L;
    private static final Duration LISTEN_POLL = Duration.ofMillis(500);
    private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ClusterSlots.class);

    /**
     * What a round decided for this process.
     *
     * @param granted this process's requests now active
     * @param positions the place of each of this process's waiting requests that is in the line: 0 for one
     *     that a free slot takes as soon as it can be granted, else its position among those that will wait
     * @param expired active rows of dead processes deleted
     */
    record Round(Set<Long> granted, Map<Long, Integer> positions, int expired) {

        /** A round that could not run: nothing granted, no position known. */
        static final Round NONE = new Round(Set.of(), Map.of(), 0);
    }

    private final DataSource dataSource;
    private final int slots;
    private final String owner;
    private final Duration lease;
    private final Clock clock;
    private final Object lifecycle = new Object();
    private ScheduledExecutorService timer;
    private Thread listener;
    private volatile boolean closed;

    /**
     * Creates the pool's view for this process.
     *
     * @param dataSource the shared PostgreSQL database, migrated
     * @param slots the slots of the whole cluster
     * @param owner names this process in the rows; unique among the running processes
     * @param lease how long a row stays this process's after a heartbeat
     * @param clock the clock of lease ends and grant times
     */
    public ClusterSlots(DataSource dataSource, int slots, String owner, Duration lease, Clock clock) {
        this.dataSource = dataSource;
        this.slots = slots;
        this.owner = owner;
        this.lease = lease;
        this.clock = clock;
    }

    /**
     * Returns this process's name in the rows.
     *
     * @return the owner
     */
    public String owner() {
        return owner;
    }

    /**
     * Returns when a lease taken now ends.
     *
     * @return now plus the lease
     */
    Instant leaseEnd() {
        return clock.instant().plus(lease);
    }

    /**
     * Takes back the slots of dead processes and grants free ones to the head of the line, where it is this
     * process's.
     *
     * @param ready this process's waiting requests that may be granted (their status message is sent)
     * @return what was decided
     * @throws DatabaseException if the database fails; nothing is decided then
     */
    Round round(Set<Long> ready) {
        long now = clock.millis();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Round round = decide(connection, ready, now);
                connection.commit();
                return round;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot run a grant round of the cluster's queue", e);
        }
    }

    private Round decide(Connection connection, Set<Long> ready, long now) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            lock.execute();
        }
        int expired = 0;
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + JdbcRequestStore.TABLE
                + " WHERE state = 'active' AND lease_expires_at < ? AND owner IS DISTINCT FROM ? RETURNING id, user_id, owner")) {
            delete.setLong(1, now);
            delete.setString(2, owner);
            try (ResultSet rs = delete.executeQuery()) {
                while (rs.next()) {
                    expired++;
                    log.warn("Request '{}' of user '{}' held a slot for process '{}', whose lease ran out; the slot is free",
                            rs.getLong("id"), rs.getString("user_id"), rs.getString("owner"));
                }
            }
        }
        int active;
        try (Statement count = connection.createStatement();
                ResultSet rs = count.executeQuery("SELECT COUNT(*) FROM " + JdbcRequestStore.TABLE
                        + " WHERE state = 'active'")) {
            rs.next();
            active = rs.getInt(1);
        }
        List<Long> line = new ArrayList<>();
        List<Boolean> mine = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, owner FROM " + JdbcRequestStore.TABLE
                + " WHERE state = 'waiting' AND (owner = ? OR lease_expires_at >= ?) ORDER BY arrival, id")) {
            select.setString(1, owner);
            select.setLong(2, now);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    line.add(rs.getLong("id"));
                    mine.add(owner.equals(rs.getString("owner")));
                }
            }
        }
        int free = Math.max(0, slots - active);
        Set<Long> granted = new LinkedHashSet<>();
        Map<Long, Integer> positions = new HashMap<>();
        for (int i = 0; i < line.size(); i++) {
            long id = line.get(i);
            if (i < free && mine.get(i) && ready.contains(id)) {
                granted.add(id);
            } else if (mine.get(i)) {
                positions.put(id, i < free ? 0 : i + 1 - free);
            }
        }
        if (!granted.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + JdbcRequestStore.TABLE
                    + " SET state = 'active', granted_at = ?, lease_expires_at = ? WHERE id = ?")) {
                for (long id : granted) {
                    update.setLong(1, now);
                    update.setLong(2, now + lease.toMillis());
                    update.setLong(3, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        if (expired > 0 || !granted.isEmpty()) {
            announce(connection);
        }
        return new Round(granted, positions, expired);
    }

    /**
     * Renews the leases of every row of this process: its heartbeat.
     *
     * @throws DatabaseException if the database fails
     */
    void renew() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + JdbcRequestStore.TABLE
                        + " SET lease_expires_at = ? WHERE owner = ?")) {
            update.setLong(1, leaseEnd().toEpochMilli());
            update.setString(2, owner);
            update.executeUpdate();
            commit(connection);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot renew the queue leases of process '" + owner + "'", e);
        }
    }

    /**
     * Makes rows this process's, for the requests of its guilds that a previous run left.
     *
     * @param ids the rows
     * @throws DatabaseException if the database fails
     */
    void takeOver(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + JdbcRequestStore.TABLE
                    + " SET owner = ?, lease_expires_at = ? WHERE id = ?")) {
                for (long id : ids) {
                    update.setString(1, owner);
                    update.setLong(2, leaseEnd().toEpochMilli());
                    update.setLong(3, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
            announce(connection);
            commit(connection);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot take over " + ids.size() + " queue request(s) for process '" + owner
                    + "'", e);
        }
    }

    /**
     * Tells the other processes that the line changed.
     *
     * @param connection a connection of the change's transaction (the notification goes out at its commit)
     * @throws SQLException if the database fails
     */
    void announce(Connection connection) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, owner);
            notify.execute();
        }
    }

    private static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /**
     * Starts the heartbeat and the listener.
     *
     * @param heartbeat renews the leases and runs a round; called every third of the lease
     * @param changed runs a round; called when another process announced a change of the line
     */
    void start(Runnable heartbeat, Runnable changed) {
        synchronized (lifecycle) {
            if (closed || timer != null) {
                return;
            }
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("host-queue-heartbeat")
                    .daemon(true).factory());
            long every = Math.max(1, lease.toMillis() / 3);
            timer.scheduleWithFixedDelay(() -> {
                try {
                    heartbeat.run();
                } catch (RuntimeException e) {
                    // a task boundary: the next heartbeat tries again
                    log.error("Queue heartbeat of process '{}' failed", owner, e);
                }
            }, every, every, TimeUnit.MILLISECONDS);
            listener = Thread.ofPlatform().name("host-queue-listener").daemon(true).start(() -> listen(changed));
        }
        log.info("Queue slots shared by the cluster: {} slot(s), process '{}', lease {} ms", slots, owner,
                lease.toMillis());
    }

    private void listen(Runnable changed) {
        while (!closed) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                commit(connection);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications((int) LISTEN_POLL.toMillis());
                    boolean others = false;
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            others |= !owner.equals(notification.getParameter());
                        }
                    }
                    if (others) {
                        changed.run();
                    }
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN *");
                }
                commit(connection);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("The queue's listener of process '{}' lost its connection; listening again in {} ms (the"
                        + " heartbeat grants meanwhile): {}", owner, RECONNECT_PAUSE.toMillis(), e.toString());
                try {
                    Thread.sleep(RECONNECT_PAUSE);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Stops the heartbeat and the listener; the leases of this process then run out unless it starts again. */
    @Override
    public void close() {
        Thread listening;
        synchronized (lifecycle) {
            closed = true;
            if (timer != null) {
                timer.shutdownNow();
            }
            listening = listener;
        }
        if (listening != null) {
            try {
                listening.join(LISTEN_POLL.multipliedBy(4));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
