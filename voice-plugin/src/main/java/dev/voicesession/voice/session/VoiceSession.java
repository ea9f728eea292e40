package dev.voicesession.voice.session;

import dev.voicesession.api.Scheduler;
import dev.voicesession.api.Scheduler.ScheduledTask;
import dev.voicesession.api.queue.RequestTicket;
import dev.voicesession.voice.config.GuildVoiceSettings;
import dev.voicesession.voice.model.EndReason;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One voice session in memory: its state machine, its timers and the queue ticket whose slot it
 * holds. Everything except the volatile fields is read and written only by tasks of the session's
 * {@link SerialLane}.
 */
public final class VoiceSession {

    private final long key;
    private final RequestTicket ticket;
    private final long userId;
    private final long guildId;
    private final GuildVoiceSettings settings;
    private final SerialLane lane;
    private final Instant grantedAt;
    private final CompletableFuture<EndReason> closed = new CompletableFuture<>();
    private final StatusWriter statusWriter;

    private volatile SessionState state = SessionState.CREATING;
    private volatile long rowId;
    private volatile long channelId;

    // Lane-confined.
    private boolean userHasJoined;
    private boolean channelMayExist;
    private String failureMessage;
    private EndReason endReason;
    private Instant closingSince;
    private Instant waitingSince;
    private ScheduledTask joinTimer;
    private ScheduledTask maxLengthTimer;
    private ScheduledTask pendingTask;
    private ScheduledTask leaveSettle;
    private int connectToken;
    private boolean recovering;
    private boolean botLeftMeanwhile;

    VoiceSession(long key, RequestTicket ticket, GuildVoiceSettings settings, SerialLane lane, Instant grantedAt,
            Scheduler scheduler) {
        this.key = key;
        this.ticket = ticket;
        this.userId = ticket.entry().userId();
        this.guildId = ticket.entry().guildId();
        this.settings = settings;
        this.lane = lane;
        this.grantedAt = grantedAt;
        this.statusWriter = new StatusWriter(ticket::status, scheduler,
                "session '" + key + "' (user '" + userId + "', guild '" + guildId + "')");
    }

    /** Moves the state machine; throws if the transition is not allowed. */
    void moveTo(SessionState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("Session '" + key + "' cannot go from " + state + " to " + next);
        }
        state = next;
    }

    /** @return the in-memory session id, unique for the plugin's life */
    public long key() {
        return key;
    }

    /** @return the current state */
    public SessionState state() {
        return state;
    }

    /** @return the user the session is for */
    public long userId() {
        return userId;
    }

    /** @return the guild */
    public long guildId() {
        return guildId;
    }

    /** @return the voice channel, or 0 before it exists */
    public long channelId() {
        return channelId;
    }

    /** @return the database row, or 0 before the claim is written */
    public long rowId() {
        return rowId;
    }

    /** @return when the queue granted the slot */
    public Instant grantedAt() {
        return grantedAt;
    }

    /** @return a future completed with the end reason once cleanup is done */
    public CompletableFuture<EndReason> closed() {
        return closed;
    }

    GuildVoiceSettings settings() {
        return settings;
    }

    RequestTicket ticket() {
        return ticket;
    }

    SerialLane lane() {
        return lane;
    }

    StatusWriter statusWriter() {
        return statusWriter;
    }

    void rowId(long rowId) {
        this.rowId = rowId;
    }

    void channelId(long channelId) {
        this.channelId = channelId;
    }

    boolean userHasJoined() {
        return userHasJoined;
    }

    void userHasJoined(boolean joined) {
        this.userHasJoined = joined;
    }

    boolean channelMayExist() {
        return channelMayExist;
    }

    void channelMayExist(boolean mayExist) {
        this.channelMayExist = mayExist;
    }

    /** @return the message for a failed setup, or {@code null} if the session was set up */
    String failureMessage() {
        return failureMessage;
    }

    void failureMessage(String message) {
        this.failureMessage = message;
    }

    EndReason endReason() {
        return endReason;
    }

    void endReason(EndReason reason) {
        this.endReason = reason;
    }

    Instant closingSince() {
        return closingSince;
    }

    void closingSince(Instant since) {
        this.closingSince = since;
    }

    Instant waitingSince() {
        return waitingSince;
    }

    void waitingSince(Instant since) {
        this.waitingSince = since;
    }

    ScheduledTask joinTimer() {
        return joinTimer;
    }

    void joinTimer(ScheduledTask timer) {
        this.joinTimer = timer;
    }

    ScheduledTask maxLengthTimer() {
        return maxLengthTimer;
    }

    void maxLengthTimer(ScheduledTask timer) {
        this.maxLengthTimer = timer;
    }

    ScheduledTask pendingTask() {
        return pendingTask;
    }

    void pendingTask(ScheduledTask task) {
        this.pendingTask = task;
    }

    ScheduledTask leaveSettle() {
        return leaveSettle;
    }

    void leaveSettle(ScheduledTask task) {
        this.leaveSettle = task;
    }

    int nextConnectToken() {
        return ++connectToken;
    }

    int connectToken() {
        return connectToken;
    }

    /**
     * Records that the bot's voice state left the channel while a connection was being made, when the
     * connection status JDA reports may still be the old one.
     */
    void botLeftMeanwhile(boolean left) {
        this.botLeftMeanwhile = left;
    }

    /** Returns whether the bot left the channel while connecting, and forgets it. */
    boolean takeBotLeftMeanwhile() {
        boolean left = botLeftMeanwhile;
        botLeftMeanwhile = false;
        return left;
    }

    boolean recovering() {
        return recovering;
    }

    void recovering(boolean recovering) {
        this.recovering = recovering;
    }

    @Override
    public String toString() {
        return "VoiceSession[key=" + key + ", user=" + userId + ", guild=" + guildId + ", channel=" + channelId
                + ", row=" + rowId + ", state=" + state + "]";
    }
}
