package dev.voicesession.voice.testing;

import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.RequestTicket;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A granted queue request that records how it was freed and what its status message showed. */
public final class FakeTicket implements RequestTicket {

    private static final AtomicLong IDS = new AtomicLong();

    private final QueueEntry entry;
    private final List<String> statusTexts = new CopyOnWriteArrayList<>();
    public final AtomicInteger completeCalls = new AtomicInteger();
    public final AtomicInteger failCalls = new AtomicInteger();
    private final AtomicInteger frees = new AtomicInteger();
    private volatile String failMessage;
    /** Makes complete() and fail() throw, as a host whose JDA is stopping might. */
    public volatile boolean throwOnFree;

    public FakeTicket(long userId, long guildId) {
        this.entry = new QueueEntry(
                IDS.incrementAndGet(), "voice", userId, "user" + userId, guildId, 77, 88, Instant.EPOCH, Instant.EPOCH,
                QueueEntry.State.ACTIVE, 0);
    }

    @Override
    public QueueEntry entry() {
        return entry;
    }

    @Override
    public StatusMessage status() {
        return new StatusMessage() {
            @Override
            public long messageId() {
                return 88;
            }

            @Override
            public long channelId() {
                return 77;
            }

            @Override
            public CompletableFuture<Void> edit(String content) {
                statusTexts.add(content);
                return CompletableFuture.completedFuture(null);
            }
        };
    }

    @Override
    public boolean complete() {
        completeCalls.incrementAndGet();
        if (throwOnFree) {
            throw new java.util.concurrent.RejectedExecutionException("host stopping");
        }
        return frees.compareAndSet(0, 1);
    }

    @Override
    public boolean fail(String userMessage) {
        failCalls.incrementAndGet();
        if (throwOnFree) {
            throw new java.util.concurrent.RejectedExecutionException("host stopping");
        }
        boolean freed = frees.compareAndSet(0, 1);
        if (freed) {
            failMessage = userMessage;
            statusTexts.add(userMessage);
        }
        return freed;
    }

    @Override
    public boolean isDone() {
        return frees.get() > 0;
    }

    public List<String> statusTexts() {
        return List.copyOf(statusTexts);
    }

    public String lastStatus() {
        List<String> texts = statusTexts();
        return texts.isEmpty() ? null : texts.get(texts.size() - 1);
    }

    public String failMessage() {
        return failMessage;
    }
}
