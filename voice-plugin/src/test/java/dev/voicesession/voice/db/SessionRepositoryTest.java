package dev.voicesession.voice.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicesession.voice.model.EndReason;
import dev.voicesession.voice.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(TestDatabase.Kind.class)
class SessionRepositoryTest {

    private static final long USER = 1_234_567_890_123_456_789L;
    private static final long GUILD = 111;
    private static final Instant NOW = Instant.parse("2026-11-24T19:04:05.123Z");

    @Parameter
    TestDatabase.Kind kind;

    @TempDir
    Path dir;

    private TestDatabase database;
    private SessionRepository repository;

    @BeforeEach
    void setUp() {
        database = TestDatabase.migrated(kind, dir);
        repository = database.repository();
    }

    @Test
    @DisplayName("a claim is active, has no channel yet and keeps its category, status message and time")
    void claim() {
        long id = repository.insertClaim(USER, GUILD, 55, 66, 77, NOW);

        SessionRow row = repository.findById(id).orElseThrow();
        assertThat(row.isClaim()).isTrue();
        assertThat(row.isActive()).isTrue();
        assertThat(row.channelId()).isZero();
        assertThat(row.userId()).isEqualTo(USER);
        assertThat(row.guildId()).isEqualTo(GUILD);
        assertThat(row.categoryId()).isEqualTo(55);
        assertThat(row.statusChannelId()).isEqualTo(66);
        assertThat(row.statusMessageId()).isEqualTo(77);
        assertThat(row.hasStatusMessage()).isTrue();
        assertThat(row.createdAt()).isEqualTo(NOW);
    }

    @Test
    @DisplayName("recording the channel makes the session findable by user and by channel")
    void createSession() {
        long id = repository.insertClaim(USER, GUILD, 0, 0, 0, NOW);
        assertThat(repository.recordChannel(id, 999)).isTrue();

        assertThat(repository.findActiveByUser(USER)).map(SessionRow::id).contains(id);
        assertThat(repository.findActiveByChannel(999)).map(SessionRow::state).contains(SessionRow.ACTIVE);
        assertThat(repository.findAllActive()).extracting(SessionRow::id).containsExactly(id);
        assertThat(repository.findActiveByGuild(GUILD)).hasSize(1);
        assertThat(repository.isKnownChannel(999)).isTrue();
    }

    @Test
    @DisplayName("ending a session sets ended_at and the reason, once; it is no longer active")
    void endSession() {
        long id = repository.insertClaim(USER, GUILD, 0, 0, 0, NOW);
        repository.recordChannel(id, 999);
        Instant end = NOW.plus(5, ChronoUnit.MINUTES);

        assertThat(repository.endSession(id, EndReason.TIMEOUT, end, end)).isTrue();
        assertThat(repository.endSession(id, EndReason.CLOSED, end, end)).as("second end").isFalse();

        SessionRow row = repository.findById(id).orElseThrow();
        assertThat(row.endedAt()).isEqualTo(end);
        assertThat(row.endReason()).isEqualTo("timeout");
        assertThat(row.channelDeletedAt()).isEqualTo(end);
        assertThat(repository.findActiveByUser(USER)).isEmpty();
        assertThat(repository.findActiveByChannel(999)).isEmpty();
        assertThat(repository.findUnreconciled(GUILD)).isEmpty();
    }

    @Test
    @DisplayName("an ended row whose channel was not confirmed gone stays unreconciled until marked")
    void flaggedChannel() {
        long id = repository.insertClaim(USER, GUILD, 0, 0, 0, NOW);
        repository.recordChannel(id, 999);
        repository.endSession(id, EndReason.USER_LEFT, NOW, null);

        assertThat(repository.findUnreconciled(GUILD)).extracting(SessionRow::id).containsExactly(id);
        repository.markChannelDeleted(id, NOW);
        assertThat(repository.findUnreconciled(GUILD)).isEmpty();
    }

    @Test
    @DisplayName("a user has at most one active session per guild")
    void oneActivePerUserAndGuild() {
        repository.insertClaim(USER, GUILD, 0, 0, 0, NOW);

        assertThatThrownBy(() -> repository.insertClaim(USER, GUILD, 0, 0, 0, NOW))
                .isInstanceOf(VoiceDatabaseException.class)
                .hasMessageContaining(Long.toString(USER));
        assertThat(repository.insertClaim(USER, GUILD + 1, 0, 0, 0, NOW)).isPositive();
    }

    @Test
    @DisplayName("a broken table gives a typed exception naming the operation and ids")
    void typedFailure() {
        database.execute("ALTER TABLE voice_sessions RENAME TO voice_sessions_gone");

        assertThatThrownBy(() -> repository.insertClaim(USER, GUILD, 0, 0, 0, NOW))
                .isInstanceOf(VoiceDatabaseException.class)
                .hasMessageContaining("insert claim for user '" + USER + "' in guild '" + GUILD + "'");
    }

    @Test
    @DisplayName("rows written with the column default (CURRENT_TIMESTAMP) read back as UTC")
    void defaultTimestamp() {
        database.execute("INSERT INTO voice_sessions (user_id, guild_id, channel_id, state) VALUES ('5', '6', '7', 'active')");

        SessionRow row = repository.findActiveByChannel(7).orElseThrow();
        assertThat(row.createdAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(row.state()).isEqualTo(SessionRow.ACTIVE);
    }

    @Test
    @DisplayName("the columns say what they hold: a claim has no channel id and reads 'creating', then 'active', then 'ended'")
    void rowsSayWhatTheyMean() throws SQLException {
        long id = repository.insertClaim(USER, GUILD, 0, 0, 0, NOW);
        assertThat(stored(id)).containsExactly(null, "creating");

        repository.recordChannel(id, 999);
        assertThat(stored(id)).containsExactly("999", "active");

        repository.endSession(id, EndReason.USER_LEFT, NOW, NOW);
        assertThat(stored(id)).containsExactly("999", "ended");
        assertThat(repository.findById(id).orElseThrow().state()).isEqualTo(SessionRow.ENDED);
    }

    @Test
    @DisplayName("an ended claim stays a claim until the channel it created is recorded; then it names it and stays ended")
    void endedClaimRecordsFoundChannel() throws SQLException {
        long id = repository.insertClaim(USER, GUILD, 0, 0, 0, NOW);
        repository.endSession(id, EndReason.CREATE_FAILED, NOW, null);
        assertThat(repository.findById(id).orElseThrow().isClaim()).isTrue();

        assertThat(repository.recordChannel(id, 4242)).isTrue();
        assertThat(repository.recordChannel(id, 4343)).as("a row names one channel").isFalse();

        assertThat(stored(id)).containsExactly("4242", "ended");
        SessionRow row = repository.findById(id).orElseThrow();
        assertThat(row.isClaim()).isFalse();
        assertThat(row.isActive()).isFalse();
        assertThat(repository.isKnownChannel(4242)).isTrue();
    }

    @Test
    @DisplayName("the state column accepts only creating, active and ended")
    void stateChecked() {
        assertThatThrownBy(() -> database.execute(
                "INSERT INTO voice_sessions (user_id, guild_id, channel_id, state) VALUES ('5', '6', '7', 'open')"))
                .isInstanceOf(IllegalStateException.class)
                .cause()
                .isInstanceOf(SQLException.class);
    }

    /** The row's raw channel_id and state columns. */
    private List<String> stored(long id) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT channel_id, state FROM voice_sessions WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                assertThat(rs.next()).as("row " + id + " exists").isTrue();
                return Arrays.asList(rs.getString(1), rs.getString(2));
            }
        }
    }
}
