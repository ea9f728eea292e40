package dev.voicesession.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.dv8tion.jda.api.audio.hooks.ConnectionStatus;

/**
 * One drain of the agent's probes (everything recorded since the previous drain).
 *
 * @param events {@code [responseNumber, typeId, startNanos, tookNanos]} per JDA event
 * @param eventTypes event type names by type id
 * @param dbTotal connections borrowed
 * @param dbInEvent connections borrowed while a JDA event was being handled on the borrowing thread
 * @param dbOnJdaThreads connections borrowed on threads JDA created
 * @param dbByThread borrows by thread name pattern
 * @param voice {@code [guildId, statusOrdinal, nanos]} per voice connection status change
 * @param commits {@code [rowId, nanos]} per committed change of a voice_sessions row
 * @param timers {@code [delayNanos, lateNanos, startedNanos]} per delayed task that ran
 */
public record AgentData(long[][] events, List<String> eventTypes, long dbTotal, long dbInEvent, long dbOnJdaThreads,
        Map<String, Long> dbByThread, long[][] voice, long[][] commits, long[][] timers) {

    static AgentData parse(JsonNode node) {
        List<String> types = new ArrayList<>();
        node.path("eventTypes").forEach(t -> types.add(t.asText()));
        JsonNode db = node.path("db");
        Map<String, Long> byThread = new TreeMap<>();
        db.path("byThread").properties().forEach(e -> byThread.put(e.getKey(), e.getValue().asLong()));
        return new AgentData(rows(node.path("events")), List.copyOf(types), db.path("total").asLong(),
                db.path("inEvent").asLong(), db.path("onJdaThreads").asLong(), byThread, rows(node.path("voice")),
                rows(node.path("commits")), rows(node.path("timers")));
    }

    /** Drains the agent of a host. */
    public static AgentData drain(HostProcess host) {
        return parse(host.get("/drain"));
    }

    private static long[][] rows(JsonNode array) {
        long[][] rows = new long[array.size()][];
        for (int i = 0; i < rows.length; i++) {
            JsonNode row = array.get(i);
            rows[i] = new long[row.size()];
            for (int j = 0; j < row.size(); j++) {
                rows[i][j] = row.get(j).asLong();
            }
        }
        return rows;
    }

    /** The times the bot's voice connection in each guild reached CONNECTED, in order. */
    public Map<Long, List<Long>> connectedByGuild() {
        Map<Long, List<Long>> byGuild = new HashMap<>();
        int connected = ConnectionStatus.CONNECTED.ordinal();
        for (long[] change : voice) {
            if (change[1] == connected) {
                byGuild.computeIfAbsent(change[0], g -> new ArrayList<>()).add(change[2]);
            }
        }
        byGuild.values().forEach(list -> list.sort(Long::compare));
        return byGuild;
    }

    /** Each voice_sessions row's commit times, in order. */
    public Map<Long, List<Long>> commitsByRow() {
        Map<Long, List<Long>> byRow = new HashMap<>();
        for (long[] commit : commits) {
            byRow.computeIfAbsent(commit[0], r -> new ArrayList<>()).add(commit[1]);
        }
        byRow.values().forEach(list -> list.sort(Long::compare));
        return byRow;
    }

    /** Listener time per event in nanoseconds, by event type name (insertion order: first seen first). */
    public Map<String, List<Long>> eventTimesByType() {
        Map<String, List<Long>> byType = new LinkedHashMap<>();
        for (long[] event : events) {
            byType.computeIfAbsent(eventTypes.get((int) event[1]), t -> new ArrayList<>()).add(event[3]);
        }
        return byType;
    }

    /** Merges several drains into one (counts added, records concatenated). */
    public static AgentData merge(List<AgentData> drains) {
        List<long[]> events = new ArrayList<>();
        List<String> types = new ArrayList<>();
        Map<String, Long> byThread = new TreeMap<>();
        List<long[]> voice = new ArrayList<>();
        List<long[]> commits = new ArrayList<>();
        List<long[]> timers = new ArrayList<>();
        long total = 0;
        long inEvent = 0;
        long onJda = 0;
        for (AgentData d : drains) {
            for (long[] e : d.events) {
                String name = d.eventTypes.get((int) e[1]);
                int id = types.indexOf(name);
                if (id < 0) {
                    types.add(name);
                    id = types.size() - 1;
                }
                events.add(new long[] {e[0], id, e[2], e[3]});
            }
            total += d.dbTotal;
            inEvent += d.dbInEvent;
            onJda += d.dbOnJdaThreads;
            d.dbByThread.forEach((k, v) -> byThread.merge(k, v, Long::sum));
            voice.addAll(List.of(d.voice));
            commits.addAll(List.of(d.commits));
            timers.addAll(List.of(d.timers));
        }
        return new AgentData(events.toArray(long[][]::new), List.copyOf(types), total, inEvent, onJda, byThread,
                voice.toArray(long[][]::new), commits.toArray(long[][]::new), timers.toArray(long[][]::new));
    }
}
