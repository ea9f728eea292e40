package dev.voicesession.host.queue;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link RequestStore} in memory: nothing survives the process. The queue's default, for tests and tools
 * that need no restart; the host itself uses {@link JdbcRequestStore}.
 */
public final class InMemoryRequestStore implements RequestStore {

    private static final Comparator<StoredRequest> LINE =
            Comparator.comparingLong(StoredRequest::arrival).thenComparingLong(StoredRequest::id);

    private final Map<Long, StoredRequest> rows = new LinkedHashMap<>();
    private long nextId = 1;

    @Override
    public synchronized long insert(StoredRequest request) {
        Optional<StoredRequest> existing = findByUser(request.userId());
        if (existing.isPresent()) {
            throw new DuplicateRequestException(request.userId(), existing.get(), null);
        }
        long id = nextId++;
        rows.put(id, request.withId(id));
        return id;
    }

    @Override
    public synchronized void recordStatus(long id, StatusRef status) {
        rows.computeIfPresent(id, (key, row) -> new StoredRequest(row.id(), row.type(), row.userId(), row.userName(),
                row.guildId(), row.channelId(), row.arrival(), row.state(), row.createdAt(), row.grantedAt(),
                row.command(), status));
    }

    @Override
    public synchronized void markActive(long id, Instant grantedAt) {
        rows.computeIfPresent(id, (key, row) -> new StoredRequest(row.id(), row.type(), row.userId(), row.userName(),
                row.guildId(), row.channelId(), row.arrival(), StoredRequest.State.ACTIVE, row.createdAt(), grantedAt,
                row.command(), row.status()));
    }

    @Override
    public synchronized void delete(long id) {
        rows.remove(id);
    }

    @Override
    public synchronized List<StoredRequest> list(StoredRequest.State state) {
        return rows.values().stream().filter(row -> row.state() == state).sorted(LINE).toList();
    }

    @Override
    public synchronized Optional<StoredRequest> findByUser(long userId) {
        return rows.values().stream().filter(row -> row.userId() == userId).findFirst();
    }

    @Override
    public synchronized int position(StoredRequest request) {
        return (int) rows.values().stream()
                .filter(row -> row.state() == StoredRequest.State.WAITING && LINE.compare(row, request) <= 0)
                .count();
    }

    /**
     * Puts a row in as a previous run left it, for tests of the restore.
     *
     * @param request the row, with its id
     */
    public synchronized void put(StoredRequest request) {
        rows.put(request.id(), request);
        nextId = Math.max(nextId, request.id() + 1);
    }
}
