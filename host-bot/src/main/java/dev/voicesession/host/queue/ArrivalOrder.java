package dev.voicesession.host.queue;

/**
 * A command that knows in which order the bot received it. Commands run on threads of their own, so
 * two sent a moment apart can reach the queue in the other order; the queue places a request by its
 * arrival among those still waiting, which keeps first come, first served in the order Discord
 * delivered the commands.
 */
public interface ArrivalOrder {

    /**
     * Returns the command's place in the order the bot received commands.
     *
     * @return a number that grows with every command received
     */
    long arrival();
}
