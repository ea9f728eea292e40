package dev.voicesession.host.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicesession.host.db.HostMigrations;
import dev.voicesession.host.support.HostTestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(HostTestDatabase.Kind.class)
class JdbcRequestStoreTest {

    private static final long USER = 1_234_567_890_123_456_789L;
    private static final long GUILD = 987_654_321_098_765_432L;
    private static final long CHANNEL = 555_555_555_555_555_555L;
    private static final Instant NOW = Instant.parse("2026-11-24T19:04:05.123Z");

    @Parameter
    HostTestDatabase.Kind kind;

    @TempDir
    Path dir;

    private HostTestDatabase database;
    private JdbcRequestStore store;

    @BeforeEach
    void setUp() {
        database = HostTestDatabase.migrated(kind, dir);
        store = new JdbcRequestStore(database.dataSource());
    }

    private static StoredRequest waiting(long userId, long arrival, CommandRef command) {
        return new StoredRequest(0, "voice", userId, "user" + userId, GUILD, CHANNEL, arrival,
                StoredRequest.State.WAITING, NOW, null, command, null);
    }

    @Test
    @DisplayName("the host's schema has its own history table and migrating again changes nothing")
    void migrations() {
        assertThat(HostMigrations.migrate(database.dataSource())).isEqualTo("3");
        assertThat(database.number("SELECT COUNT(*) FROM " + HostMigrations.HISTORY_TABLE + " WHERE success"
                + (kind == HostTestDatabase.Kind.SQLITE ? " = 1" : ""))).as("V1 queue, V2 identify buckets, V3 leases")
                .isEqualTo(3);
        assertThat(database.number("SELECT COUNT(*) FROM " + JdbcRequestStore.TABLE)).isZero();
    }

    @Test
    @DisplayName("a stored request reads back as it was written, ids and snowflakes included")
    void roundTrip() {
        Instant expires = NOW.plusSeconds(900);
        long prefix = store.insert(waiting(USER, 10, new CommandRef.PrefixCommand(111_111_111_111_111_111L)));
        long slash = store.insert(waiting(USER + 1, 20, new CommandRef.SlashCommand(222, "secret-token", expires)));
        long none = store.insert(waiting(USER + 2, 30, CommandRef.NONE));

        List<StoredRequest> rows = store.list(StoredRequest.State.WAITING);

        assertThat(rows).extracting(StoredRequest::id).containsExactly(prefix, slash, none);
        assertThat(prefix).isPositive();
        StoredRequest first = rows.getFirst();
        assertThat(first).isEqualTo(new StoredRequest(prefix, "voice", USER, "user" + USER, GUILD, CHANNEL, 10,
                StoredRequest.State.WAITING, NOW, null, new CommandRef.PrefixCommand(111_111_111_111_111_111L), null));
        assertThat(rows.get(1).command()).isEqualTo(new CommandRef.SlashCommand(222, "secret-token", expires));
        assertThat(rows.get(2).command()).isEqualTo(CommandRef.NONE);
    }

    @Test
    @DisplayName("the line is ordered by arrival, then by id, whatever the order of the inserts")
    void lineOrder() {
        long late = store.insert(waiting(3, 300, CommandRef.NONE));
        long early = store.insert(waiting(1, 100, CommandRef.NONE));
        long tieFirst = store.insert(waiting(2, 200, CommandRef.NONE));
        long tieSecond = store.insert(waiting(4, 200, CommandRef.NONE));

        assertThat(store.list(StoredRequest.State.WAITING)).extracting(StoredRequest::id)
                .containsExactly(early, tieFirst, tieSecond, late);
        assertThat(store.position(store.findByUser(4).orElseThrow())).isEqualTo(3);
    }

    @Test
    @DisplayName("one request per user: a second row for the same user is refused, naming the first")
    void onePerUser() {
        long first = store.insert(waiting(USER, 10, CommandRef.NONE));

        assertThatThrownBy(() -> store.insert(waiting(USER, 20, CommandRef.NONE)))
                .isInstanceOfSatisfying(DuplicateRequestException.class,
                        e -> assertThat(e.existing().id()).isEqualTo(first));

        store.delete(first);
        assertThat(store.insert(waiting(USER, 30, CommandRef.NONE))).isGreaterThan(first);
    }

    @Test
    @DisplayName("the status message and the grant are recorded; a granted request leaves the line")
    void lifeOfARow() {
        long id = store.insert(waiting(USER, 10, CommandRef.NONE));
        long other = store.insert(waiting(USER + 1, 20, CommandRef.NONE));
        StatusRef status = new StatusRef(StatusRef.Kind.ORIGINAL, CHANNEL, 777_777_777_777_777_777L);

        store.recordStatus(id, status);
        store.markActive(id, NOW.plusSeconds(5));

        StoredRequest active = store.findByUser(USER).orElseThrow();
        assertThat(active.status()).isEqualTo(status);
        assertThat(active.state()).isEqualTo(StoredRequest.State.ACTIVE);
        assertThat(active.grantedAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(store.list(StoredRequest.State.ACTIVE)).extracting(StoredRequest::id).containsExactly(id);
        assertThat(store.list(StoredRequest.State.WAITING)).extracting(StoredRequest::id).containsExactly(other);
        assertThat(store.position(store.findByUser(USER + 1).orElseThrow())).isEqualTo(1);

        store.delete(id);
        assertThat(store.findByUser(USER)).isEmpty();
        assertThat(database.queueRows()).extracting(HostTestDatabase.QueueRow::id).containsExactly(other);
    }

    @Test
    @DisplayName("an interaction token is stored (it is needed after a restart) but never shown by toString")
    void tokenHidden() {
        store.insert(waiting(USER, 10, new CommandRef.SlashCommand(222, "secret-token", NOW.plusSeconds(900))));

        StoredRequest row = store.findByUser(USER).orElseThrow();

        assertThat(row.toString()).doesNotContain("secret-token").contains("token=***");
        assertThat(((CommandRef.SlashCommand) row.command()).token()).isEqualTo("secret-token");
    }
}
