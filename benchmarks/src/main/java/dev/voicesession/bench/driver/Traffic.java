package dev.voicesession.bench.driver;

import dev.voicesession.bench.BenchException;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.model.DispatchLogEntry;
import dev.voicesession.emulator.model.RequestLogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the bot sent the emulator and what the emulator dispatched, as the emulator logged them (with its
 * monotonic timestamps), kept for the whole benchmark phase; and waits for a request without polling.
 *
 * <p>Dispatches that a driver thread causes (a user's message, voice join or leave) are dispatched on that
 * thread inside the control call, so {@link #capture} hands them back to it exactly.
 */
public final class Traffic {
    private static final ThreadLocal<List<DispatchLogEntry>> CAPTURE = new ThreadLocal<>();

    private final Object lock = new Object();
    private final List<RequestLogEntry> requests = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private final Map<String, Map<Integer, Stamp>> dispatches = new HashMap<>();
    private final Map<Long, List<Long>> botVoiceStates = new HashMap<>();
    private final String botId;
    private String currentSession = "";

    /** A dispatch's type and monotonic time. */
    public record Stamp(String type, long nanoTime) {}

    /** What a control call returned, with the dispatches it caused. */
    public record Captured<T>(T result, List<DispatchLogEntry> dispatches) {
        /** The first caused dispatch of a type. */
        public DispatchLogEntry first(String type) {
            return dispatches.stream().filter(d -> d.type().equals(type)).findFirst().orElseThrow(
                    () -> new BenchException("The control call caused no " + type + " dispatch"));
        }
    }

    private record Waiter(int from, Predicate<RequestLogEntry> predicate, CompletableFuture<RequestLogEntry> found) {}

    private Traffic(long botId) {
        this.botId = "\"" + Long.toUnsignedString(botId) + "\"";
    }

    /** Listens to an emulator from now on. */
    public static Traffic attach(EmulatorControl control) {
        Traffic traffic = new Traffic(control.bot().id());
        control.addRequestListener(traffic::onRequest);
        control.addDispatchListener(traffic::onDispatch);
        return traffic;
    }

    private void onRequest(RequestLogEntry entry) {
        synchronized (lock) {
            requests.add(entry);
            int index = requests.size() - 1;
            Iterator<Waiter> it = waiters.iterator();
            while (it.hasNext()) {
                Waiter waiter = it.next();
                if (index >= waiter.from() && waiter.predicate().test(entry)) {
                    waiter.found().complete(entry);
                    it.remove();
                }
            }
        }
    }

    private void onDispatch(DispatchLogEntry entry) {
        synchronized (lock) {
            dispatches.computeIfAbsent(entry.sessionId(), s -> new HashMap<>())
                    .put(entry.sequence(), new Stamp(entry.type(), entry.nanoTime()));
            if (entry.type().equals("READY")) {
                currentSession = entry.sessionId();
            }
            if (entry.type().equals("VOICE_STATE_UPDATE") && entry.data().contains("\"user_id\":" + botId)) {
                botVoiceStates.computeIfAbsent(entry.guildId(), g -> new ArrayList<>()).add(entry.nanoTime());
            }
        }
        List<DispatchLogEntry> capture = CAPTURE.get();
        if (capture != null) {
            capture.add(entry);
        }
    }

    /** Runs a control call and returns what it returned and the dispatches it caused, in order. */
    public <T> Captured<T> capture(Supplier<T> action) {
        List<DispatchLogEntry> caught = new ArrayList<>();
        CAPTURE.set(caught);
        try {
            return new Captured<>(action.get(), List.copyOf(caught));
        } finally {
            CAPTURE.remove();
        }
    }

    /** Runs a control call that returns nothing and returns the dispatches it caused. */
    public List<DispatchLogEntry> capture(Runnable action) {
        return capture(() -> {
            action.run();
            return Boolean.TRUE;
        }).dispatches();
    }

    /** The position of the next request; pass it to {@link #await} and {@link #since}. */
    public int mark() {
        synchronized (lock) {
            return requests.size();
        }
    }

    /** Waits for the first request at or after {@code from} that matches; fails after {@code timeout}. */
    public RequestLogEntry await(int from, String what, Predicate<RequestLogEntry> predicate, Duration timeout) {
        CompletableFuture<RequestLogEntry> found = new CompletableFuture<>();
        synchronized (lock) {
            for (int i = from; i < requests.size(); i++) {
                if (predicate.test(requests.get(i))) {
                    return requests.get(i);
                }
            }
            waiters.add(new Waiter(from, predicate, found));
        }
        try {
            return found.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            synchronized (lock) {
                waiters.removeIf(w -> w.found() == found);
            }
            throw new BenchException("Timed out after " + timeout.toSeconds() + " s waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new BenchException("Waiting for " + what + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("Interrupted while waiting for " + what, e);
        }
    }

    /** The requests from {@code from} (a {@link #mark()}) to now. */
    public List<RequestLogEntry> since(int from) {
        synchronized (lock) {
            return List.copyOf(requests.subList(Math.min(from, requests.size()), requests.size()));
        }
    }

    /** The requests between two marks. */
    public List<RequestLogEntry> between(int from, int to) {
        synchronized (lock) {
            return List.copyOf(requests.subList(Math.min(from, requests.size()), Math.min(to, requests.size())));
        }
    }

    /** The dispatch with a sequence number in the bot's current gateway session (the latest READY). */
    public Stamp dispatch(int sequence) {
        synchronized (lock) {
            Map<Integer, Stamp> session = dispatches.get(currentSession);
            return session == null ? null : session.get(sequence);
        }
    }

    /** When the emulator dispatched the bot's own voice state updates in a guild (its op 4 arrived), in order. */
    public List<Long> botVoiceStates(long guildId) {
        synchronized (lock) {
            return List.copyOf(botVoiceStates.getOrDefault(guildId, List.of()));
        }
    }

    /** How many gateway sessions received dispatches (more than one means the bot reconnected). */
    public int gatewaySessions() {
        synchronized (lock) {
            return dispatches.size();
        }
    }
}
