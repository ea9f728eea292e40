package dev.voicesession.voice.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sessions in memory, from the slot grant until cleanup is done, indexed by user and channel.
 * A user has at most one session, and so has a guild, because a bot can be in only one voice channel
 * per guild. Lookups are lock-free so listeners can route events without blocking.
 */
public final class SessionRegistry {

    private final Map<Long, VoiceSession> byUser = new ConcurrentHashMap<>();
    private final Map<Long, VoiceSession> byGuild = new ConcurrentHashMap<>();
    private final Map<Long, VoiceSession> byChannel = new ConcurrentHashMap<>();
    private final Set<Long> rowsEnding = ConcurrentHashMap.newKeySet();

    /** Why a session could not be registered. */
    public enum Conflict {
        /** The user already has a session. */
        USER_BUSY,
        /** The guild already has a session: the bot can be in one voice channel per guild. */
        GUILD_BUSY
    }

    /**
     * Registers a new session unless its user or guild has one.
     *
     * @param session the session
     * @return the conflict, or empty if the session was registered
     */
    synchronized Optional<Conflict> register(VoiceSession session) {
        if (byUser.containsKey(session.userId())) {
            return Optional.of(Conflict.USER_BUSY);
        }
        if (byGuild.containsKey(session.guildId())) {
            return Optional.of(Conflict.GUILD_BUSY);
        }
        byUser.put(session.userId(), session);
        byGuild.put(session.guildId(), session);
        return Optional.empty();
    }

    /** Makes the session findable by its channel, once the channel exists. */
    void indexChannel(VoiceSession session) {
        byChannel.put(session.channelId(), session);
    }

    /**
     * Lets the guild take a new session while this one finishes its cleanup: called once the bot has
     * left the channel and before the queue slot is freed, so the next granted request is not refused.
     */
    synchronized void releaseGuild(VoiceSession session) {
        byGuild.remove(session.guildId(), session);
    }

    /** Removes a session whose cleanup is done. */
    synchronized void remove(VoiceSession session) {
        byUser.remove(session.userId(), session);
        byGuild.remove(session.guildId(), session);
        if (session.channelId() != 0) {
            byChannel.remove(session.channelId(), session);
        }
    }

    /** Marks a row whose session has closed but whose end is still being written (the database failed). */
    void rowEnding(long rowId) {
        rowsEnding.add(rowId);
    }

    /** The row's end was written, or given up to reconciliation. */
    void rowEnded(long rowId) {
        rowsEnding.remove(rowId);
    }

    /**
     * Tells whether a row's end is still being written by its closed session, so reconciliation leaves it.
     *
     * @param rowId the row
     * @return {@code true} while the session retries ending it
     */
    public boolean isEnding(long rowId) {
        return rowsEnding.contains(rowId);
    }

    /**
     * Returns the user's session.
     *
     * @param userId the user
     * @return the session, or empty
     */
    public Optional<VoiceSession> byUser(long userId) {
        return Optional.ofNullable(byUser.get(userId));
    }

    /**
     * Returns the session on a channel.
     *
     * @param channelId the voice channel
     * @return the session, or empty
     */
    public Optional<VoiceSession> byChannel(long channelId) {
        return Optional.ofNullable(byChannel.get(channelId));
    }

    /**
     * Returns the guild's session.
     *
     * @param guildId the guild
     * @return the session, or empty
     */
    public Optional<VoiceSession> byGuild(long guildId) {
        return Optional.ofNullable(byGuild.get(guildId));
    }

    /**
     * Returns every session.
     *
     * @return a snapshot
     */
    public List<VoiceSession> all() {
        Collection<VoiceSession> sessions = byUser.values();
        return List.copyOf(sessions);
    }
}
