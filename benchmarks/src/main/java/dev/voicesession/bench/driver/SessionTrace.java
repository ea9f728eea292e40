package dev.voicesession.bench.driver;

import dev.voicesession.emulator.model.DispatchLogEntry;
import dev.voicesession.emulator.model.RequestLogEntry;

/**
 * What the emulator saw of one voice session, in order: the user's command, the bot's reply, the channel it
 * created, the join prompt, the user joining and leaving, the channel deletion and the final status edit; and
 * the session's row once ended. Fields stay null for steps a scenario skips.
 */
public final class SessionTrace {
    /** The guild. */
    public final BenchWorld.GuildSlot guild;
    /** The user. */
    public final long userId;
    /** Position of the first request of this session in the traffic (a {@link Traffic#mark()}). */
    public int firstRequest;
    /** Position after the last request of this session (set when it is over). */
    public int endRequest;
    /** The {@code !voice} MESSAGE_CREATE. */
    public DispatchLogEntry command;
    /** The user's message id. */
    public long commandMessageId;
    /** The bot's reply (the queue's status message). */
    public RequestLogEntry reply;
    /** The path of this session's own status message (the reply), which every later status edit targets. */
    public String statusPath;
    /** The channel creation. */
    public RequestLogEntry create;
    /** The session channel. */
    public long channelId;
    /** The status edit asking the user to join. */
    public RequestLogEntry prompt;
    /** The user's VOICE_STATE_UPDATE joining the channel. */
    public DispatchLogEntry join;
    /** The status edit saying the session is active. */
    public RequestLogEntry active;
    /** The user's VOICE_STATE_UPDATE leaving voice. */
    public DispatchLogEntry leave;
    /** The channel deletion. */
    public RequestLogEntry delete;
    /** The final status edit ("Voice session ended: ..."). */
    public RequestLogEntry ended;
    /** The session's row, once {@code ended_at} is set. */
    public SessionDb.Row row;
    /** {@link System#nanoTime()} when the driver saw the row ended. */
    public long rowSeenEndedNanos;

    SessionTrace(BenchWorld.GuildSlot guild, long userId) {
        this.guild = guild;
        this.userId = userId;
    }
}
