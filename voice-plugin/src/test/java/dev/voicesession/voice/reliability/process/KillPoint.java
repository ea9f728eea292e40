package dev.voicesession.voice.reliability.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voicesession.emulator.rest.RequestHold;
import dev.voicesession.emulator.voice.VoiceConnectionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One place in a scenario where the host is killed: a step of the lifecycle and a phase (before or after
 * Discord acted on a request, just after a gateway event was sent, a voice state reached, a quiet moment).
 *
 * @param scenario the way through the lifecycle
 * @param step what the host is doing
 * @param phase where in that step
 * @param trigger builds the trigger, given the world (for ids)
 */
record KillPoint(Scenario scenario, String step, String phase, Function<ProcessWorld, Trigger> trigger) {

    static final String MESSAGES = "channels/{channel_id}/messages";
    static final String MESSAGE = "channels/{channel_id}/messages/{message_id}";
    static final String CHANNELS = "guilds/{guild_id}/channels";
    static final String CHANNEL = "channels/{channel_id}";

    /** A name unique in the catalog, such as {@code close / channel creation / after}. */
    String id() {
        return scenario.name().toLowerCase(Locale.ROOT) + " / " + step + " / " + phase;
    }

    @Override
    public String toString() {
        return id();
    }

    /**
     * The kill points a run covers: {@code all} (the {@code chaos} profile) is the whole catalog; {@code ci}
     * (the default) leaves out the two slow scenarios' points that other scenarios already cover: the four
     * of {@link Scenario#CONNECT_FAILED} (each waits for the connect timeout) and the {@link
     * Scenario#TIMEOUT} points other than the channel deletion (each waits for the join timeout).
     *
     * <p>{@code sample} is every third point of {@code ci}, both phases of REST steps and every scenario
     * included: the PostgreSQL run, which repeats on another database what the SQLite run covers in full.
     *
     * @param selection {@code ci}, {@code sample} or {@code all}
     * @return the points, in catalog order
     */
    static List<KillPoint> selection(String selection) {
        List<KillPoint> all = catalog();
        return switch (selection) {
            case "all" -> all;
            case "ci" -> all.stream()
                    .filter(p -> p.scenario() != Scenario.CONNECT_FAILED)
                    .filter(p -> p.scenario() != Scenario.TIMEOUT || p.step().equals("channel deletion"))
                    .toList();
            case "sample" -> {
                List<KillPoint> ci = selection("ci");
                yield java.util.stream.IntStream.range(0, ci.size()).filter(i -> i % 3 == 0).mapToObj(ci::get).toList();
            }
            default -> throw new IllegalArgumentException("reliability.killPoints is '" + selection
                    + "'; use ci, sample or all");
        };
    }

    /** Every kill point, scenario by scenario, in lifecycle order. */
    static List<KillPoint> catalog() {
        Catalog c = new Catalog();

        c.scenario(Scenario.CLOSE)
                // a free slot: the request's first status is already 'creating' (no 'queued, position 1')
                .rest("POST", MESSAGES, "Creating your voice channel", "'creating' status message")
                .rest("POST", CHANNELS, null, "channel creation")
                .dispatch("VOICE_STATE_UPDATE", "bot joins voice", w -> Scenario.voiceState(w.botId(), true))
                .dispatch("VOICE_SERVER_UPDATE", "voice server assigned", w -> data -> true)
                .voice(VoiceConnectionState.IDENTIFIED, "voice handshake")
                .voice(VoiceConnectionState.CONNECTED, "voice connected")
                .rest("PATCH", MESSAGE, "Join <#", "'join within' status")
                .manual("waiting for the user")
                .dispatch("VOICE_STATE_UPDATE", "user joins", w -> Scenario.voiceState(w.alice.userId(), true))
                .rest("PATCH", MESSAGE, "Voice session active", "'active' status")
                .manual("active")
                .dispatch("MESSAGE_CREATE", "close command arrives", w -> data -> data.path("content").asText()
                        .equals("!voice close"))
                .dispatch("VOICE_STATE_UPDATE", "bot leaves voice", w -> Scenario.voiceState(w.botId(), false))
                .voice(VoiceConnectionState.CLOSED, "voice connection closed")
                .rest("DELETE", CHANNEL, null, "channel deletion")
                .rest("POST", MESSAGES, "Your voice session is close", "close reply")
                .rest("PATCH", MESSAGE, "Voice session ended", "'ended' status")
                .manual("ended");

        c.scenario(Scenario.LEAVE)
                .dispatch("VOICE_STATE_UPDATE", "user leaves", w -> Scenario.voiceState(w.alice.userId(), false))
                .dispatch("VOICE_STATE_UPDATE", "bot leaves voice", w -> Scenario.voiceState(w.botId(), false))
                .voice(VoiceConnectionState.CLOSED, "voice connection closed")
                .rest("DELETE", CHANNEL, null, "channel deletion")
                .rest("PATCH", MESSAGE, "Voice session ended", "'ended' status");

        c.scenario(Scenario.TIMEOUT)
                .dispatch("VOICE_STATE_UPDATE", "bot leaves voice", w -> Scenario.voiceState(w.botId(), false))
                .voice(VoiceConnectionState.CLOSED, "voice connection closed")
                .rest("DELETE", CHANNEL, null, "channel deletion")
                .rest("PATCH", MESSAGE, "Voice session ended", "'ended' status");

        c.scenario(Scenario.ADMIN_END)
                .dispatch("MESSAGE_CREATE", "end command arrives", w -> data -> data.path("content").asText()
                        .startsWith("!voice end"))
                .dispatch("VOICE_STATE_UPDATE", "bot leaves voice", w -> Scenario.voiceState(w.botId(), false))
                .rest("DELETE", CHANNEL, null, "channel deletion")
                .rest("POST", MESSAGES, "the voice session of", "end reply")
                .rest("PATCH", MESSAGE, "Voice session ended", "'ended' status");

        c.scenario(Scenario.CHANNEL_DELETED)
                .dispatch("CHANNEL_DELETE", "channel deleted by a moderator", w -> data -> true)
                .dispatch("VOICE_STATE_UPDATE", "bot leaves voice", w -> Scenario.voiceState(w.botId(), false))
                .rest("PATCH", MESSAGE, "Voice session ended", "'ended' status");

        c.scenario(Scenario.QUEUED)
                .rest("POST", MESSAGES, "Voice request queued", "second request's queued status")
                .manual("queued behind a session")
                .rest("PATCH", MESSAGE, "Voice session ended", "first session's 'ended' status")
                .rest("PATCH", MESSAGE, "Creating your voice channel", "second session's 'creating' status")
                .rest("POST", CHANNELS, null, "second session's channel creation")
                .manual("next session waiting for its user");

        c.scenario(Scenario.SHUTDOWN)
                .dispatch("VOICE_STATE_UPDATE", "bot leaves voice", w -> Scenario.voiceState(w.botId(), false))
                .voice(VoiceConnectionState.CLOSED, "voice connection closed")
                .rest("DELETE", CHANNEL, null, "channel deletion")
                .rest("PATCH", MESSAGE, "Voice session ended", "'ended' status");

        c.scenario(Scenario.RECONCILE_ORPHAN)
                .rest("GET", "gateway/bot", null, "restart: gateway lookup")
                .rest("GET", "users/@me", null, "restart: login")
                .dispatch("VOICE_STATE_UPDATE", "reconciliation: bot leaves voice", w -> Scenario.voiceState(w.botId(),
                        false))
                .rest("DELETE", CHANNEL, null, "reconciliation: channel deletion");

        c.scenario(Scenario.RECONCILE_CLAIM)
                .rest("DELETE", CHANNEL, null, "reconciliation: unrecorded channel deletion");

        c.scenario(Scenario.CONNECT_FAILED)
                .rest("DELETE", CHANNEL, null, "channel deletion")
                .rest("PATCH", MESSAGE, "could not join your voice channel", "'connect failed' status");
        return c.points;
    }

    /** Builds the catalog: REST steps give two points each (before and after Discord acted). */
    private static final class Catalog {
        private final List<KillPoint> points = new ArrayList<>();
        private Scenario scenario;

        Catalog scenario(Scenario next) {
            this.scenario = next;
            return this;
        }

        Catalog rest(String method, String route, String contains, String step) {
            points.add(new KillPoint(scenario, step, "before Discord acts",
                    w -> Trigger.rest(method, route, RequestHold.Phase.BEFORE, contains)));
            points.add(new KillPoint(scenario, step, "after Discord acted, before the bot heard",
                    w -> Trigger.rest(method, route, RequestHold.Phase.AFTER, contains)));
            return this;
        }

        Catalog dispatch(String type, String step,
                Function<ProcessWorld, Predicate<JsonNode>> data) {
            points.add(new KillPoint(scenario, step, "event " + type + " just sent",
                    w -> Trigger.dispatch(type, data.apply(w))));
            return this;
        }

        Catalog voice(VoiceConnectionState state, String step) {
            points.add(new KillPoint(scenario, step, "voice connection " + state, w -> Trigger.voice(state)));
            return this;
        }

        Catalog manual(String moment) {
            points.add(new KillPoint(scenario, moment, "idle", w -> Trigger.manual(moment)));
            return this;
        }
    }
}
