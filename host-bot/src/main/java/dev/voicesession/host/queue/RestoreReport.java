package dev.voicesession.host.queue;

/**
 * What {@link ConversationQueueImpl#restore} did with the rows a previous run left.
 *
 * @param restored waiting requests put back in line
 * @param dropped waiting requests dropped because no plugin handles their type any more (their users are
 *     told why)
 * @param staleActive rows of requests that held a slot when the previous run ended, deleted (the plugins'
 *     own reconciliation ends what those requests had started)
 */
public record RestoreReport(int restored, int dropped, int staleActive) {}
