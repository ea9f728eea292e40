package dev.voicesession.voice.db;

import dev.voicesession.voice.model.EndReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/**
 * The voice session table, over MyBatis and the host's data source. Every call is one auto-committed
 * statement; every failure is a {@link VoiceDatabaseException} naming the operation and its ids.
 * Never call this on a JDA event thread.
 */
public final class SessionRepository {

    private final SqlSessionFactory factory;

    private SessionRepository(SqlSessionFactory factory) {
        this.factory = factory;
    }

    /**
     * Builds the repository over a data source whose schema is migrated.
     *
     * @param dataSource the host's data source; never closed here
     * @return the repository
     */
    public static SessionRepository create(DataSource dataSource) {
        DatabaseVendor vendor = DatabaseVendor.of(dataSource);
        Configuration configuration = new Configuration(new Environment("voice", new JdbcTransactionFactory(), dataSource));
        // A statement whose SQL must differ between databases carries databaseId "sqlite" or "postgresql";
        // today none does.
        configuration.setDatabaseId(vendor.id());
        configuration.getTypeHandlerRegistry().register(Instant.class, vendor == DatabaseVendor.POSTGRESQL
                ? new InstantTimestampTypeHandler()
                : new InstantTextTypeHandler());
        configuration.addMapper(VoiceSessionMapper.class);
        return new SessionRepository(new SqlSessionFactoryBuilder().build(configuration));
    }

    /**
     * Writes the claim for a session about to create its channel, with where its status message is.
     *
     * @param categoryId the category the channel goes into, or 0 for none
     * @param statusChannelId the status message's channel, or 0 if unknown
     * @param statusMessageId the status message, or 0 if unknown
     * @return the row id
     */
    public long insertClaim(
            long userId, long guildId, long categoryId, long statusChannelId, long statusMessageId, Instant createdAt) {
        return call(
                "insert claim for user '" + userId + "' in guild '" + guildId + "'",
                m -> m.insertClaim(id(userId), id(guildId), optionalId(categoryId), optionalId(statusChannelId),
                        optionalId(statusMessageId), createdAt));
    }

    /**
     * Records the channel a claim created, or the one reconciliation found for a claim a crash left: the
     * row's channel id is set if it had none, and an active row becomes {@value SessionRow#ACTIVE}.
     *
     * @return {@code true} if the row was still a claim
     */
    public boolean recordChannel(long rowId, long channelId) {
        return call("record channel '" + channelId + "' on session '" + rowId + "'",
                        m -> m.recordChannel(rowId, id(channelId)))
                == 1;
    }

    /**
     * Ends an active session.
     *
     * @param channelDeletedAt when the channel was confirmed gone, or {@code null} if it may remain
     * @return {@code true} if the row was active
     */
    public boolean endSession(long rowId, EndReason reason, Instant endedAt, Instant channelDeletedAt) {
        return call("end session '" + rowId + "' with reason '" + reason.code() + "'",
                        m -> m.endSession(rowId, reason.code(), endedAt, channelDeletedAt))
                == 1;
    }

    /** Marks a row's channel as confirmed gone. */
    public void markChannelDeleted(long rowId, Instant at) {
        call("mark channel of session '" + rowId + "' deleted", m -> m.markChannelDeleted(rowId, at));
    }

    /** Reads one row. */
    public Optional<SessionRow> findById(long rowId) {
        return Optional.ofNullable(call("read session '" + rowId + "'", m -> m.findById(rowId)));
    }

    /** Returns the user's active session, the newest if there are several. */
    public Optional<SessionRow> findActiveByUser(long userId) {
        return call("find active session of user '" + userId + "'", m -> m.findActiveByUser(id(userId))).stream()
                .findFirst();
    }

    /** Returns the active session on a channel. */
    public Optional<SessionRow> findActiveByChannel(long channelId) {
        return call("find active session on channel '" + channelId + "'", m -> m.findActiveByChannel(id(channelId)))
                .stream()
                .findFirst();
    }

    /** Returns every active session. */
    public List<SessionRow> findAllActive() {
        return call("list active sessions", VoiceSessionMapper::findAllActive);
    }

    /** Returns the active sessions of one guild. */
    public List<SessionRow> findActiveByGuild(long guildId) {
        return call("list active sessions of guild '" + guildId + "'", m -> m.findActiveByGuild(id(guildId)));
    }

    /** Returns the rows of a guild that are active or whose channel is not confirmed gone. */
    public List<SessionRow> findUnreconciled(long guildId) {
        return call("list unreconciled sessions of guild '" + guildId + "'", m -> m.findUnreconciled(id(guildId)));
    }

    /** Returns the newest rows, active or ended, oldest first. */
    public List<SessionRow> findRecent(int limit) {
        List<SessionRow> newestFirst = call("list recent sessions", m -> m.findRecent(limit));
        return newestFirst.reversed();
    }

    /** Tells whether any row, ended or not, names the channel. */
    public boolean isKnownChannel(long channelId) {
        return call("look up channel '" + channelId + "'", m -> m.countByChannel(id(channelId))) > 0;
    }

    private <T> T call(String operation, Function<VoiceSessionMapper, T> work) {
        try (SqlSession session = factory.openSession(true)) {
            return work.apply(session.getMapper(VoiceSessionMapper.class));
        } catch (PersistenceException e) {
            throw new VoiceDatabaseException("Cannot " + operation, e);
        }
    }

    private static String id(long snowflake) {
        return Long.toUnsignedString(snowflake);
    }

    /** An optional id column: NULL for 0. */
    private static String optionalId(long snowflake) {
        return snowflake == 0 ? null : id(snowflake);
    }
}
