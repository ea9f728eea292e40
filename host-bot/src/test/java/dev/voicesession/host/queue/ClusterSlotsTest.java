package dev.voicesession.host.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.host.support.HostTestDatabase;
import dev.voicesession.host.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grant rounds of two processes, A and B, sharing one PostgreSQL database and one slot: each process is a
 * {@link ClusterSlots} with its store; the clock is the test's.
 */
class ClusterSlotsTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final long GUILD = 400;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private HostTestDatabase database;
    private ClusterSlots a;
    private ClusterSlots b;
    private JdbcRequestStore storeA;
    private JdbcRequestStore storeB;
    private long arrival;

    @BeforeEach
    void setUp() {
        database = HostTestDatabase.migrated(HostTestDatabase.Kind.POSTGRESQL, dir);
        a = new ClusterSlots(database.dataSource(), 1, "A", LEASE, clock);
        b = new ClusterSlots(database.dataSource(), 1, "B", LEASE, clock);
        storeA = new JdbcRequestStore(database.dataSource(), a);
        storeB = new JdbcRequestStore(database.dataSource(), b);
    }

    @AfterEach
    void tearDown() {
        a.close();
        b.close();
    }

    private long insert(JdbcRequestStore store, long userId) {
        return store.insert(new StoredRequest(0, "voice", userId, "user" + userId, GUILD, 500, ++arrival,
                StoredRequest.State.WAITING, clock.instant(), null, CommandRef.NONE, null));
    }

    private String state(long id) {
        return database.queueRows().stream().filter(row -> row.id() == id).map(HostTestDatabase.QueueRow::state)
                .findFirst().orElse("gone");
    }

    @Test
    @DisplayName("one slot for both processes, first in, first out across them: a process grants only its own"
            + " requests, and only at the head of the whole line")
    void fifoAcrossProcesses() {
        long a1 = insert(storeA, 1);
        long b1 = insert(storeB, 2);
        long a2 = insert(storeA, 3);
        long b2 = insert(storeB, 4);

        ClusterSlots.Round roundA = a.round(Set.of(a1, a2));
        ClusterSlots.Round roundB = b.round(Set.of(b1, b2));

        assertThat(roundA.granted()).containsExactly(a1);
        assertThat(roundA.positions()).isEqualTo(Map.of(a2, 2));
        assertThat(roundB.granted()).as("the slot is taken").isEmpty();
        assertThat(roundB.positions()).isEqualTo(Map.of(b1, 1, b2, 3));

        storeA.delete(a1);
        ClusterSlots.Round afterA = a.round(Set.of(a2));
        assertThat(afterA.granted()).as("b1 is first in line, and it is B's").isEmpty();
        assertThat(afterA.positions()).isEqualTo(Map.of(a2, 1));
        assertThat(b.round(Set.of(b1, b2)).granted()).containsExactly(b1);
        assertThat(state(b1)).isEqualTo("active");
        assertThat(database.number("SELECT COUNT(*) FROM host_queue_request WHERE state = 'active'")).isEqualTo(1);
    }

    @Test
    @DisplayName("a request whose status message is not sent yet holds its place: nobody behind it is granted")
    void notReadyHoldsItsPlace() {
        long a1 = insert(storeA, 1);
        long b1 = insert(storeB, 2);

        assertThat(b.round(Set.of(b1)).granted()).isEmpty();
        assertThat(a.round(Set.of()).positions()).isEqualTo(Map.of(a1, 0));
        assertThat(a.round(Set.of(a1)).granted()).containsExactly(a1);
    }

    @Test
    @DisplayName("the slot of a process that died is taken back once its lease ran out; its waiting requests are"
            + " skipped, and a live process's own rows never expire in its own rounds")
    void deadHolder() {
        long b1 = insert(storeB, 2);
        assertThat(b.round(Set.of(b1)).granted()).containsExactly(b1);
        long b2 = insert(storeB, 4);
        long a1 = insert(storeA, 1);
        assertThat(a.round(Set.of(a1)).granted()).isEmpty();

        // B dies: no more heartbeats. A keeps renewing.
        clock.advance(LEASE.minusSeconds(1));
        a.renew();
        assertThat(a.round(Set.of(a1)).granted()).as("B's lease has not run out").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(b.round(Set.of()).expired()).as("its own rounds never take B's slot").isZero();
        ClusterSlots.Round round = a.round(Set.of(a1));

        assertThat(round.expired()).isEqualTo(1);
        assertThat(round.granted()).as("b2, before a1 in line, is skipped while nobody holds it").containsExactly(a1);
        assertThat(state(b1)).isEqualTo("gone");
        assertThat(state(b2)).isEqualTo("waiting");

        b.takeOver(java.util.List.of(b2));
        assertThat(a.round(Set.of()).positions()).as("taken over, b2 is back in line").isEmpty();
        assertThat(b.round(Set.of(b2)).positions()).isEqualTo(Map.of(b2, 1));
    }

    @Test
    @DisplayName("a change of the line in one process reaches the others at once through LISTEN/NOTIFY, never itself")
    void notifications() {
        AtomicInteger heardByA = new AtomicInteger();
        AtomicInteger heardByB = new AtomicInteger();
        a.start(() -> { }, heardByA::incrementAndGet);
        b.start(() -> { }, heardByB::incrementAndGet);
        await().pollDelay(Duration.ofMillis(700)).until(() -> true);

        long b1 = insert(storeB, 2);

        await().atMost(Duration.ofSeconds(5)).until(() -> heardByA.get() >= 1);
        storeB.delete(b1);
        await().atMost(Duration.ofSeconds(5)).until(() -> heardByA.get() >= 2);
        assertThat(heardByB).hasValue(0);
    }
}
