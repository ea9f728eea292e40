package dev.voicesession.voice.reliability.process;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voicesession.emulator.model.DispatchLogEntry;
import dev.voicesession.emulator.rest.RequestHold;
import dev.voicesession.emulator.voice.VoiceConnectionInfo;
import dev.voicesession.emulator.voice.VoiceConnectionState;
import dev.voicesession.emulator.voice.VoiceStateListener;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Where to kill the host, seen from outside it: the emulator observes the moment, and the host is killed
 * there with SIGKILL (and waited for) before the emulator goes on. No hook in the host or the plugin is
 * involved. {@link #manual} is a quiet moment the scenario names, for example "session active".
 *
 * <ul>
 *   <li>{@link #rest}: a REST request is {@linkplain RequestHold held} by the emulator before its handler
 *       (Discord has not acted) or after it (Discord acted, the bot has no answer); the host is killed while
 *       the request is held, then the request is released, so Discord completes what the dead bot asked.
 *   <li>{@link #dispatch}: the host is killed inside the emulator's dispatch listener, right after a gateway
 *       event was written to the bot's socket, before the emulator goes on.
 *   <li>{@link #voice}: the host is killed inside the voice server's listener when the bot's voice
 *       connection reaches a state.
 * </ul>
 */
abstract class Trigger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CountDownLatch fired = new CountDownLatch(1);
    private final AtomicBoolean claimed = new AtomicBoolean();

    /** Starts watching; the host to kill is the world's current one. */
    abstract void arm(ProcessWorld world);

    /** Stops watching and lets anything held go. */
    abstract void disarm(ProcessWorld world);

    boolean fired() {
        return fired.getCount() == 0;
    }

    /**
     * Waits for the moment.
     *
     * @param timeout how long to wait
     * @return whether it came
     */
    boolean awaitFired(Duration timeout) {
        try {
            return fired.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Marks the moment once; {@code true} for the caller that got it. */
    protected boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    protected void markFired() {
        fired.countDown();
    }

    static Trigger rest(String method, String route, RequestHold.Phase phase, String contains) {
        return new RestTrigger(method, route, phase, contains);
    }

    static Trigger dispatch(String type, Predicate<JsonNode> data) {
        return new DispatchTrigger(type, data);
    }

    static Trigger voice(VoiceConnectionState state) {
        return new VoiceTrigger(state);
    }

    static Trigger manual(String moment) {
        return new ManualTrigger(moment);
    }

    /**
     * Called by the scenario at each quiet moment it passes; kills the host if this trigger waits for it.
     *
     * @param world the world
     * @param moment the moment's name
     */
    void at(ProcessWorld world, String moment) {}

    /** A quiet moment named by the scenario: the host is killed by the test thread when it gets there. */
    static final class ManualTrigger extends Trigger {
        private final String moment;

        ManualTrigger(String moment) {
            this.moment = moment;
        }

        @Override
        void arm(ProcessWorld world) {}

        @Override
        void disarm(ProcessWorld world) {}

        @Override
        void at(ProcessWorld world, String reached) {
            if (moment.equals(reached) && claim()) {
                world.host.kill();
                markFired();
            }
        }
    }

    static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The emulator dispatched data that is not JSON: " + data, e);
        }
    }

    /** A REST request held by the emulator; the test thread kills the host while it is held. */
    static final class RestTrigger extends Trigger {
        private final String method;
        private final String route;
        private final RequestHold.Phase phase;
        private final String contains;
        private RequestHold hold;
        private Thread watcher;
        private Instant armedAt;

        RestTrigger(String method, String route, RequestHold.Phase phase, String contains) {
            this.method = method;
            this.route = route;
            this.phase = phase;
            this.contains = contains;
        }

        @Override
        void arm(ProcessWorld world) {
            armedAt = Instant.now();
            hold = world.emulator.faults().hold(method, route, phase, contains);
            watcher = Thread.ofVirtual().name("kill-point-watcher").start(() -> {
                try {
                    if (hold.awaitArrival(Duration.ofMinutes(2)) && claim()) {
                        world.host.kill();
                        markFired();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        /** Releases the request and waits until Discord has finished it, so the restart sees what it did. */
        @Override
        void disarm(ProcessWorld world) {
            hold.release();
            watcher.interrupt();
            if (hold.hasArrived()) {
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                        .until(() -> world.control.requestLog(method, route).stream().anyMatch(
                                entry -> entry.path().equals(hold.heldPath()) && !entry.timestamp().isBefore(armedAt)));
            }
        }

    }

    /** A gateway dispatch; the host is killed inside the listener, right after the event was sent. */
    static final class DispatchTrigger extends Trigger {
        private final String type;
        private final Predicate<JsonNode> data;
        private Consumer<DispatchLogEntry> listener;

        DispatchTrigger(String type, Predicate<JsonNode> data) {
            this.type = type;
            this.data = data;
        }

        @Override
        void arm(ProcessWorld world) {
            listener = entry -> {
                if (entry.type().equals(type) && data.test(parse(entry.data())) && claim()) {
                    world.host.kill();
                    markFired();
                }
            };
            world.control.addDispatchListener(listener);
        }

        @Override
        void disarm(ProcessWorld world) {
            world.control.removeDispatchListener(listener);
        }

    }

    /** A state of the bot's voice connection; the host is killed inside the voice server's listener. */
    static final class VoiceTrigger extends Trigger {
        private final VoiceConnectionState state;
        private VoiceStateListener listener;

        VoiceTrigger(VoiceConnectionState state) {
            this.state = state;
        }

        @Override
        void arm(ProcessWorld world) {
            long guildId = world.guild.id();
            listener = (VoiceConnectionInfo connection, VoiceConnectionState previous) -> {
                if (connection.guildId() == guildId && connection.state() == state && claim()) {
                    world.host.kill();
                    markFired();
                }
            };
            world.emulator.voiceServer().addListener(listener);
        }

        @Override
        void disarm(ProcessWorld world) {
            world.emulator.voiceServer().removeListener(listener);
        }

    }
}
