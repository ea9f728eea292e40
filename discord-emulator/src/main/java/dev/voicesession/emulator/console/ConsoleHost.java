package dev.voicesession.emulator.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the web console shows of a bot running against the emulator, beyond what the emulator itself
 * knows: the bot's session table, its log, its join timeout, and a restart. The sandbox of the bot host
 * implements it and hands it to {@link EmulatorConsole#attach(ConsoleHost)}. Every method is called
 * from the console's own threads, never while the emulator's state is locked.
 */
public interface ConsoleHost {

    /**
     * Names the host for the console's header.
     *
     * @return for example {@code "bot host with plugins [voice]"}
     */
    String description();

    /**
     * Tells where the host stands.
     *
     * @return the current status
     */
    Status status();

    /**
     * Reads the bot's session table.
     *
     * @return every session, oldest first; empty while the host is not running
     */
    List<Session> sessions();

    /**
     * Returns the host's log lines after a position.
     *
     * @param afterSequence the sequence number of the last line already shown, or 0 for the start
     * @param max at most this many lines, the newest ones
     * @return the lines, oldest first
     */
    List<LogLine> log(long afterSequence, int max);

    /**
     * Tells how long a user has to join a new session's channel in a guild, counted from when the bot
     * connected there.
     *
     * @param guildId the guild
     * @return the join timeout, or empty if the bot runs no sessions there
     */
    Optional<Duration> joinTimeout(long guildId);

    /**
     * Stops the host and starts a new one with the same configuration; returns when the new one runs.
     *
     * @param clean {@code true} for an orderly stop (sessions are ended), {@code false} to stop as a crash
     *     would, leaving sessions and channels for the new host to reconcile
     */
    void restart(boolean clean);

    /** Where the host stands. */
    enum Status {
        /** Connecting and starting plugins. */
        STARTING,
        /** Taking commands. */
        RUNNING,
        /** Stopping. */
        STOPPING,
        /** Stopped, or failed to start. */
        STOPPED
    }

    /**
     * One row of the session table, with the fields the console needs to follow the session.
     *
     * @param row every column by name, in table order (ids as text), shown as is
     * @param guildId the session's guild
     * @param channelId the session's channel, 0 while it is being created
     * @param userId the user the session is for
     * @param active whether the session has not ended
     */
    record Session(Map<String, Object> row, long guildId, long channelId, long userId, boolean active) {
        /** Copies the row, keeping its column order. */
        public Session {
            row = Collections.unmodifiableMap(new LinkedHashMap<>(row));
        }
    }

    /**
     * One line of the host's log.
     *
     * @param sequence increasing number of the line, from 1
     * @param at when it was logged
     * @param level the level, for example {@code INFO}
     * @param logger the logger's short name
     * @param message the formatted message, with the exception's first line if any
     */
    record LogLine(long sequence, Instant at, String level, String logger, String message) {}
}
