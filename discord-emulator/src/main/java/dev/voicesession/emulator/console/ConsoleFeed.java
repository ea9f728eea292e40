package dev.voicesession.emulator.console;

import static dev.voicesession.emulator.console.ConsoleViews.map;

import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.core.GatewayEvent;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's live feed. The emulator's threads only queue changes here (they may hold the state's
 * lock); one worker thread turns them into {@link ConsoleEvent}s, polls the attached {@link ConsoleHost}
 * for its sessions and log, and hands every event to each subscriber, whose own thread writes it to its
 * server-sent event stream. The worker starts with the first subscriber.
 */
final class ConsoleFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleFeed.class);
    private static final Duration HOST_POLL = Duration.ofMillis(250);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    private static final int CHANGE_BACKLOG = 100_000;
    private static final int SUBSCRIBER_BACKLOG = 20_000;
    private static final int LOG_BATCH = 500;
    private static final Set<String> NOT_GUILD_CHANGES = Set.of("VOICE_SERVER_UPDATE", "INTERACTION_CREATE",
            "MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE", "READY", "RESUMED");

    /** A queued gateway event. */
    private record Dispatch(GatewayEvent event, boolean dispatched, Instant at) {}

    /** The bot's voice connection in a guild changed. */
    private record BotVoiceChange(long guildId) {}

    /** Another host was attached, or none: show it from scratch. */
    private record HostReplaced() {}

    private final EmulatorControl control;
    private final ConsoleViews views;
    private final Supplier<ConsoleHost> host;
    private final BlockingQueue<Object> changes = new LinkedBlockingQueue<>(CHANGE_BACKLOG);
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private Thread worker;
    private volatile boolean running;
    private volatile boolean closed;
    // Worker thread only.
    private String lastHostView;
    private long lastLogSequence;

    ConsoleFeed(EmulatorControl control, ConsoleViews views, Supplier<ConsoleHost> host) {
        this.control = control;
        this.views = views;
        this.host = host;
    }

    void gatewayEvent(GatewayEvent event, boolean dispatched) {
        offer(new Dispatch(event, dispatched, Instant.now()));
    }

    void request(RequestTail.Numbered request) {
        offer(request);
    }

    void botVoice(long guildId) {
        offer(new BotVoiceChange(guildId));
    }

    void hostReplaced() {
        offer(new HostReplaced());
    }

    private void offer(Object change) {
        if (running && !changes.offer(change)) {
            LOG.warn("Console feed backlog full; dropped a change of type '{}'", change.getClass().getSimpleName());
        }
    }

    /** Streams every event from now on to the client, starting with {@code hello}. */
    void subscribe(SseClient client) {
        if (closed) {
            client.close();
            return;
        }
        Subscriber subscriber = new Subscriber(client);
        client.onClose(() -> subscribers.remove(subscriber));
        client.keepAlive();
        subscriber.offer(ConsoleEvent.of("hello", map("serverTime", Instant.now())));
        subscribers.add(subscriber);
        Thread.ofVirtual().name("console-sse").start(subscriber::run);
        startWorker();
    }

    private synchronized void startWorker() {
        if (worker == null && !closed) {
            running = true;
            worker = Thread.ofPlatform().daemon().name("console-feed").start(this::work);
        }
    }

    private void work() {
        long nextPoll = 0;
        while (!closed) {
            try {
                Object change = changes.poll(HOST_POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (change != null) {
                    render(change).forEach(this::broadcast);
                }
                if (System.nanoTime() - nextPoll >= 0 && !subscribers.isEmpty()) {
                    pollHost();
                    nextPoll = System.nanoTime() + HOST_POLL.toNanos();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The worker serves every page: one bad change or a host failing mid-restart must not stop it.
                LOG.warn("Console feed could not publish a change", e);
            }
        }
    }

    private List<ConsoleEvent> render(Object change) {
        return switch (change) {
            case Dispatch d -> render(d);
            case RequestTail.Numbered r -> List.of(ConsoleEvent.of("request", views.request(r)));
            case BotVoiceChange v -> List.of(ConsoleEvent.of("botVoice", views.botVoice(v.guildId())));
            case HostReplaced h -> {
                lastHostView = null;
                lastLogSequence = 0;
                yield List.of();
            }
            default -> throw new IllegalStateException("Unknown console change " + change);
        };
    }

    private List<ConsoleEvent> render(Dispatch dispatch) {
        GatewayEvent event = dispatch.event();
        List<ConsoleEvent> events = new ArrayList<>();
        if (dispatch.dispatched()) {
            events.add(ConsoleEvent.of("gateway", map("type", event.type(), "guildId", event.guildId(),
                    "at", dispatch.at())));
        }
        if (event.type().startsWith("MESSAGE_")) {
            long messageId = Long.parseUnsignedLong(event.data().path("id").asText());
            control.message(messageId).ifPresent(m -> events.add(ConsoleEvent.of("message", views.message(m))));
        } else if (event.guildId() != 0 && !NOT_GUILD_CHANGES.contains(event.type())) {
            events.add(ConsoleEvent.of("guild", map("guildId", event.guildId(), "cause", event.type())));
        }
        return events;
    }

    private void pollHost() {
        ConsoleHost attached = host.get();
        String view = ConsoleJson.write(views.host(attached));
        if (!view.equals(lastHostView)) {
            lastHostView = view;
            broadcast(new ConsoleEvent("host", view));
        }
        if (attached != null) {
            List<ConsoleHost.LogLine> lines = attached.log(lastLogSequence, LOG_BATCH);
            if (!lines.isEmpty()) {
                lastLogSequence = lines.getLast().sequence();
                broadcast(ConsoleEvent.of("log", map("lines", lines)));
            }
        }
    }

    private void broadcast(ConsoleEvent event) {
        subscribers.forEach(s -> s.offer(event));
    }

    @Override
    public void close() {
        closed = true;
        running = false;
        subscribers.forEach(s -> s.client.close());
        synchronized (this) {
            if (worker != null) {
                worker.interrupt();
            }
        }
    }

    /** One open event stream and the events waiting to be written to it. */
    private final class Subscriber {
        private final SseClient client;
        private final BlockingQueue<ConsoleEvent> queue = new LinkedBlockingQueue<>(SUBSCRIBER_BACKLOG);

        Subscriber(SseClient client) {
            this.client = client;
        }

        void offer(ConsoleEvent event) {
            if (!queue.offer(event)) {
                LOG.warn("Console page is {} events behind; closing its stream so that it reloads",
                        SUBSCRIBER_BACKLOG);
                subscribers.remove(this);
                client.close();
            }
        }

        void run() {
            try {
                while (!closed && !client.terminated()) {
                    ConsoleEvent event = queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
                    if (event == null) {
                        client.sendComment("keep-alive");
                    } else {
                        client.sendEvent(event.name(), event.json());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                subscribers.remove(this);
            }
        }
    }
}
