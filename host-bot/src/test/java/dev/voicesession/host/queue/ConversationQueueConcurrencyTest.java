package dev.voicesession.host.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.RequestHandler;
import dev.voicesession.api.queue.RequestTicket;
import dev.voicesession.api.queue.SubmitResult;
import dev.voicesession.host.support.FakeUsers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;

/** Many threads enqueue and complete at once; slot accounting must stay exact. */
class ConversationQueueConcurrencyTest {

    private static final int USERS = 200;
    private static final int SLOTS = 3;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @RepeatedTest(5)
    @DisplayName("never more active requests than slots; every request granted once; all slots freed")
    void manyThreads() throws Exception {
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        AtomicInteger releases = new AtomicInteger();
        Set<Long> grantedUsers = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicateGrants = new AtomicInteger();
        RequestHandler handler = new RequestHandler() {
            @Override
            public String type() {
                return "voice";
            }

            @Override
            public void onGranted(RequestTicket ticket) {
                int now = active.incrementAndGet();
                maxActive.accumulateAndGet(now, Math::max);
                if (!grantedUsers.add(ticket.entry().userId())) {
                    duplicateGrants.incrementAndGet();
                }
                // Complete from another thread, racing a second completion attempt: one wins.
                executor.execute(() -> {
                    active.decrementAndGet();
                    CompletableFuture<Boolean> a = CompletableFuture.supplyAsync(ticket::complete, executor);
                    CompletableFuture<Boolean> b = CompletableFuture.supplyAsync(() -> ticket.fail("x"), executor);
                    if (a.join() ^ b.join()) {
                        releases.incrementAndGet();
                    }
                });
            }
        };
        ConversationQueueImpl queue = new ConversationQueueImpl(SLOTS, type -> Optional.of(handler), executor,
                Clock.systemUTC());
        FakeUsers users = new FakeUsers();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<SubmitResult>> results = new ArrayList<>();
        for (long user = 1; user <= USERS; user++) {
            long id = user;
            results.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return queue.submit("voice", users.user(id)).join();
            }, executor));
        }

        go.countDown();

        assertThat(results).allSatisfy(result -> assertThat(result.join().queued()).isTrue());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(releases.get()).isEqualTo(USERS);
            assertThat(queue.entries()).isEmpty();
        });
        assertThat(grantedUsers).hasSize(USERS);
        assertThat(duplicateGrants.get()).isZero();
        assertThat(maxActive.get()).isLessThanOrEqualTo(SLOTS);
    }

    @RepeatedTest(5)
    @DisplayName("a user racing themselves gets exactly one request")
    void oneRequestPerUserUnderRace() {
        RequestHandler handler = new RequestHandler() {
            @Override
            public String type() {
                return "voice";
            }

            @Override
            public void onGranted(RequestTicket ticket) {}
        };
        ConversationQueueImpl queue = new ConversationQueueImpl(1, type -> Optional.of(handler), executor,
                Clock.systemUTC());
        FakeUsers users = new FakeUsers();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<SubmitResult>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(go);
                return queue.submit("voice", users.user(7)).join();
            }, executor));
        }

        go.countDown();

        assertThat(results.stream().map(CompletableFuture::join).filter(SubmitResult::queued)).hasSize(1);
        assertThat(queue.entries()).extracting(QueueEntry::userId).containsExactly(7L);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
