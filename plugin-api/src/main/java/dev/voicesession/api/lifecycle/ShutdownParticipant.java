package dev.voicesession.api.lifecycle;

import java.time.Duration;
import org.pf4j.ExtensionPoint;

/**
 * Work to do when the host stops, before plugins are stopped and JDA is shut down.
 *
 * <p>The host first stops taking commands, then calls participants one at a time in ascending
 * {@link #shutdownOrder()}, giving each at most {@link #shutdownDeadline()}. A participant still
 * running at its deadline is interrupted, logged, and the host moves on.
 */
public interface ShutdownParticipant extends ExtensionPoint {

    /**
     * Returns this participant's place in the shutdown order; lower runs first.
     *
     * @return the order, 0 by default
     */
    default int shutdownOrder() {
        return 0;
    }

    /**
     * Returns how long {@link #onShutdown()} may take.
     *
     * @return the deadline, 10 seconds by default
     */
    default Duration shutdownDeadline() {
        return Duration.ofSeconds(10);
    }

    /**
     * Releases what the plugin holds. Discord and the database are still available. Blocking is
     * fine; the method must return promptly once interrupted.
     *
     * @throws InterruptedException if interrupted at the deadline
     */
    void onShutdown() throws InterruptedException;
}
