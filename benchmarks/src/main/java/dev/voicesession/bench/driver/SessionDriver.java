package dev.voicesession.bench.driver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicesession.bench.BenchException;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.model.RequestLogEntry;
import java.time.Duration;

/**
 * Acts as a user through the emulator's control API and follows one voice session through the requests the
 * bot sends, the way a person would: type {@code !voice}, wait for the prompt naming the channel, join, wait
 * until the bot says the session is active, leave, and wait until the session is over.
 */
public final class SessionDriver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MESSAGES = "channels/{channel_id}/messages";
    private static final String MESSAGE = "channels/{channel_id}/messages/{message_id}";

    private final BenchWorld world;
    private final Traffic traffic;
    private final SessionDb db;
    private final Duration timeout;
    private final Duration dbPoll;
    private final GatewayBudget budget;

    /**
     * A driver.
     *
     * @param world the emulator
     * @param db the host's database, to see a session's row ended
     * @param timeout how long any one step may take
     * @param dbPoll how often to look at the row once the final status edit arrived
     * @param budget JDA's gateway limit to stay within before each session, or null to send regardless
     */
    public SessionDriver(BenchWorld world, SessionDb db, Duration timeout, Duration dbPoll, GatewayBudget budget) {
        this.world = world;
        this.traffic = world.traffic();
        this.db = db;
        this.timeout = timeout;
        this.dbPoll = dbPoll;
        this.budget = budget;
    }

    /**
     * Types {@code !voice} and waits for the reply, the channel and the join prompt; fails at once if the bot
     * says instead that the session could not start.
     */
    public SessionTrace open(BenchWorld.GuildSlot guild, long userId) {
        return awaitOpened(ask(guild, userId));
    }

    /** Types {@code !voice} and waits for the bot's reply (which may say the request waits in the queue). */
    public SessionTrace ask(BenchWorld.GuildSlot guild, long userId) {
        if (budget != null) {
            budget.acquire(guild.guildId(), 2);
        }
        SessionTrace trace = new SessionTrace(guild, userId);
        trace.firstRequest = traffic.mark();
        command(trace);
        awaitReply(trace);
        return trace;
    }

    /**
     * Waits for the channel and the join prompt of a session asked for with {@link #ask}; fails at once if the
     * bot says instead that the session could not start.
     */
    public SessionTrace awaitOpened(SessionTrace trace) {
        BenchWorld.GuildSlot guild = trace.guild;
        String guildPath = "guilds/" + Long.toUnsignedString(guild.guildId()) + "/channels";
        // Only this session's own status message counts: under rate limits an edit of the previous session's
        // message (its final text shown once more) can land after this command.
        String status = trace.statusPath;
        RequestLogEntry first = traffic.await(trace.firstRequest, "the channel creation in guild " + guild.index(),
                r -> (r.method().equals("POST") && r.path().equals(guildPath) && r.status() == 201)
                        || refusal(r, status), timeout);
        if (first.method().equals("PATCH")) {
            throw new BenchException("Session in guild " + guild.index() + " was refused: \"" + content(first) + "\"");
        }
        trace.create = first;
        trace.channelId = idOf(trace.create);
        String mention = "<#" + Long.toUnsignedString(trace.channelId) + ">";
        trace.prompt = traffic.await(trace.firstRequest, "the join prompt for " + mention,
                r -> (r.method().equals("PATCH") && r.path().equals(status) && r.status() == 200
                        && r.requestBody().contains("Join " + mention + " within")) || refusal(r, status), timeout);
        String prompt = content(trace.prompt);
        if (!prompt.contains("Join " + mention)) {
            throw new BenchException("Session in guild " + guild.index() + " did not start: \"" + prompt + "\"");
        }
        return trace;
    }

    /** Sends the command and notes its dispatch. */
    public void command(SessionTrace trace) {
        Traffic.Captured<Message> sent = traffic.capture(
                () -> world.control().userSendsMessage(trace.guild.textId(), trace.userId, "!voice"));
        trace.command = sent.first("MESSAGE_CREATE");
        trace.commandMessageId = sent.result().id();
    }

    /** Waits for the bot's reply to the command (the message that references it). */
    public void awaitReply(SessionTrace trace) {
        String messageId = Long.toUnsignedString(trace.commandMessageId);
        String textPath = "channels/" + Long.toUnsignedString(trace.guild.textId()) + "/messages";
        trace.reply = traffic.await(trace.firstRequest, "the reply to message " + messageId,
                r -> r.method().equals("POST") && r.path().equals(textPath) && r.status() == 200
                        && r.requestBody().contains(messageId), timeout);
        trace.statusPath = textPath + "/" + Long.toUnsignedString(idOf(trace.reply));
    }

    /** Joins the session channel and waits until the bot says the session is active. */
    public void join(SessionTrace trace) {
        trace.join = traffic.capture(() -> world.control().userJoinsVoice(trace.guild.guildId(), trace.userId,
                trace.channelId)).first("VOICE_STATE_UPDATE");
        String mention = "<#" + Long.toUnsignedString(trace.channelId) + ">";
        trace.active = statusEdit(trace, "the active status for " + mention, "Voice session active in " + mention);
    }

    /** Leaves voice and waits for the channel deletion, the final status edit and the row's {@code ended_at}. */
    public void leave(SessionTrace trace) {
        int mark = traffic.mark();
        trace.leave = traffic.capture(() -> world.control().userLeavesVoice(trace.guild.guildId(), trace.userId))
                .getFirst();
        awaitEnd(trace, mark);
    }

    /** Waits for the end of a session that ends by itself (the join timeout). */
    public void awaitTimeout(SessionTrace trace) {
        awaitEnd(trace, trace.firstRequest);
    }

    private void awaitEnd(SessionTrace trace, int from) {
        String channelPath = "channels/" + Long.toUnsignedString(trace.channelId);
        trace.delete = traffic.await(from, "the deletion of " + channelPath,
                r -> r.method().equals("DELETE") && r.path().equals(channelPath) && r.status() / 100 == 2, timeout);
        trace.ended = statusEdit(trace, "the final status in guild " + trace.guild.index(), "Voice session ended");
        trace.row = db.awaitEnded(trace.channelId, dbPoll, timeout);
        trace.rowSeenEndedNanos = System.nanoTime();
        trace.endRequest = traffic.mark();
    }

    /** A whole session: open, join, leave. */
    public SessionTrace lifecycle(BenchWorld.GuildSlot guild, long userId) {
        SessionTrace trace = open(guild, userId);
        join(trace);
        leave(trace);
        return trace;
    }

    /** Texts of the status message when a request is refused or a session fails before the join prompt. */
    private static final String[] REFUSALS = {
        "could not", "cannot", "already", "Another voice session", "Voice session ended", "not enabled", "shutting down"
    };

    private static boolean refusal(RequestLogEntry r, String statusPath) {
        if (!r.method().equals("PATCH") || !r.path().equals(statusPath) || r.status() != 200) {
            return false;
        }
        for (String text : REFUSALS) {
            if (r.requestBody().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** Waits for an edit of the session's status message that contains one of {@code texts}. */
    private RequestLogEntry statusEdit(SessionTrace trace, String what, String... texts) {
        return traffic.await(trace.firstRequest, what, r -> {
            if (!r.method().equals("PATCH") || !r.path().equals(trace.statusPath) || r.status() != 200) {
                return false;
            }
            for (String text : texts) {
                if (r.requestBody().contains(text)) {
                    return true;
                }
            }
            return false;
        }, timeout);
    }

    private static String content(RequestLogEntry request) {
        try {
            return JSON.readTree(request.requestBody()).path("content").asText();
        } catch (JsonProcessingException e) {
            return request.requestBody();
        }
    }

    static long idOf(RequestLogEntry created) {
        try {
            return Long.parseUnsignedLong(JSON.readTree(created.responseBody()).path("id").asText());
        } catch (JsonProcessingException | NumberFormatException e) {
            throw new BenchException("No id in the response to " + created.method() + " " + created.path(), e);
        }
    }

    /** The route template of the status message requests, for counting. */
    static boolean isStatusMessage(RequestLogEntry r) {
        return r.route().equals(MESSAGES) || r.route().equals(MESSAGE);
    }
}
