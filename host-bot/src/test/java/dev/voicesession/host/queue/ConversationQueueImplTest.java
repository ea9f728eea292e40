package dev.voicesession.host.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.RequestHandler;
import dev.voicesession.api.queue.RequestTicket;
import dev.voicesession.api.queue.SubmitResult;
import dev.voicesession.api.queue.SubmitResult.Outcome;
import dev.voicesession.host.support.FakeUsers;
import dev.voicesession.host.support.MutableClock;
import dev.voicesession.host.support.RecordingHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Queue behaviour on one thread: handlers run on the calling thread (a direct executor). */
class ConversationQueueImplTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FakeUsers users = new FakeUsers();
    private final RecordingHandler voice = new RecordingHandler("voice");

    private ConversationQueueImpl queue(int slots, RequestHandler... handlers) {
        Map<String, RequestHandler> byType = new java.util.HashMap<>();
        for (RequestHandler handler : handlers) {
            byType.put(handler.type(), handler);
        }
        return new ConversationQueueImpl(slots, type -> Optional.ofNullable(byType.get(type)), Runnable::run, clock);
    }

    private static SubmitResult join(java.util.concurrent.CompletableFuture<SubmitResult> future) {
        return future.join();
    }

    @Test
    @DisplayName("the first request is granted at once; later ones wait in order, each told its position")
    void fifoWithPositions() {
        ConversationQueueImpl queue = queue(1, voice);

        SubmitResult first = join(queue.submit("voice", users.user(1)));
        clock.advance(Duration.ofSeconds(1));
        SubmitResult second = join(queue.submit("voice", users.user(2)));
        SubmitResult third = join(queue.submit("voice", users.user(3)));

        assertThat(first.outcome()).isEqualTo(Outcome.QUEUED);
        assertThat(voice.grantedUsers()).containsExactly(1L);
        assertThat(second.entry().position()).isEqualTo(1);
        assertThat(third.entry().position()).isEqualTo(2);
        assertThat(users.status(2).current()).isEqualTo("Your voice request is queued, position 1.");
        assertThat(users.status(3).current()).isEqualTo("Your voice request is queued, position 2.");
        assertThat(queue.entries()).extracting(QueueEntry::userId, QueueEntry::state, QueueEntry::position)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, QueueEntry.State.ACTIVE, 0),
                        org.assertj.core.groups.Tuple.tuple(2L, QueueEntry.State.PENDING, 1),
                        org.assertj.core.groups.Tuple.tuple(3L, QueueEntry.State.PENDING, 2));

        voice.granted().getFirst().complete();

        assertThat(voice.grantedUsers()).containsExactly(1L, 2L);
        assertThat(users.status(3).texts()).containsExactly(
                "Your voice request is queued, position 2.", "Your voice request is queued, position 1.");
        assertThat(users.status(2).texts()).containsExactly("Your voice request is queued, position 1.");
        assertThat(voice.granted().get(1).entry().grantedAt()).isEqualTo(clock.instant());
        assertThat(voice.granted().get(1).entry().statusMessageId()).isEqualTo(users.status(2).messageId());
    }

    @Test
    @DisplayName("a request a free slot takes at once is sent the handler's starting text, never a position; the"
            + " handler's texts and the failure then go through the same message, once each")
    void freeSlotShowsNoPosition() {
        ConversationQueueImpl queue = queue(1, voice);

        join(queue.submit("voice", users.user(1)));
        RequestTicket ticket = voice.granted().getFirst();
        ticket.status().edit("Creating your voice channel...");
        ticket.status().edit("Refused: missing permission.");
        ticket.fail("Refused: missing permission.");

        assertThat(users.status(1).texts()).containsExactly(
                "Your voice request is starting...", "Creating your voice channel...", "Refused: missing permission.");
    }

    @Test
    @DisplayName("a user has at most one pending or active request")
    void onePerUser() {
        ConversationQueueImpl queue = queue(1, voice);
        join(queue.submit("voice", users.user(1)));
        join(queue.submit("voice", users.user(2)));

        SubmitResult activeAgain = join(queue.submit("voice", users.user(1)));
        SubmitResult pendingAgain = join(queue.submit("voice", users.user(2)));

        assertThat(activeAgain.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(activeAgain.entry().state()).isEqualTo(QueueEntry.State.ACTIVE);
        assertThat(pendingAgain.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(pendingAgain.entry().position()).isEqualTo(1);
        assertThat(queue.entries()).hasSize(2);

        voice.granted().getFirst().complete();
        assertThat(join(queue.submit("voice", users.user(1))).outcome()).isEqualTo(Outcome.QUEUED);
    }

    @Test
    @DisplayName("a type without a handler is refused with a clear reply")
    void noHandler() {
        ConversationQueueImpl queue = queue(1, voice);

        SubmitResult result = join(queue.submit("karaoke", users.user(1)));

        assertThat(result).isEqualTo(new SubmitResult(Outcome.NO_HANDLER, null));
        assertThat(users.replies()).containsExactly("Nothing on this bot handles 'karaoke' requests right now.");
        assertThat(queue.entries()).isEmpty();
    }

    @Test
    @DisplayName("complete and fail free the slot exactly once")
    void exactlyOnce() {
        ConversationQueueImpl queue = queue(1, voice);
        join(queue.submit("voice", users.user(1)));
        join(queue.submit("voice", users.user(2)));
        join(queue.submit("voice", users.user(3)));
        RequestTicket ticket = voice.granted().getFirst();

        assertThat(ticket.complete()).isTrue();
        assertThat(ticket.complete()).isFalse();
        assertThat(ticket.fail("late")).isFalse();
        assertThat(ticket.isDone()).isTrue();

        assertThat(voice.grantedUsers()).containsExactly(1L, 2L);
        assertThat(queue.entries()).extracting(QueueEntry::state)
                .containsExactly(QueueEntry.State.ACTIVE, QueueEntry.State.PENDING);
        assertThat(users.status(1).texts()).doesNotContain("late");
    }

    @Test
    @DisplayName("fail shows its message in the status message and frees the slot")
    void failShowsMessage() {
        ConversationQueueImpl queue = queue(1, voice);
        join(queue.submit("voice", users.user(1)));

        assertThat(voice.granted().getFirst().fail("No voice channel free, sorry.")).isTrue();

        assertThat(users.status(1).current()).isEqualTo("No voice channel free, sorry.");
        assertThat(queue.entries()).isEmpty();
    }

    @Test
    @DisplayName("a handler that throws fails its ticket, and the next request is served")
    void throwingHandler() {
        RecordingHandler broken = new RecordingHandler("voice", ticket -> {
            if (ticket.entry().userId() == 1) {
                throw new IllegalStateException("boom");
            }
        });
        ConversationQueueImpl queue = queue(1, broken);
        join(queue.submit("voice", users.user(1)));
        join(queue.submit("voice", users.user(2)));

        assertThat(broken.granted().getFirst().isDone()).isTrue();
        assertThat(users.status(1).current()).isEqualTo("Something went wrong while starting your voice request.");
        assertThat(broken.grantedUsers()).containsExactly(1L, 2L);
    }

    @Test
    @DisplayName("a pending request can be cancelled; positions move up and the handler is told")
    void cancelPending() {
        ConversationQueueImpl queue = queue(1, voice);
        join(queue.submit("voice", users.user(1)));
        join(queue.submit("voice", users.user(2)));
        join(queue.submit("voice", users.user(3)));

        Optional<QueueEntry> cancelled = queue.cancelPending(2);

        assertThat(cancelled).map(QueueEntry::userId).contains(2L);
        assertThat(voice.cancelled()).extracting(QueueEntry::userId).containsExactly(2L);
        assertThat(users.status(2).current()).isEqualTo("Your voice request was cancelled.");
        assertThat(users.status(3).current()).isEqualTo("Your voice request is queued, position 1.");
        assertThat(queue.findByUser(2)).isEmpty();
        assertThat(queue.cancelPending(1)).as("an active request is not pending").isEmpty();
        assertThat(queue.cancelPending(99)).isEmpty();
    }

    @Test
    @DisplayName("after close, new requests are refused and pending ones are cancelled; active ones keep their slot")
    void close() {
        ConversationQueueImpl queue = queue(1, voice);
        join(queue.submit("voice", users.user(1)));
        join(queue.submit("voice", users.user(2)));

        queue.close();

        assertThat(join(queue.submit("voice", users.user(3))).outcome()).isEqualTo(Outcome.CLOSED);
        assertThat(users.replies()).contains("The bot is shutting down and takes no new requests.");
        assertThat(users.status(2).current()).isEqualTo("The bot is shutting down; your voice request was cancelled.");
        assertThat(voice.cancelled()).extracting(QueueEntry::userId).containsExactly(2L);
        assertThat(queue.entries()).extracting(QueueEntry::userId).containsExactly(1L);
        assertThat(voice.granted().getFirst().complete()).isTrue();
        assertThat(queue.entries()).isEmpty();
    }

    @Test
    @DisplayName("a request whose status message cannot be sent is dropped and does not block the queue")
    void statusMessageRefused() {
        ConversationQueueImpl queue = queue(1, voice);
        join(queue.submit("voice", users.user(1)));

        assertThatThrownBy(() -> join(queue.submit("voice", users.failingUser(2))))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(QueueException.class);
        join(queue.submit("voice", users.user(3)));

        assertThat(queue.findByUser(2)).isEmpty();
        assertThat(users.status(3).current()).isEqualTo("Your voice request is queued, position 1.");
        voice.granted().getFirst().complete();
        assertThat(voice.grantedUsers()).containsExactly(1L, 3L);
    }

    @Test
    @DisplayName("a command received earlier but queued later takes its place by arrival among the waiting")
    void arrivalOrder() {
        ConversationQueueImpl queue = queue(1, voice);
        join(queue.submit("voice", arrived(1, 10)));
        join(queue.submit("voice", arrived(2, 30)));
        join(queue.submit("voice", arrived(3, 40)));

        SubmitResult late = join(queue.submit("voice", arrived(4, 20)));

        assertThat(late.entry().position()).isEqualTo(1);
        assertThat(late.entry().userName()).as("the name the command carried").isEqualTo("user4");
        assertThat(queue.entries()).extracting(QueueEntry::userId).containsExactly(1L, 4L, 2L, 3L);
        assertThat(users.status(2).current()).isEqualTo("Your voice request is queued, position 2.");
        voice.granted().getFirst().complete();
        assertThat(voice.grantedUsers()).containsExactly(1L, 4L);
    }

    private RequestOrigin arrived(long userId, long arrival) {
        RequestOrigin origin = users.user(userId);
        return new RequestOrigin(
                origin.userId(), origin.guildId(), origin.channelId(), origin.reply(), arrival, origin.userName());
    }

    @Test
    @DisplayName("a status message that gets no answer in time is sent again, and the request is queued")
    void statusMessageRetried() {
        ConversationQueueImpl queue = queue(1, voice);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        RequestOrigin flaky = new RequestOrigin(7, 1, 2, text -> attempts.incrementAndGet() < 3
                ? java.util.concurrent.CompletableFuture.failedFuture(new java.util.concurrent.TimeoutException("no answer"))
                : users.user(7).reply().apply(text));

        SubmitResult result = join(queue.submit("voice", flaky));

        assertThat(result.outcome()).isEqualTo(Outcome.QUEUED);
        assertThat(attempts).hasValue(3);
        assertThat(voice.grantedUsers()).containsExactly(7L);
    }

    @Test
    @DisplayName("a status message Discord refuses is not sent again")
    void statusMessageRefusedOnce() {
        ConversationQueueImpl queue = queue(1, voice);
        java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
        RequestOrigin refused = new RequestOrigin(8, 1, 2, text -> {
            attempts.incrementAndGet();
            return users.failingUser(8).reply().apply(text);
        });

        assertThatThrownBy(() -> join(queue.submit("voice", refused))).hasCauseInstanceOf(QueueException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    @DisplayName("several slots are shared by every request type")
    void slotsAcrossTypes() {
        RecordingHandler music = new RecordingHandler("music");
        ConversationQueueImpl queue = queue(2, voice, music);

        join(queue.submit("voice", users.user(1)));
        join(queue.submit("music", users.user(2)));
        SubmitResult third = join(queue.submit("voice", users.user(3)));

        assertThat(voice.grantedUsers()).containsExactly(1L);
        assertThat(music.grantedUsers()).containsExactly(2L);
        assertThat(third.entry().state()).isEqualTo(QueueEntry.State.PENDING);
        assertThat(queue.slots()).isEqualTo(2);

        music.granted().getFirst().complete();
        assertThat(voice.grantedUsers()).containsExactly(1L, 3L);
    }
}
