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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongPredicate;
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
 *
 * <p><b>Durable.</b> Every request is a row of a {@link RequestStore}: inserted before its status message
 * is sent (the request's id is the row's), its status message recorded once sent, marked active before its
 * handler is called, and deleted when it ends, before its user is told it was cancelled. The writes are made
 * in the order of the state changes, on the {@link StoreWriter}'s thread. At start, {@link
 * #restore(StatusRestorer)} puts the waiting rows a previous run left back in line and deletes the active
 * ones. A request the store cannot keep (the database fails) is still served, and logged as one a restart
 * would lose.
 */
public final class ConversationQueueImpl implements ConversationQueue {

    private static final Logger log = LoggerFactory.getLogger(ConversationQueueImpl.class);
    /** A new request's position before the cluster's round told it. */
    private static final int UNKNOWN_POSITION = -1;

    private final int slots;
    private final Function<String, Optional<RequestHandler>> handlers;
    private final Executor executor;
    private final Clock clock;
    private final RequestRows rows;
    /** The slots of the whole cluster ({@code queue.scope: cluster}), or {@code null} for this process's own. */
    private final ClusterSlots cluster;
    private final AtomicBoolean pokeQueued = new AtomicBoolean();
    private final ArrivalClock arrivals;
    private final LongPredicate ownsGuild;

    private final ReentrantLock lock = new ReentrantLock();
    private final List<Request> pending = new ArrayList<>();
    private final Map<Long, Request> active = new LinkedHashMap<>();
    private final Map<Long, Request> byUser = new HashMap<>();
    private boolean closed;
    private boolean restored;

    /**
     * Creates a queue that keeps its requests in memory only, for tests and tools.
     *
     * @param slots how many requests may be active at once, at least one
     * @param handlers finds the handler of a request type; consulted at every submit
     * @param executor runs handlers and their callbacks, never on a JDA event thread
     * @param clock the clock for request timestamps
     */
    public ConversationQueueImpl(
            int slots, Function<String, Optional<RequestHandler>> handlers, Executor executor, Clock clock) {
        this(slots, handlers, executor, clock, StoreWriter.direct(new InMemoryRequestStore()), new ArrivalClock(clock),
                guildId -> true, null);
    }

    ConversationQueueImpl(int slots, Function<String, Optional<RequestHandler>> handlers, Executor executor,
            Clock clock, StoreWriter writer, ArrivalClock arrivals, LongPredicate ownsGuild, ClusterSlots cluster) {
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, was " + slots);
        }
        this.slots = slots;
        this.handlers = handlers;
        this.executor = executor;
        this.clock = clock;
        this.rows = new RequestRows(writer, ownsGuild);
        this.arrivals = arrivals;
        this.ownsGuild = ownsGuild;
        this.cluster = cluster;
    }

    /**
     * Creates the host's queue, whose requests are rows of {@code store}.
     *
     * @param slots how many requests may be active at once, at least one
     * @param handlers finds the handler of a request type; consulted at every submit and at the restore
     * @param executor runs handlers and their callbacks, never on a JDA event thread
     * @param clock the clock for request timestamps
     * @param store where requests are kept; written on a thread of the queue's own
     * @param arrivals the arrivals the command layer gives commands; requests without one get theirs here
     * @param ownsGuild tells whether this process serves a guild: rows of other guilds belong to another
     *     process of the bot and are never touched
     * @param cluster the slots shared by every process of the bot ({@code queue.scope: cluster}; {@code store}
     *     then announces its changes through it), or {@code null} for slots of this process's own
     * @return the queue; call {@link #restore(StatusRestorer)} before taking commands
     */
    public static ConversationQueueImpl durable(int slots, Function<String, Optional<RequestHandler>> handlers,
            Executor executor, Clock clock, RequestStore store, ArrivalClock arrivals, LongPredicate ownsGuild,
            ClusterSlots cluster) {
        return new ConversationQueueImpl(slots, handlers, executor, clock, StoreWriter.threaded(store), arrivals,
                ownsGuild, cluster);
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
        boolean unstored = false;
        boolean startsNow = false;
        Effects effects = new Effects();
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
                    long arrival = origin.arrival() == RequestOrigin.UNKNOWN_ARRIVAL ? arrivals.next() : origin.arrival();
                    Instant now = clock.instant();
                    StoredRequest row = new StoredRequest(0, type, origin.userId(), origin.userName(),
                            origin.guildId(), origin.channelId(), arrival, StoredRequest.State.WAITING, now, null,
                            origin.command(), null);
                    RequestRows.Inserted inserted = rows.insert(row, restored, this::known);
                    if (inserted.duplicate() != null) {
                        duplicate = inserted.duplicate();
                    } else if (cluster != null && inserted.id() < 0) {
                        // a request without a row cannot take its place in the cluster's line
                        unstored = true;
                    } else if (cluster != null) {
                        request = new Request(inserted.id(), type, handler.get(), origin, arrival, now);
                        int index = place(request);
                        // its place in the cluster's line; others may be granted by the same round
                        request.shownPosition = UNKNOWN_POSITION;
                        effects = pump();
                        if (request.shownPosition == UNKNOWN_POSITION) {
                            // the round failed: this process's own line says what it can
                            request.shownPosition = index < freeSlots() ? 0 : positionAt(index);
                        }
                        startsNow = request.shownPosition == 0;
                    } else {
                        request = new Request(inserted.id(), type, handler.get(), origin, arrival, now);
                        int index = place(request);
                        // In line for a free slot: granted once its status message is sent.
                        startsNow = index < freeSlots();
                        request.shownPosition = startsNow ? 0 : positionAt(index);
                    }
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
        if (unstored) {
            return refuse(origin, null, "Your " + type + " request cannot be queued right now: the bot cannot reach"
                    + " its database. Please try again in a moment.")
                    .thenApply(ignored -> {
                        throw new QueueException("Cannot store the " + type + " request of user '" + origin.userId()
                                + "' in the cluster's queue", null);
                    });
        }
        effects.apply();
        Request queued = request;
        int position = startsNow ? 1 : queued.shownPosition;
        log.info("Request '{}' of type '{}' queued for user '{}' at position {}{}", queued.id, type, origin.userId(),
                position, startsNow ? " (a slot is free)" : "");
        String text = startsNow
                ? HandlerCalls.startingStatus(queued.handler, queued.snapshot(position))
                : HandlerCalls.pendingStatus(queued.handler, queued.snapshot(position), position);
        return sendStatus(origin, text, 0).handle((status, error) -> onStatusSent(queued, status, error, text));
    }

    /** Puts a request in line by its arrival among the waiting; returns its index. Under the lock. */
    private int place(Request request) {
        // A command received earlier may reach the queue later.
        int index = pending.size();
        while (index > 0 && pending.get(index - 1).arrival > request.arrival) {
            index--;
        }
        pending.add(index, request);
        byUser.put(request.origin.userId(), request);
        return index;
    }

    /** Whether a request is in line or holds a slot in this process. Under the lock. */
    private boolean known(long id) {
        return active.containsKey(id) || pending.stream().anyMatch(request -> request.id == id);
    }

    /**
     * Sends a request's status message, trying again as {@link TransientFailures} says when it fails for a
     * reason that may pass. Discord refusing it (a 4xx) is final: the request is then dropped, since its user
     * cannot be told anything.
     */
    private CompletableFuture<StatusMessage> sendStatus(RequestOrigin origin, String text, int retries) {
        CompletableFuture<StatusMessage> sent;
        try {
            sent = origin.reply().apply(text);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.exceptionallyCompose(error -> {
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
                    rows.recordStatus(request.id, status);
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
            log.warn("Request '{}' of user '{}' dropped: its status message could not be sent", request.id,
                    request.origin.userId(), error);
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
        CompletableFuture<Void> deleted;
        lock.lock();
        try {
            request = byUser.get(userId);
            if (request == null || !request.isPending()) {
                return Optional.empty();
            }
            entry = snapshot(request);
            updater = request.updater;
            deleted = remove(request);
            effects = pump();
        } finally {
            lock.unlock();
        }
        effects.apply();
        log.info("Request '{}' of user '{}' cancelled", request.id, userId);
        // Told once the row is gone: a crash before that keeps the request in line, and its user is told so.
        deleted.thenRun(() -> {
            if (updater != null) {
                updater.show("Your " + request.type + " request was cancelled.");
            }
            executor.execute(() -> HandlerCalls.notifyCancelled(request.handler, entry));
        });
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
        List<CompletableFuture<Void>> deletes = new ArrayList<>();
        int stillActive;
        lock.lock();
        try {
            closed = true;
            cancelled = List.copyOf(pending);
            for (Request request : cancelled) {
                entries.add(snapshot(request));
                statuses.add(request.updater);
            }
            cancelled.forEach(request -> deletes.add(remove(request)));
            stillActive = active.size();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < cancelled.size(); i++) {
            Request request = cancelled.get(i);
            QueueEntry entry = entries.get(i);
            StatusUpdater status = statuses.get(i);
            deletes.get(i).thenRun(() -> {
                if (status != null) {
                    status.show("The bot is shutting down; your " + request.type + " request was cancelled.");
                }
                executor.execute(() -> HandlerCalls.notifyCancelled(request.handler, entry));
            });
        }
        log.info("Queue closed; {} pending request(s) cancelled, {} still active", cancelled.size(), stillActive);
    }

    /**
     * Waits until the store has every write made so far, for an orderly stop before the database closes.
     *
     * @param deadline how long to wait
     */
    public void flushStore(Duration deadline) {
        if (cluster != null) {
            cluster.close();
        }
        rows.flush(deadline);
    }

    /** Drops the store writes not made yet, as a crash would. */
    public void abandonStore() {
        if (cluster != null) {
            cluster.close();
        }
        rows.abandon();
    }

    /**
     * Runs a grant round now, for a change of the cluster's line that another process announced or a
     * heartbeat; several pokes before the round starts make one round. Returns at once.
     */
    void poke() {
        if (pokeQueued.getAndSet(true)) {
            return;
        }
        try {
            executor.execute(() -> {
                pokeQueued.set(false);
                Effects effects;
                lock.lock();
                try {
                    effects = pump();
                } finally {
                    lock.unlock();
                }
                effects.apply();
            });
        } catch (RejectedExecutionException e) {
            // the host is stopping: its last releases ran their own rounds
            pokeQueued.set(false);
            log.debug("No grant round: the host's workers are stopped");
        }
    }

    /**
     * Puts back in line the waiting requests that a previous run of this process left in the store, and
     * deletes its active ones (each plugin's own reconciliation ends what they had started). Called once at
     * start, after the plugins' handlers are registered and their startup participants ran, and before
     * commands are taken. Rows of guilds this process does not serve are left to their own process.
     *
     * <p>A restored request keeps its place (its arrival) and its id; its status message is edited with its
     * position (or the handler's starting text when a slot is free) through {@code restorer}, and it can be
     * granted once that is done, as a new request once its status message is sent. A request whose type no
     * handler serves any more is deleted and its user told why; one whose user cannot be reached any more
     * (the guild, channel and message are gone) is deleted and logged.
     *
     * @param restorer reaches the users of stored requests
     * @return what was restored, dropped and deleted
     * @throws dev.voicesession.host.db.DatabaseException if the store cannot be read
     */
    public RestoreReport restore(StatusRestorer restorer) {
        List<StoredRequest> waitingRows = rows.list(StoredRequest.State.WAITING);
        List<StoredRequest> activeRows = rows.list(StoredRequest.State.ACTIVE);
        int stale = 0;
        List<StoredRequest> dropped = new ArrayList<>();
        List<CompletableFuture<Void>> droppedDeletes = new ArrayList<>();
        List<Request> back = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Effects effects = new Effects();
        lock.lock();
        try {
            for (StoredRequest row : activeRows) {
                if (ownsGuild.test(row.guildId()) && !active.containsKey(row.id())) {
                    stale++;
                    log.info("Request '{}' of user '{}' held a slot when the previous run ended; its row is deleted",
                            row.id(), row.userId());
                    rows.delete(row.id());
                }
            }
            for (StoredRequest row : waitingRows) {
                if (!ownsGuild.test(row.guildId()) || known(row.id()) || byUser.containsKey(row.userId())) {
                    continue;
                }
                Optional<RequestHandler> handler = handlers.apply(row.type());
                if (handler.isEmpty()) {
                    dropped.add(row);
                    droppedDeletes.add(rows.delete(row.id()));
                    continue;
                }
                RequestOrigin origin = new RequestOrigin(row.userId(), row.guildId(), row.channelId(),
                        text -> restorer.reopen(row, text), row.arrival(), row.userName(), row.command());
                Request request = new Request(row.id(), row.type(), handler.get(), origin, row.arrival(), row.createdAt());
                place(request);
                arrivals.advancePast(row.arrival());
                back.add(request);
            }
            if (cluster != null) {
                // the rows are this process's now, with a lease; the round tells their places in the cluster's line
                rows.takeOver(cluster, back.stream().map(request -> request.id).toList());
                back.forEach(request -> request.shownPosition = UNKNOWN_POSITION);
                effects = pump();
            }
            for (Request request : back) {
                int index = pending.indexOf(request);
                boolean told = cluster != null && request.shownPosition != UNKNOWN_POSITION;
                boolean startsNow = told ? request.shownPosition == 0 : index < freeSlots();
                int position = told ? request.shownPosition : positionAt(index);
                request.shownPosition = startsNow ? 0 : position;
                texts.add(startsNow
                        ? HandlerCalls.startingStatus(request.handler, request.snapshot(1))
                        : HandlerCalls.pendingStatus(request.handler, request.snapshot(position), position));
            }
            restored = true;
        } finally {
            lock.unlock();
        }
        effects.apply();
        if (cluster != null) {
            cluster.start(() -> {
                rows.renew(cluster);
                poke();
            }, this::poke);
        }
        for (int i = 0; i < dropped.size(); i++) {
            StoredRequest row = dropped.get(i);
            log.info("Request '{}' of user '{}' dropped at restore: no plugin handles type '{}' any more", row.id(),
                    row.userId(), row.type());
            String text = "Your " + row.type() + " request was dropped when the bot restarted: nothing on this bot"
                    + " handles '" + row.type() + "' requests any more.";
            droppedDeletes.get(i).thenCompose(ignored -> tell(restorer, row, text));
        }
        for (int i = 0; i < back.size(); i++) {
            Request request = back.get(i);
            String text = texts.get(i);
            if (request.shownPosition == 0) {
                log.info("Request '{}' of type '{}' of user '{}' restored; a slot is free", request.id, request.type,
                        request.origin.userId());
            } else {
                log.info("Request '{}' of type '{}' of user '{}' restored at position {}", request.id, request.type,
                        request.origin.userId(), request.shownPosition);
            }
            sendStatus(request.origin, text, 0).handle((status, error) -> onStatusSent(request, status, error, text));
        }
        RestoreReport report = new RestoreReport(back.size(), dropped.size(), stale);
        log.info("Queue restored: {} waiting request(s) back in line, {} dropped, {} stale active row(s) deleted",
                report.restored(), report.dropped(), report.staleActive());
        return report;
    }

    private static CompletableFuture<StatusMessage> tell(StatusRestorer restorer, StoredRequest row, String text) {
        CompletableFuture<StatusMessage> told;
        try {
            told = restorer.reopen(row, text);
        } catch (RuntimeException e) {
            told = CompletableFuture.failedFuture(e);
        }
        return told.whenComplete((status, error) -> {
            if (error != null) {
                log.info("Cannot tell user '{}' that request '{}' was dropped: {}", row.userId(), row.id(),
                        TransientFailures.describe(error));
            }
        });
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
                entries.add(pending.get(i).snapshot(linePosition(pending.get(i), i)));
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
            delete(request);
            effects = pump();
        } finally {
            lock.unlock();
        }
        log.info("Request '{}' of user '{}' released its slot", request.id, request.origin.userId());
        effects.apply();
    }

    /** Removes a pending request. Under the lock. */
    private CompletableFuture<Void> remove(Request request) {
        pending.remove(request);
        byUser.remove(request.origin.userId(), request);
        request.phase = Request.Phase.GONE;
        if (request.updater != null) {
            request.updater.endPositions();
        }
        return delete(request);
    }

    /** Deletes a request's row. Under the lock, so that the writes keep the order of the state changes. */
    private CompletableFuture<Void> delete(Request request) {
        return rows.delete(request.id);
    }

    /** Grants free slots to the head of the queue and computes position updates. Under the lock. */
    private Effects pump() {
        if (cluster != null) {
            return clusterPump();
        }
        Effects effects = new Effects();
        while (active.size() < slots && !pending.isEmpty() && pending.getFirst().phase == Request.Phase.PENDING) {
            Request request = pending.removeFirst();
            request.phase = Request.Phase.ACTIVE;
            request.grantedAt = clock.instant();
            request.updater.endPositions();
            active.put(request.id, request);
            Instant grantedAt = request.grantedAt;
            // Marked before the handler hears of it: a crash in between leaves the request waiting, not started.
            CompletableFuture<Void> marked = rows.markActive(request.id, grantedAt);
            effects.grants.add(new Grant(new Ticket(this, request, request.snapshot(0), request.updater), request.handler,
                    marked));
        }
        for (int i = freeSlots(); i < pending.size(); i++) {
            Request request = pending.get(i);
            int position = positionAt(i);
            if (request.updater != null && request.shownPosition != position) {
                request.shownPosition = position;
                request.updateSequence++;
                effects.updates.add(new PositionUpdate(request, request.snapshot(position), request.updateSequence));
            }
        }
        return effects;
    }

    /**
     * {@link #pump()} for the cluster's slots: a grant round decides which of this process's requests get a
     * slot, and tells the places of the others in the cluster's line. Under the lock.
     */
    private Effects clusterPump() {
        Effects effects = new Effects();
        java.util.Set<Long> ready = new java.util.HashSet<>();
        for (Request request : pending) {
            if (request.phase == Request.Phase.PENDING) {
                ready.add(request.id);
            }
        }
        ClusterSlots.Round round = rows.round(cluster, ready);
        for (Request request : List.copyOf(pending)) {
            if (round.granted().contains(request.id)) {
                pending.remove(request);
                request.phase = Request.Phase.ACTIVE;
                request.grantedAt = clock.instant();
                request.updater.endPositions();
                active.put(request.id, request);
                // the round marked it active
                effects.grants.add(new Grant(new Ticket(this, request, request.snapshot(0), request.updater),
                        request.handler, CompletableFuture.completedFuture(null)));
                continue;
            }
            Integer position = round.positions().get(request.id);
            if (position == null || position == request.shownPosition) {
                continue;
            }
            request.shownPosition = position;
            if (request.updater != null && position > 0) {
                // only a request whose status message is sent has a writer to show its new place
                request.updateSequence++;
                effects.updates.add(new PositionUpdate(request, request.snapshot(position), request.updateSequence));
            }
        }
        return effects;
    }

    /**
     * Slots free now, which the first requests in line take as soon as their status messages are sent (a
     * request whose message is still being sent cannot be granted yet). Under the lock.
     */
    private int freeSlots() {
        return Math.max(0, slots - active.size());
    }

    /**
     * The position to show the request at {@code index} in line, which is not among the first {@link
     * #freeSlots()}: its place among those that will still wait once those are granted. Under the lock.
     */
    private int positionAt(int index) {
        return index + 1 - freeSlots();
    }

    private QueueEntry snapshot(Request request) {
        return request.snapshot(linePosition(request, pending.indexOf(request)));
    }

    /** The position a pending request's entry tells: in the cluster's line, or in this process's. */
    private int linePosition(Request request, int index) {
        return cluster != null ? Math.max(1, request.shownPosition) : index + 1;
    }

    private void grant(Grant grant) {
        Ticket ticket = grant.ticket();
        RequestHandler handler = grant.handler();
        grant.marked().thenRun(() -> {
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
        });
    }

    private record PositionUpdate(Request request, QueueEntry entry, long sequence) {}

    private record Grant(Ticket ticket, RequestHandler handler, CompletableFuture<Void> marked) {}

    /** What a state change asks for once the lock is released. */
    private final class Effects {
        final List<Grant> grants = new ArrayList<>();
        final List<PositionUpdate> updates = new ArrayList<>();

        void apply() {
            for (PositionUpdate update : updates) {
                String text = HandlerCalls.pendingStatus(update.request().handler, update.entry(),
                        update.entry().position());
                update.request().updater.update(update.sequence(), text);
            }
            for (Grant grant : grants) {
                grant(grant);
            }
        }
    }
}
