package dev.voicesession.host.support;

import dev.voicesession.api.command.StatusMessage;
import dev.voicesession.host.queue.RequestOrigin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Users submitting queue requests in tests: each reply becomes a {@link FakeStatusMessage}, and
 * replies that are not status messages (refusals) are recorded too.
 */
public final class FakeUsers {

    private static final long CHANNEL = 500L;
    private static final long GUILD = 400L;

    private final AtomicLong messageIds = new AtomicLong(1000);
    private final Map<Long, FakeStatusMessage> statusByUser = new ConcurrentHashMap<>();
    private final List<String> replies = new CopyOnWriteArrayList<>();

    /**
     * Returns the origin of a command run by {@code userId}, whose name is {@code user<userId>}.
     *
     * @param userId the user
     * @return the origin
     */
    public RequestOrigin user(long userId) {
        return new RequestOrigin(userId, GUILD, CHANNEL, text -> {
            replies.add(text);
            FakeStatusMessage status = new FakeStatusMessage(messageIds.incrementAndGet(), CHANNEL, text);
            statusByUser.put(userId, status);
            return CompletableFuture.<StatusMessage>completedFuture(status);
        }, RequestOrigin.UNKNOWN_ARRIVAL, "user" + userId);
    }

    /**
     * Returns the origin of a user whose replies Discord refuses.
     *
     * @param userId the user
     * @return the origin
     */
    public RequestOrigin failingUser(long userId) {
        return new RequestOrigin(userId, GUILD, CHANNEL,
                text -> CompletableFuture.failedFuture(new IllegalStateException("Missing Access")));
    }

    /**
     * Returns the latest status message sent to a user.
     *
     * @param userId the user
     * @return the message
     */
    public FakeStatusMessage status(long userId) {
        return statusByUser.get(userId);
    }

    /**
     * Returns every reply text, in order.
     *
     * @return the replies
     */
    public List<String> replies() {
        return List.copyOf(replies);
    }
}
