package dev.voicesession.host.queue;

import dev.voicesession.api.command.CommandEvent;
import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.api.queue.ConversationQueue;
import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.RequestHandler;
import dev.voicesession.api.queue.SubmitResult;
import dev.voicesession.api.queue.SubmitResult.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's {@link ConversationQueue}.
 *
 * <p>Waiting requests are kept in the order the bot received their commands ({@link ArrivalOrder}), which
 * is first come, first served even though commands run on threads of their own.
 *
 * <p>Every change of queue state happens under one lock; Discord I/O (status messages and their edits)
 * and plugin code (handlers) run after the lock is released, from the list of {@link Effects} the
 * change produced. A request is sent its status message before it can be granted, so a ticket always
 * has one; a request whose status message is still being sent holds its place and blocks those behind
 * it, which keeps the order first-in, first-out.
 *
 * <p>A request that a free slot takes at once is sent its handler's {@linkplain RequestHandler#startingStatus
 * starting text}, never a position. From then on one {@link StatusUpdater} per request is the only writer of
 * its status message: positions, the handler's texts through the ticket, and the failure or cancellation.
 */
public final class ConversationQueueImpl implements ConversationQueue {

    private static final Logger log = LoggerFactory.getLogger(ConversationQueueImpl.class);

    private final int slots;
    private final Function<String, Optional<RequestHandler>> handlers;
    private final Executor executor;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Request> pending = new ArrayList<>();
    private final Map<Long, Request> active = new LinkedHashMap<>();
    private final Map<Long, Request> byUser = new HashMap<>();
    private long nextId = 1;
    private boolean closed;

    /**
     * Creates the queue.
     *
     * @param slots how many requests may be active at once, at least one
     * @param handlers finds the handler of a request type; consulted at every submit
     * @param executor runs handlers and their callbacks, never on a JDA event thread
     * @param clock the clock for request timestamps
     */
    public ConversationQueueImpl(
            int slots, Function<String, Optional<RequestHandler>> handlers, Executor executor, Clock clock) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, was " + slots);
        }
        this.slots = slots;
        this.handlers = handlers;
        this.executor = executor;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<SubmitResult> submit(String type, CommandEvent origin) {
        return submit(type, RequestOrigin.of(origin));
    }

    /**
     * Adds a request, as {@link #submit(String, CommandEvent)} does.
     *
     * @param type the request type
     * @param origin who asks and how to reply to them
     * @return a future with the outcome
     */
    public CompletableFuture<SubmitResult> submit(String type, RequestOrigin origin) {
        Request request = null;
        QueueEntry duplicate = null;
        boolean refusedClosed = false;
        boolean startsNow = false;
        Optional<RequestHandler> handler = Optional.empty();
        lock.lock();
        try {
            if (closed) {
                refusedClosed = true;
            } else {
                handler = handlers.apply(type);
                Request existing = byUser.get(origin.userId());
                if (handler.isPresent() && existing != null) {
                    duplicate = snapshot(existing);
                } else if (handler.isPresent()) {
                    request = new Request(nextId++, type, handler.get(), origin, clock.instant());
                    // By arrival among the waiting: a command received earlier may reach the queue later.
                    int index = pending.size();
                    while (index > 0 && pending.get(index - 1).origin.arrival() > origin.arrival()) {
                        index--;
                    }
                    pending.add(index, request);
                    byUser.put(origin.userId(), request);
                    // First in line with a slot free: granted once its status message is sent.
                    startsNow = index == 0 && active.size() < slots;
                    request.shownPosition = startsNow ? 0 : index + 1;
                }
            }
        } finally {
            lock.unlock();
        }
        if (refusedClosed) {
            return refuse(origin, Outcome.CLOSED, "The bot is shutting down and takes no new requests.");
        }
        if (handler.isEmpty()) {
            return refuse(origin, Outcome.NO_HANDLER, "Nothing on this bot handles '" + type + "' requests right now.");
        }
        if (duplicate != null) {
            return CompletableFuture.completedFuture(new SubmitResult(Outcome.DUPLICATE, duplicate));
        }
        Request queued = request;
        int position = startsNow ? 1 : queued.shownPosition;
        log.info("Request '{}' of type '{}' queued for user '{}' at position {}{}", queued.id, type, origin.userId(),
                position, startsNow ? " (a slot is free)" : "");
        String text = startsNow
                ? startingStatus(queued.handler, queued.snapshot(position))
                : pendingStatus(queued.handler, queued.snapshot(position), position);
        return sendStatus(origin, text, 0).handle((status, error) -> onStatusSent(queued, status, error, text));
    }

    /**
     * Sends a request's status message, trying again as {@link TransientFailures} says when it fails for a
     * reason that may pass. Discord refusing it (a 4xx) is final: the request is then dropped, since its user
     * cannot be told anything.
     */
    private CompletableFuture<StatusMessage> sendStatus(RequestOrigin origin, String text, int retries) {
        return origin.reply().apply(text).exceptionallyCompose(error -> {
            if (!TransientFailures.retry(error, retries)) {
                return CompletableFuture.failedFuture(error);
            }
            Duration pause = TransientFailures.pauseBefore(retries + 1);
            log.warn("Cannot send the status message to user '{}' in channel '{}' (retry {} follows in {} ms)",
                    origin.userId(), origin.channelId(), retries + 1, pause.toMillis(), error);
            Executor later = CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS, executor);
            return CompletableFuture.runAsync(() -> { }, later).thenCompose(ignored -> sendStatus(origin, text, retries + 1));
        });
    }

    private SubmitResult onStatusSent(Request request, StatusMessage status, Throwable error, String text) {
        Effects effects;
        SubmitResult result;
        boolean cancelledMeanwhile;
        lock.lock();
        try {
            if (error != null) {
                if (request.isPending()) {
                    remove(request);
                }
                effects = pump();
                result = null;
                cancelledMeanwhile = false;
            } else {
                request.status = status;
                request.updater = new StatusUpdater(status, text, executor,
                        "request '" + request.id + "' of user '" + request.origin.userId() + "'");
                cancelledMeanwhile = request.phase == Request.Phase.GONE;
                if (!cancelledMeanwhile) {
                    request.phase = Request.Phase.PENDING;
                } else {
                    request.updater.endPositions();
                }
                effects = pump();
                result = new SubmitResult(Outcome.QUEUED, snapshot(request));
            }
        } finally {
            lock.unlock();
        }
        effects.apply();
        if (error != null) {
            log.warn("Request '{}' dropped: its status message could not be sent", request.id, error);
            throw new QueueException("Cannot send the status message of request " + request.id, error);
        }
        if (cancelledMeanwhile) {
            request.updater.show("Your " + request.type + " request was cancelled.");
        }
        return result;
    }

    private CompletableFuture<SubmitResult> refuse(RequestOrigin origin, Outcome outcome, String text) {
        return origin.reply().apply(text).handle((status, error) -> {
            if (error != null) {
                log.warn("Cannot tell user '{}' that their request was refused ({})", origin.userId(), outcome, error);
            }
            return new SubmitResult(outcome, null);
        });
    }

    @Override
    public Optional<QueueEntry> cancelPending(long userId) {
        Request request;
        QueueEntry entry;
        StatusUpdater updater;
        Effects effects;
        lock.lock();
        try {
            request = byUser.get(userId);
            if (request == null || !request.isPending()) {
                return Optional.empty();
            }
            entry = snapshot(request);
            updater = request.updater;
            remove(request);
            effects = pump();
        } finally {
            lock.unlock();
        }
        effects.apply();
        log.info("Request '{}' of user '{}' cancelled", request.id, userId);
        if (updater != null) {
            updater.show("Your " + request.type + " request was cancelled.");
        }
        executor.execute(() -> notifyCancelled(request.handler, entry));
        return Optional.of(entry);
    }

    /**
     * Stops taking requests and cancels every pending one, telling its user and its handler. Active
     * requests keep their slots until their handlers complete them.
     */
    public void close() {
        List<Request> cancelled;
        List<QueueEntry> entries = new ArrayList<>();
        List<StatusUpdater> statuses = new ArrayList<>();
        int stillActive;
        lock.lock();
        try {
            closed = true;
            cancelled = List.copyOf(pending);
            for (Request request : cancelled) {
                entries.add(snapshot(request));
                statuses.add(request.updater);
            }
            cancelled.forEach(this::remove);
            stillActive = active.size();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < cancelled.size(); i++) {
            Request request = cancelled.get(i);
            QueueEntry entry = entries.get(i);
            if (statuses.get(i) != null) {
                statuses.get(i).show("The bot is shutting down; your " + request.type + " request was cancelled.");
            }
            executor.execute(() -> notifyCancelled(request.handler, entry));
        }
        log.info("Queue closed; {} pending request(s) cancelled, {} still active", cancelled.size(), stillActive);
    }

    @Override
    public Optional<QueueEntry> findByUser(long userId) {
        lock.lock();
        try {
            return Optional.ofNullable(byUser.get(userId)).map(this::snapshot);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<QueueEntry> entries() {
        lock.lock();
        try {
            List<QueueEntry> entries = new ArrayList<>();
            active.values().forEach(request -> entries.add(request.snapshot(0)));
            for (int i = 0; i < pending.size(); i++) {
                entries.add(pending.get(i).snapshot(i + 1));
            }
            return List.copyOf(entries);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int slots() {
        return slots;
    }

    /** Frees the slot of a request whose ticket was just completed or failed; called once per ticket. */
    void release(Request request) {
        Effects effects;
        lock.lock();
        try {
            if (active.remove(request.id) == null) {
                throw new IllegalStateException("request " + request.id + " released but not active");
            }
            byUser.remove(request.origin.userId(), request);
            request.phase = Request.Phase.GONE;
            effects = pump();
        } finally {
            lock.unlock();
        }
        log.info("Request '{}' of user '{}' released its slot", request.id, request.origin.userId());
        effects.apply();
    }

    /** Removes a pending request. Under the lock. */
    private void remove(Request request) {
        pending.remove(request);
        byUser.remove(request.origin.userId(), request);
        request.phase = Request.Phase.GONE;
        if (request.updater != null) {
            request.updater.endPositions();
        }
    }

    /** Grants free slots to the head of the queue and computes position updates. Under the lock. */
    private Effects pump() {
        Effects effects = new Effects();
        while (active.size() < slots && !pending.isEmpty() && pending.getFirst().phase == Request.Phase.PENDING) {
            Request request = pending.removeFirst();
            request.phase = Request.Phase.ACTIVE;
            request.grantedAt = clock.instant();
            request.updater.endPositions();
            active.put(request.id, request);
            effects.grants.add(new Grant(new Ticket(this, request, request.snapshot(0), request.updater), request.handler));
        }
        for (int i = 0; i < pending.size(); i++) {
            Request request = pending.get(i);
            int position = i + 1;
            if (request.updater != null && request.shownPosition != position) {
                request.shownPosition = position;
                request.updateSequence++;
                effects.updates.add(new PositionUpdate(request, request.snapshot(position), request.updateSequence));
            }
        }
        return effects;
    }

    private QueueEntry snapshot(Request request) {
        return request.snapshot(pending.indexOf(request) + 1);
    }

    private static String pendingStatus(RequestHandler handler, QueueEntry entry, int position) {
        try {
            return handler.pendingStatus(entry, position);
        } catch (RuntimeException e) {
            log.error("Handler '{}' failed to describe request '{}'", handler.getClass().getName(), entry.id(), e);
            return "Your " + entry.type() + " request is queued, position " + position + ".";
        }
    }

    private static String startingStatus(RequestHandler handler, QueueEntry entry) {
        try {
            return handler.startingStatus(entry);
        } catch (RuntimeException e) {
            log.error("Handler '{}' failed to describe request '{}'", handler.getClass().getName(), entry.id(), e);
            return "Your " + entry.type() + " request is starting...";
        }
    }

    private static void notifyCancelled(RequestHandler handler, QueueEntry entry) {
        try {
            handler.onCancelled(entry);
        } catch (RuntimeException | LinkageError e) {
            // task boundary around plugin code
            log.error("Handler '{}' failed on the cancellation of request '{}'", handler.getClass().getName(),
                    entry.id(), e);
        }
    }

    private void grant(Ticket ticket, RequestHandler handler) {
        log.info("Request '{}' of user '{}' granted a slot", ticket.entry().id(), ticket.entry().userId());
        executor.execute(() -> {
            try {
                handler.onGranted(ticket);
            } catch (RuntimeException | LinkageError e) {
                // task boundary around plugin code: the request must not keep its slot
                log.error("Handler '{}' failed on request '{}' of user '{}'", handler.getClass().getName(),
                        ticket.entry().id(), ticket.entry().userId(), e);
                ticket.fail("Something went wrong while starting your " + ticket.entry().type() + " request.");
            }
        });
    }

    private record PositionUpdate(Request request, QueueEntry entry, long sequence) {}

    private record Grant(Ticket ticket, RequestHandler handler) {}

    /** What a state change asks for once the lock is released. */
    private final class Effects {
        final List<Grant> grants = new ArrayList<>();
        final List<PositionUpdate> updates = new ArrayList<>();

        void apply() {
            for (PositionUpdate update : updates) {
                String text = pendingStatus(update.request().handler, update.entry(), update.entry().position());
                update.request().updater.update(update.sequence(), text);
            }
            for (Grant grant : grants) {
                grant(grant.ticket(), grant.handler());
            }
        }
    }
}
