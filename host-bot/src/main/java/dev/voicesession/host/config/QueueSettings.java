package dev.voicesession.host.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code queue} section.
 *
 * @param slots how many conversation requests may be active at once, at least one: in this process, or in
 *     the whole cluster of processes sharing the database ({@link Scope#CLUSTER})
 * @param scope whether the slots belong to this process or to every process sharing the database
 * @param lease with {@link Scope#CLUSTER}: how long a slot, or a place in line, stays a process's after
 *     its last heartbeat (it renews them every third of this); a process that died loses them then
 */
public record QueueSettings(int slots, Scope scope, Duration lease) {

    /** The default {@code queue.lease}. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    /** Where the slots count. */
    public enum Scope {
        /** This process has {@code queue.slots} slots of its own (the default). */
        PROCESS,
        /** Every process sharing the PostgreSQL database shares {@code queue.slots}, first in, first out. */
        CLUSTER
    }

    /** Checks the components. */
    public QueueSettings {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(lease, "lease");
    }

    /**
     * Creates settings with process scope.
     *
     * @param slots the slots of this process
     */
    public QueueSettings(int slots) {
        this(slots, Scope.PROCESS, DEFAULT_LEASE);
    }
}
