package dev.voicesession.host.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.RequestHandler;
import dev.voicesession.api.queue.RequestTicket;
import dev.voicesession.api.queue.SubmitResult;
import dev.voicesession.api.queue.SubmitResult.Outcome;
import dev.voicesession.host.db.DatabaseException;
import dev.voicesession.host.support.FakeUsers;
import dev.voicesession.host.support.MutableClock;
import dev.voicesession.host.support.RecordingHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The queue's rows and what a restart makes of them, over an in-memory store and on one thread: a new
 * queue over the store that a previous one left is the process after a crash.
 */
class QueueRestoreTest {

    private static final long GUILD = 400;
    private static final long OTHER_GUILD = 401;
    private static final long CHANNEL = 500;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryRequestStore store = new InMemoryRequestStore();
    private final FakeUsers users = new FakeUsers();
    private final RecordingHandler voice = new RecordingHandler("voice");
    private final Restorer restorer = new Restorer();

    private ConversationQueueImpl queue(int slots, RequestStore rows, RequestHandler... handlers) {
        Map<String, RequestHandler> byType = new HashMap<>();
        for (RequestHandler handler : handlers) {
            byType.put(handler.type(), handler);
        }
        return new ConversationQueueImpl(slots, type -> Optional.ofNullable(byType.get(type)), Runnable::run, clock,
                StoreWriter.direct(rows), new ArrivalClock(clock), guildId -> guildId != OTHER_GUILD, null);
    }

    private ConversationQueueImpl queue(int slots, RequestHandler... handlers) {
        return queue(slots, store, handlers);
    }

    private static StoredRequest row(long id, long userId, long arrival, StoredRequest.State state) {
        return row(id, userId, arrival, state, GUILD, "voice");
    }

    private static StoredRequest row(long id, long userId, long arrival, StoredRequest.State state, long guildId,
            String type) {
        return new StoredRequest(id, type, userId, "user" + userId, guildId, CHANNEL, arrival, state,
                START.minusSeconds(60), state == StoredRequest.State.ACTIVE ? START.minusSeconds(30) : null,
                new CommandRef.PrefixCommand(9000 + userId), new StatusRef(StatusRef.Kind.CHANNEL, CHANNEL, 8000 + userId));
    }

    private List<Long> storedUsers(StoredRequest.State state) {
        return store.list(state).stream().map(StoredRequest::userId).toList();
    }

    @Test
    @DisplayName("every change of a request is a row: inserted waiting, status recorded, active at grant, gone at the end")
    void rowsFollowTheQueue() {
        ConversationQueueImpl queue = queue(1, voice);

        queue.submit("voice", users.user(1)).join();
        SubmitResult second = queue.submit("voice", users.user(2)).join();

        assertThat(store.list(StoredRequest.State.ACTIVE)).singleElement().satisfies(row -> {
            assertThat(row.userId()).isEqualTo(1);
            assertThat(row.grantedAt()).isEqualTo(START);
            assertThat(row.status().messageId()).isEqualTo(users.status(1).messageId());
        });
        assertThat(store.list(StoredRequest.State.WAITING)).singleElement().satisfies(row -> {
            assertThat(row.id()).isEqualTo(second.entry().id());
            assertThat(row.status()).isEqualTo(new StatusRef(StatusRef.Kind.CHANNEL, 500, users.status(2).messageId()));
            assertThat(row.userName()).isEqualTo("user2");
        });
        assertThat(voice.granted().getFirst().entry().id()).as("the request's id is its row's")
                .isEqualTo(store.list(StoredRequest.State.ACTIVE).getFirst().id());

        voice.granted().getFirst().complete();
        assertThat(storedUsers(StoredRequest.State.ACTIVE)).containsExactly(2L);
        assertThat(storedUsers(StoredRequest.State.WAITING)).isEmpty();

        voice.granted().get(1).complete();
        assertThat(store.list(StoredRequest.State.ACTIVE)).isEmpty();
    }

    @Test
    @DisplayName("after a crash: active rows are deleted, waiting ones come back in order with their ids, the first"
            + " takes the free slot and the others are shown the positions they then have")
    void restoreInOrder() {
        store.put(row(1, 10, 100, StoredRequest.State.ACTIVE));
        store.put(row(2, 11, 300, StoredRequest.State.WAITING));
        store.put(row(3, 12, 200, StoredRequest.State.WAITING));
        store.put(row(4, 13, 400, StoredRequest.State.WAITING));
        ConversationQueueImpl queue = queue(1, voice);

        RestoreReport report = queue.restore(restorer);

        assertThat(report).isEqualTo(new RestoreReport(3, 0, 1));
        assertThat(restorer.calls).containsExactly(
                tuple(3L, "Your voice request is starting..."),
                tuple(2L, "Your voice request is queued, position 1."),
                tuple(4L, "Your voice request is queued, position 2."));
        assertThat(voice.grantedUsers()).containsExactly(12L);
        RequestTicket ticket = voice.granted().getFirst();
        assertThat(ticket.entry().id()).isEqualTo(3);
        assertThat(ticket.entry().createdAt()).isEqualTo(START.minusSeconds(60));
        assertThat(ticket.entry().statusMessageId()).isEqualTo(8012);
        assertThat(queue.entries()).extracting(QueueEntry::userId, QueueEntry::state).containsExactly(
                tuple(12L, QueueEntry.State.ACTIVE), tuple(11L, QueueEntry.State.PENDING),
                tuple(13L, QueueEntry.State.PENDING));
        assertThat(storedUsers(StoredRequest.State.ACTIVE)).containsExactly(12L);
        assertThat(storedUsers(StoredRequest.State.WAITING)).containsExactly(11L, 13L);
        assertThat(restorer.message(11).texts()).as("no position shown that changed at once")
                .containsExactly("Your voice request is queued, position 1.");

        ticket.complete();

        assertThat(voice.grantedUsers()).containsExactly(12L, 11L);
        assertThat(restorer.message(13).texts()).containsExactly(
                "Your voice request is queued, position 2.", "Your voice request is queued, position 1.");
    }

    @Test
    @DisplayName("a waiting request whose type no plugin handles any more is dropped, and its user told why")
    void handlerGone() {
        store.put(row(1, 10, 100, StoredRequest.State.WAITING, GUILD, "karaoke"));
        store.put(row(2, 11, 200, StoredRequest.State.WAITING));
        ConversationQueueImpl queue = queue(1, voice);

        RestoreReport report = queue.restore(restorer);

        assertThat(report).isEqualTo(new RestoreReport(1, 1, 0));
        assertThat(restorer.calls).contains(tuple(1L, "Your karaoke request was dropped when the bot restarted:"
                + " nothing on this bot handles 'karaoke' requests any more."));
        assertThat(store.findByUser(10)).isEmpty();
        assertThat(voice.grantedUsers()).containsExactly(11L);
    }

    @Test
    @DisplayName("rows of guilds another process serves are left alone")
    void otherProcessRows() {
        store.put(row(1, 10, 100, StoredRequest.State.ACTIVE, OTHER_GUILD, "voice"));
        store.put(row(2, 11, 200, StoredRequest.State.WAITING, OTHER_GUILD, "voice"));
        ConversationQueueImpl queue = queue(1, voice);

        assertThat(queue.restore(restorer)).isEqualTo(new RestoreReport(0, 0, 0));

        assertThat(storedUsers(StoredRequest.State.ACTIVE)).containsExactly(10L);
        assertThat(storedUsers(StoredRequest.State.WAITING)).containsExactly(11L);
        assertThat(restorer.calls).isEmpty();
        SubmitResult again = queue.submit("voice", users.user(11)).join();
        assertThat(again.outcome()).as("one request per user across the processes").isEqualTo(Outcome.DUPLICATE);
        assertThat(again.entry().id()).isEqualTo(2);
        assertThat(again.entry().position()).isEqualTo(1);
    }

    @Test
    @DisplayName("new requests line up behind the restored ones, even with a clock behind their arrivals")
    void newRequestsBehind() {
        long hourAhead = micros(START.plusSeconds(3600));
        store.put(row(1, 10, hourAhead, StoredRequest.State.WAITING));
        store.put(row(2, 11, hourAhead + 5, StoredRequest.State.WAITING));
        ConversationQueueImpl queue = queue(1, voice);
        queue.restore(restorer);

        SubmitResult late = queue.submit("voice", users.user(20)).join();

        assertThat(queue.entries()).extracting(QueueEntry::userId).containsExactly(10L, 11L, 20L);
        assertThat(late.entry().position()).isEqualTo(2);
        assertThat(store.findByUser(20)).map(StoredRequest::arrival).hasValue(hourAhead + 6);
    }

    @Test
    @DisplayName("a restored request whose user cannot be reached is dropped; the next one moves up")
    void unreachableDropped() {
        store.put(row(1, 10, 100, StoredRequest.State.WAITING));
        store.put(row(2, 11, 200, StoredRequest.State.WAITING));
        restorer.unreachable.add(10L);
        ConversationQueueImpl queue = queue(1, voice);

        queue.restore(restorer);

        assertThat(store.findByUser(10)).isEmpty();
        assertThat(voice.grantedUsers()).containsExactly(11L);
        assertThat(queue.entries()).extracting(QueueEntry::userId).containsExactly(11L);
    }

    @Test
    @DisplayName("a restored status message that Discord answers late is tried again, as a new one is")
    void restoreRetried() {
        store.put(row(1, 10, 100, StoredRequest.State.WAITING));
        restorer.serverErrorsBefore.put(10L, 2);
        ConversationQueueImpl queue = queue(1, voice);

        queue.restore(restorer);

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> voice.grantedUsers().contains(10L));
        assertThat(restorer.attempts.get(10L)).hasValue(3);
    }

    @Test
    @DisplayName("one request per user holds across a restart")
    void onePerUserAcrossRestart() {
        store.put(row(1, 10, 100, StoredRequest.State.ACTIVE));
        store.put(row(2, 11, 200, StoredRequest.State.WAITING));
        store.put(row(3, 12, 300, StoredRequest.State.WAITING));
        ConversationQueueImpl queue = queue(1, voice);
        queue.restore(restorer);

        SubmitResult again = queue.submit("voice", users.user(12)).join();
        SubmitResult staleUser = queue.submit("voice", users.user(10)).join();

        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(again.entry().id()).isEqualTo(3);
        assertThat(again.entry().position()).isEqualTo(1);
        assertThat(staleUser.outcome()).as("the stale active row went at the restore").isEqualTo(Outcome.QUEUED);
        assertThat(store.list(StoredRequest.State.WAITING)).extracting(StoredRequest::userId).containsExactly(12L, 10L);
    }

    @Test
    @DisplayName("a cancelled request's row is gone before its user is told")
    void cancelDeletesFirst() {
        store.put(row(1, 10, 100, StoredRequest.State.WAITING));
        store.put(row(2, 11, 200, StoredRequest.State.WAITING));
        ConversationQueueImpl queue = queue(1, voice);
        queue.restore(restorer);
        Status status = restorer.message(11);
        List<Boolean> rowGoneWhenTold = new CopyOnWriteArrayList<>();
        status.onEdit = text -> rowGoneWhenTold.add(store.findByUser(11).isEmpty());

        assertThat(queue.cancelPending(11)).isPresent();

        assertThat(status.current()).isEqualTo("Your voice request was cancelled.");
        assertThat(rowGoneWhenTold).containsExactly(true);
        assertThat(voice.cancelled()).extracting(QueueEntry::id).containsExactly(2L);
    }

    @Test
    @DisplayName("a row the store kept although its request ended (a failed delete) is replaced, not a duplicate")
    void leftOverRowReplaced() {
        ConversationQueueImpl queue = queue(1, voice);
        queue.restore(restorer);
        store.put(row(7, 10, 100, StoredRequest.State.WAITING));

        SubmitResult result = queue.submit("voice", users.user(10)).join();

        assertThat(result.outcome()).isEqualTo(Outcome.QUEUED);
        assertThat(store.findByUser(10)).map(StoredRequest::id).hasValueSatisfying(id -> assertThat(id).isNotEqualTo(7));
    }

    @Test
    @DisplayName("when the database fails, a request is still served, without a row")
    void storeFailure() {
        ConversationQueueImpl queue = queue(1, new FailingStore(), voice);

        SubmitResult result = queue.submit("voice", users.user(1)).join();

        assertThat(result.outcome()).isEqualTo(Outcome.QUEUED);
        assertThat(result.entry().id()).isNegative();
        assertThat(voice.grantedUsers()).containsExactly(1L);
        assertThat(voice.granted().getFirst().complete()).isTrue();
        assertThat(queue.entries()).isEmpty();
    }

    @Test
    @DisplayName("arrivals grow with the clock and never repeat, and a restored one is never handed out again")
    void arrivalClock() {
        ArrivalClock arrivals = new ArrivalClock(clock);

        long first = arrivals.next();
        long second = arrivals.next();
        clock.advance(Duration.ofMillis(3));
        long third = arrivals.next();
        arrivals.advancePast(third + 1_000_000);
        long fourth = arrivals.next();

        assertThat(first).isEqualTo(micros(START));
        assertThat(second).isEqualTo(first + 1);
        assertThat(third).isEqualTo(first + 3_000);
        assertThat(fourth).isEqualTo(third + 1_000_001);
    }

    @Test
    @DisplayName("an interaction token is used until a minute before Discord stops accepting it")
    void tokenLifetime() {
        Instant created = START;
        CommandRef.SlashCommand slash = new CommandRef.SlashCommand(1, "token",
                created.plus(CommandRef.SlashCommand.TOKEN_LIFETIME));

        assertThat(slash.usableAt(created.plus(Duration.ofMinutes(13)))).isTrue();
        assertThat(slash.usableAt(created.plus(Duration.ofMinutes(14)))).isFalse();
        assertThat(slash.toString()).doesNotContain("token,").contains("token=***");
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /** A store whose every call fails, as a database that went away. */
    private static final class FailingStore implements RequestStore {
        @Override
        public long insert(StoredRequest request) {
            throw new DatabaseException("database gone", null);
        }

        @Override
        public void recordStatus(long id, StatusRef status) {
            throw new DatabaseException("database gone", null);
        }

        @Override
        public void markActive(long id, Instant grantedAt) {
            throw new DatabaseException("database gone", null);
        }

        @Override
        public void delete(long id) {
            throw new DatabaseException("database gone", null);
        }

        @Override
        public List<StoredRequest> list(StoredRequest.State state) {
            throw new DatabaseException("database gone", null);
        }

        @Override
        public Optional<StoredRequest> findByUser(long userId) {
            throw new DatabaseException("database gone", null);
        }

        @Override
        public int position(StoredRequest request) {
            throw new DatabaseException("database gone", null);
        }
    }

    /** A status message that records its texts and can watch each edit. */
    private static final class Status implements StatusMessage {
        private final long messageId;
        private final long channelId;
        private final List<String> texts = new CopyOnWriteArrayList<>();
        volatile java.util.function.Consumer<String> onEdit = text -> {};

        Status(long messageId, long channelId, String text) {
            this.messageId = messageId;
            this.channelId = channelId;
            texts.add(text);
        }

        @Override
        public long messageId() {
            return messageId;
        }

        @Override
        public long channelId() {
            return channelId;
        }

        @Override
        public CompletableFuture<Void> edit(String content) {
            onEdit.accept(content);
            texts.add(content);
            return CompletableFuture.completedFuture(null);
        }

        List<String> texts() {
            return List.copyOf(texts);
        }

        String current() {
            return texts.getLast();
        }
    }

    /** Reaches stored users with fake messages, recording each call; some users cannot be reached. */
    private static final class Restorer implements StatusRestorer {
        final List<org.assertj.core.groups.Tuple> calls = new CopyOnWriteArrayList<>();
        final Set<Long> unreachable = ConcurrentHashMap.newKeySet();
        final Map<Long, Integer> serverErrorsBefore = new ConcurrentHashMap<>();
        final Map<Long, AtomicLong> attempts = new ConcurrentHashMap<>();
        private final Map<Long, Status> messages = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<StatusMessage> reopen(StoredRequest request, String text) {
            long attempt = attempts.computeIfAbsent(request.userId(), user -> new AtomicLong()).incrementAndGet();
            if (attempt <= serverErrorsBefore.getOrDefault(request.userId(), 0)) {
                return CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("no answer"));
            }
            calls.add(tuple(request.id(), text));
            if (unreachable.contains(request.userId())) {
                return CompletableFuture.failedFuture(ErrorResponseException.create(ErrorResponse.UNKNOWN_CHANNEL, null));
            }
            Status message = messages.computeIfAbsent(request.userId(), user -> new Status(
                    request.status().messageId(), request.status().channelId(), text));
            return CompletableFuture.completedFuture(message);
        }

        Status message(long userId) {
            return messages.get(userId);
        }
    }
}
