package dev.voicesession.host.support;

import dev.voicesession.api.queue.QueueEntry;
import dev.voicesession.api.queue.RequestHandler;
import dev.voicesession.api.queue.RequestTicket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A request handler that records granted tickets and cancelled entries. */
public final class RecordingHandler implements RequestHandler {

    private final String type;
    private final Consumer<RequestTicket> onGranted;
    private final List<RequestTicket> granted = new CopyOnWriteArrayList<>();
    private final List<QueueEntry> cancelled = new CopyOnWriteArrayList<>();

    /**
     * Creates a handler that only records.
     *
     * @param type the request type
     */
    public RecordingHandler(String type) {
        this(type, ticket -> {});
    }

    /**
     * Creates a handler that records, then runs {@code onGranted}.
     *
     * @param type the request type
     * @param onGranted what to do with a granted ticket
     */
    public RecordingHandler(String type, Consumer<RequestTicket> onGranted) {
        this.type = type;
        this.onGranted = onGranted;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public void onGranted(RequestTicket ticket) {
        granted.add(ticket);
        onGranted.accept(ticket);
    }

    @Override
    public void onCancelled(QueueEntry entry) {
        cancelled.add(entry);
    }

    /**
     * Returns the granted tickets, in grant order.
     *
     * @return the tickets
     */
    public List<RequestTicket> granted() {
        return List.copyOf(granted);
    }

    /**
     * Returns the user ids of the granted tickets, in grant order.
     *
     * @return the user ids
     */
    public List<Long> grantedUsers() {
        return granted.stream().map(ticket -> ticket.entry().userId()).toList();
    }

    /**
     * Returns the cancelled requests.
     *
     * @return the entries
     */
    public List<QueueEntry> cancelled() {
        return List.copyOf(cancelled);
    }
}
