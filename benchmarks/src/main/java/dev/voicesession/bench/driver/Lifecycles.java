package dev.voicesession.bench.driver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicesession.emulator.model.RequestLogEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-session timings of lifecycle traces, in milliseconds, combining the emulator's timestamps with the
 * agent's (JDA event start, voice CONNECTED, row commits), all {@code System.nanoTime()} of one machine.
 *
 * <p>"Bot-side" figures subtract the time the emulator itself spent answering requests the bot had to wait
 * for on the way (their {@link RequestLogEntry#serviceNanos()}); everything else between the two timestamps,
 * loopback transfer included, is the bot's.
 */
public final class Lifecycles {
    private static final double MS = 1e-6;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** MESSAGE_CREATE dispatched to channel POST received, as measured. */
    public final List<Double> reactionRaw = new ArrayList<>();
    /** The same minus the emulator's time answering the reply the bot waits for before creating the channel. */
    public final List<Double> reaction = new ArrayList<>();
    /** MESSAGE_CREATE dispatched to the bot's MessageReceivedEvent listeners starting (websocket, JDA). */
    public final List<Double> reactionJda = new ArrayList<>();
    /** Listeners starting to the reply POST received (command layer, queue, JDA's requester). */
    public final List<Double> reactionToReply = new ArrayList<>();
    /** Reply answered to the claim row committed (grant, handler, permission check, insert). */
    public final List<Double> reactionClaim = new ArrayList<>();
    /** Claim row committed to channel POST received (JDA's requester), in sessions without a user lookup. */
    public final List<Double> reactionClaimToCreate = new ArrayList<>();
    /** Claim row committed to the user lookup ({@code GET users/{id}}) received, where the plugin makes one. */
    public final List<Double> reactionClaimToLookup = new ArrayList<>();
    /** User lookup answered to channel POST received. */
    public final List<Double> reactionLookupToCreate = new ArrayList<>();
    /** Sessions whose reaction included a user lookup. */
    public int lookups;
    /** MESSAGE_CREATE dispatched to the bot's voice connection CONNECTED. */
    public final List<Double> endToEnd = new ArrayList<>();
    /** CONNECTED to the join prompt received (the plugin hears CONNECTED from its ConnectionListener relay). */
    public final List<Double> connectedToPrompt = new ArrayList<>();
    /** Channel created (response) to CONNECTED (gateway voice state, voice websocket, UDP discovery). */
    public final List<Double> createToConnected = new ArrayList<>();
    /** Channel created (response) to the bot's voice state update arriving at the emulator (its gateway op 4). */
    public final List<Double> createToBotVoiceState = new ArrayList<>();
    /** The bot's op 4 arrived to CONNECTED (voice server update, voice websocket over TLS, UDP discovery). */
    public final List<Double> botVoiceStateToConnected = new ArrayList<>();
    /** User's leave dispatched to channel DELETE received. */
    public final List<Double> cleanupDelete = new ArrayList<>();
    /** User's leave dispatched to the bot's GuildVoiceUpdateEvent listeners starting. */
    public final List<Double> cleanupJda = new ArrayList<>();
    /** User's leave dispatched to the row's last commit (ended_at written), as measured. */
    public final List<Double> cleanupEndedRaw = new ArrayList<>();
    /** The same minus the emulator's time answering the DELETE the bot waits for. */
    public final List<Double> cleanupEnded = new ArrayList<>();
    /** Sessions whose row had no commit time (its connection was not hooked). */
    public int rowsWithoutCommit;
    /** Sessions whose CONNECTED was not seen. */
    public int withoutConnected;
    /** REST requests per session by "METHOD route" (sum over sessions). */
    public final Map<String, Integer> requestsByRoute = new TreeMap<>();
    /** REST requests per session. */
    public final List<Double> requestsPerSession = new ArrayList<>();
    /** Responses with status 429 among the sessions' requests. */
    public int rateLimited;
    /** Sessions measured. */
    public int sessions;
    /** The status message texts the first session's edits carried, in order. */
    public final List<String> statusEdits = new ArrayList<>();

    /** Computes the figures of {@code traces} from the traffic and the agent's drain covering them. */
    public static Lifecycles of(List<SessionTrace> traces, Traffic traffic, AgentData agent) {
        Lifecycles out = new Lifecycles();
        Map<Long, List<Long>> connected = agent.connectedByGuild();
        Map<Long, List<Long>> commits = agent.commitsByRow();
        Map<Integer, Long> listenerStart = listenerStarts(agent);
        for (SessionTrace t : traces) {
            out.sessions++;
            long command = t.command.nanoTime();
            long raw = t.create.arrivedNanos() - command;
            out.reactionRaw.add(raw * MS);
            long waited = t.reply.completedNanos() <= t.create.arrivedNanos() ? t.reply.serviceNanos() : 0;
            RequestLogEntry lookup = null;
            for (RequestLogEntry r : traffic.between(t.firstRequest, t.endRequest)) {
                // lookups the plugin waits for before it creates the channel (it fetches the user to name it)
                if (r.method().equals("GET") && belongsTo(r, t) && r.arrivedNanos() > command
                        && r.completedNanos() <= t.create.arrivedNanos()) {
                    waited += r.serviceNanos();
                    lookup = lookup == null ? r : lookup;
                }
            }
            out.reaction.add((raw - waited) * MS);
            Long start = listenerStart.get(t.command.sequence());
            if (start != null) {
                out.reactionJda.add((start - command) * MS);
                out.reactionToReply.add((t.reply.arrivedNanos() - start) * MS);
            }
            List<Long> rowCommits = t.row == null ? null : commits.get(t.row.id());
            if (rowCommits != null && !rowCommits.isEmpty()) {
                long claim = rowCommits.getFirst();
                out.reactionClaim.add((claim - t.reply.completedNanos()) * MS);
                if (lookup != null && lookup.arrivedNanos() > claim) {
                    out.lookups++;
                    out.reactionClaimToLookup.add((lookup.arrivedNanos() - claim) * MS);
                    out.reactionLookupToCreate.add((t.create.arrivedNanos() - lookup.completedNanos()) * MS);
                } else {
                    out.reactionClaimToCreate.add((t.create.arrivedNanos() - claim) * MS);
                }
            }
            Long connectedAt = firstAtOrAfter(connected.get(t.guild.guildId()), command);
            if (connectedAt != null) {
                out.endToEnd.add((connectedAt - command) * MS);
                out.createToConnected.add((connectedAt - t.create.completedNanos()) * MS);
                Long joined = firstAtOrAfter(traffic.botVoiceStates(t.guild.guildId()), t.create.completedNanos());
                if (joined != null && joined <= connectedAt) {
                    out.createToBotVoiceState.add((joined - t.create.completedNanos()) * MS);
                    out.botVoiceStateToConnected.add((connectedAt - joined) * MS);
                }
                if (t.prompt != null) {
                    out.connectedToPrompt.add((t.prompt.arrivedNanos() - connectedAt) * MS);
                }
            } else {
                out.withoutConnected++;
            }
            if (t.leave != null) {
                long leave = t.leave.nanoTime();
                out.cleanupDelete.add((t.delete.arrivedNanos() - leave) * MS);
                Long leaveStart = listenerStart.get(t.leave.sequence());
                if (leaveStart != null) {
                    out.cleanupJda.add((leaveStart - leave) * MS);
                }
                if (rowCommits != null && !rowCommits.isEmpty()) {
                    long written = rowCommits.getLast();
                    out.cleanupEndedRaw.add((written - leave) * MS);
                    out.cleanupEnded.add((written - leave - t.delete.serviceNanos()) * MS);
                } else {
                    out.rowsWithoutCommit++;
                }
            }
            int count = 0;
            for (RequestLogEntry r : traffic.between(t.firstRequest, t.endRequest)) {
                if (belongsTo(r, t)) {
                    count++;
                    if (out.sessions == 1 && r.method().equals("PATCH") && r.route().startsWith("channels/{channel_id}/messages")) {
                        out.statusEdits.add(content(r.requestBody()));
                    }
                    out.requestsByRoute.merge(r.method() + " " + r.route(), 1, Integer::sum);
                    if (r.status() == 429) {
                        out.rateLimited++;
                    }
                }
            }
            out.requestsPerSession.add((double) count);
        }
        return out;
    }

    private static String content(String body) {
        try {
            return JSON.readTree(body).path("content").asText().replaceAll("<#\\d+>", "<#channel>");
        } catch (JsonProcessingException e) {
            return "(unreadable body)";
        }
    }

    /** Whether a request concerns the session: its guild, text channel, session channel or user. */
    static boolean belongsTo(RequestLogEntry r, SessionTrace t) {
        String path = r.path();
        return path.contains(Long.toUnsignedString(t.guild.guildId()))
                || path.contains(Long.toUnsignedString(t.guild.textId()))
                || (t.channelId != 0 && path.contains(Long.toUnsignedString(t.channelId)))
                || path.contains(Long.toUnsignedString(t.userId));
    }

    /** When the listeners of the first JDA event of each gateway sequence started. */
    static Map<Integer, Long> listenerStarts(AgentData agent) {
        Map<Integer, Long> starts = new HashMap<>();
        for (long[] event : agent.events()) {
            starts.merge((int) event[0], event[2], Math::min);
        }
        return starts;
    }

    static Long firstAtOrAfter(List<Long> sorted, long from) {
        if (sorted == null) {
            return null;
        }
        for (long value : sorted) {
            if (value >= from) {
                return value;
            }
        }
        return null;
    }
}
