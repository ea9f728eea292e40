package dev.voicesession.voice.reconcile;

/**
 * What one reconciliation run did.
 *
 * @param sessionsEnded orphaned sessions ended with reason {@code orphan}
 * @param channelsDeleted channels deleted (or found already gone)
 * @param channelsFlagged channels that could not be deleted and stay flagged for the next run
 */
public record ReconcileReport(int sessionsEnded, int channelsDeleted, int channelsFlagged) {

    /** A run that did nothing. */
    public static final ReconcileReport EMPTY = new ReconcileReport(0, 0, 0);

    /**
     * Adds two reports.
     *
     * @param other another report
     * @return the sum
     */
    public ReconcileReport plus(ReconcileReport other) {
        return new ReconcileReport(
                sessionsEnded + other.sessionsEnded,
                channelsDeleted + other.channelsDeleted,
                channelsFlagged + other.channelsFlagged);
    }
}
