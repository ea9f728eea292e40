package dev.voicesession.voice.db;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Results;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * MyBatis mapper for {@code voice_sessions}. Ids are passed as text (the columns are {@code TEXT});
 * timestamps go through the {@link Instant} handler {@link SessionRepository} registers for the database
 * ({@link InstantTextTypeHandler} on SQLite, {@link InstantTimestampTypeHandler} on PostgreSQL). The SQL
 * is plain ANSI apart from {@code RETURNING}, which SQLite (3.35+) and PostgreSQL both support, so no
 * statement needs a {@code databaseId} variant. Active means {@code ended_at IS NULL}.
 */
public interface VoiceSessionMapper {

    /** The columns every query reads, in {@link SessionRow} order. */
    String COLUMNS = "id, user_id, guild_id, channel_id, created_at, ended_at, end_reason, state, category_id,"
            + " channel_deleted_at, status_channel_id, status_message_id";

    /**
     * Writes a claim before the channel is created: state {@code creating}, no channel id.
     *
     * @return the new row id
     */
    @Select("INSERT INTO voice_sessions (user_id, guild_id, created_at, state, category_id,"
            + " status_channel_id, status_message_id) VALUES (#{userId}, #{guildId}, #{createdAt}, 'creating',"
            + " #{categoryId}, #{statusChannelId}, #{statusMessageId}) RETURNING id")
    @Options(flushCache = Options.FlushCachePolicy.TRUE, useCache = false)
    long insertClaim(
            @Param("userId") String userId,
            @Param("guildId") String guildId,
            @Param("categoryId") String categoryId,
            @Param("statusChannelId") String statusChannelId,
            @Param("statusMessageId") String statusMessageId,
            @Param("createdAt") Instant createdAt);

    /** Records the channel of a claim (one without a channel id); an active claim becomes {@code active}. */
    @Update("UPDATE voice_sessions SET channel_id = #{channelId},"
            + " state = CASE WHEN ended_at IS NULL THEN 'active' ELSE state END"
            + " WHERE id = #{id} AND channel_id IS NULL")
    int recordChannel(@Param("id") long id, @Param("channelId") String channelId);

    /** Ends an active session. */
    @Update("UPDATE voice_sessions SET state = 'ended', ended_at = #{endedAt}, end_reason = #{reason},"
            + " channel_deleted_at = #{channelDeletedAt} WHERE id = #{id} AND ended_at IS NULL")
    int endSession(
            @Param("id") long id,
            @Param("reason") String reason,
            @Param("endedAt") Instant endedAt,
            @Param("channelDeletedAt") Instant channelDeletedAt);

    /** Marks the channel of a row as confirmed gone. */
    @Update("UPDATE voice_sessions SET channel_deleted_at = #{at} WHERE id = #{id} AND channel_deleted_at IS NULL")
    int markChannelDeleted(@Param("id") long id, @Param("at") Instant at);

    /** Reads one row. */
    @Select("SELECT " + COLUMNS + " FROM voice_sessions WHERE id = #{id}")
    @Results(id = "sessionRow")
    @ConstructorArgs({
        @Arg(column = "id", javaType = long.class),
        @Arg(column = "user_id", javaType = long.class, typeHandler = SnowflakeTypeHandler.class),
        @Arg(column = "guild_id", javaType = long.class, typeHandler = SnowflakeTypeHandler.class),
        @Arg(column = "channel_id", javaType = long.class, typeHandler = SnowflakeTypeHandler.class),
        @Arg(column = "created_at", javaType = Instant.class),
        @Arg(column = "ended_at", javaType = Instant.class),
        @Arg(column = "end_reason", javaType = String.class),
        @Arg(column = "state", javaType = String.class),
        @Arg(column = "category_id", javaType = long.class, typeHandler = SnowflakeTypeHandler.class),
        @Arg(column = "channel_deleted_at", javaType = Instant.class),
        @Arg(column = "status_channel_id", javaType = long.class, typeHandler = SnowflakeTypeHandler.class),
        @Arg(column = "status_message_id", javaType = long.class, typeHandler = SnowflakeTypeHandler.class)
    })
    SessionRow findById(@Param("id") long id);

    /** Active sessions of a user, newest first. */
    @Select("SELECT " + COLUMNS + " FROM voice_sessions WHERE user_id = #{userId} AND ended_at IS NULL"
            + " ORDER BY id DESC")
    @ResultMap("sessionRow")
    List<SessionRow> findActiveByUser(@Param("userId") String userId);

    /** Active sessions on a channel, newest first. */
    @Select("SELECT " + COLUMNS + " FROM voice_sessions WHERE channel_id = #{channelId} AND ended_at IS NULL"
            + " ORDER BY id DESC")
    @ResultMap("sessionRow")
    List<SessionRow> findActiveByChannel(@Param("channelId") String channelId);

    /** Every active session. */
    @Select("SELECT " + COLUMNS + " FROM voice_sessions WHERE ended_at IS NULL ORDER BY id")
    @ResultMap("sessionRow")
    List<SessionRow> findAllActive();

    /** Active sessions of one guild. */
    @Select("SELECT " + COLUMNS + " FROM voice_sessions WHERE guild_id = #{guildId} AND ended_at IS NULL ORDER BY id")
    @ResultMap("sessionRow")
    List<SessionRow> findActiveByGuild(@Param("guildId") String guildId);

    /** Rows of one guild that are active or whose channel is not confirmed gone. */
    @Select("SELECT " + COLUMNS + " FROM voice_sessions WHERE guild_id = #{guildId}"
            + " AND (ended_at IS NULL OR channel_deleted_at IS NULL) ORDER BY id")
    @ResultMap("sessionRow")
    List<SessionRow> findUnreconciled(@Param("guildId") String guildId);

    /** The newest rows, active or ended, newest first. */
    @Select("SELECT " + COLUMNS + " FROM voice_sessions ORDER BY id DESC LIMIT #{limit}")
    @ResultMap("sessionRow")
    List<SessionRow> findRecent(@Param("limit") int limit);

    /** How many rows name a channel, ended or not. */
    @Select("SELECT COUNT(*) FROM voice_sessions WHERE channel_id = #{channelId}")
    int countByChannel(@Param("channelId") String channelId);
}
