package dev.voicesession.host.db;

import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where the processes of one bot agree on IDENTIFY: per {@code max_concurrency} bucket ({@code shard_id %
 * max_concurrency}), when a shard of the bot last identified in it, so that no two identify in one bucket within
 * the interval (Discord's 5 s).
 *
 * <p>A process that takes a bucket writes a reservation: the latest time it may send its IDENTIFY ({@code now +
 * connectAllowance}). Once its shard has identified it writes the time it finished, which is after Discord got
 * the IDENTIFY. The next shard may take the bucket once the interval has passed since that time. A process that
 * dies while connecting keeps the bucket for the allowance plus the interval at most.
 */
public interface IdentifyBuckets {

    /**
     * The buckets of every process sharing a database: the table {@code gateway_identify}, created by {@link
     * HostMigrations}.
     *
     * @param dataSource the host's or the operator's data source, migrated
     * @return the buckets
     * @throws DatabaseException if the database cannot be reached or is not supported
     */
    static IdentifyBuckets over(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new DatabaseIdentifyBuckets(dataSource, DatabaseKind.of(dataSource));
    }

    /**
     * The buckets of this process alone, for a process that runs all of the bot's shards: nothing to agree on with
     * another process, and nothing written.
     *
     * @return new, empty buckets
     */
    static IdentifyBuckets inMemory() {
        return new MemoryIdentifyBuckets();
    }

    /**
     * The answer to {@link #tryTake}: the bucket is this process's until {@link #finish}, or it must wait.
     *
     * @param reservation the reservation written, when taken: pass it to {@link #finish}
     * @param retryAfter how long until the bucket may be free; zero when taken
     * @param connecting whether a shard holds the bucket while it connects: it may finish early, so the wait is
     *     an upper bound worth checking again before it ends
     */
    record Attempt(long reservation, Duration retryAfter, boolean connecting) {

        /**
         * Tells whether the bucket was taken.
         *
         * @return {@code true} if the shard may send IDENTIFY now
         */
        public boolean taken() {
            return retryAfter.isZero();
        }
    }

    /**
     * Takes the bucket if no shard of the bot identified in it within the interval and none is connecting in it;
     * otherwise says how long to wait.
     *
     * @param bucket the rate limit key, {@code shard_id % max_concurrency}
     * @param interval Discord's window per bucket (5 s)
     * @param connectAllowance the longest a shard may take from taking the bucket to sending IDENTIFY
     * @return the attempt
     * @throws DatabaseException if the table cannot be read or written
     */
    Attempt tryTake(int bucket, Duration interval, Duration connectAllowance);

    /**
     * Records that the shard has identified: the bucket's time becomes now, unless another shard took the bucket
     * since (when this one took longer than its allowance).
     *
     * @param bucket the bucket taken
     * @param reservation the reservation {@link #tryTake} wrote
     * @throws DatabaseException if the table cannot be written
     */
    void finish(int bucket, long reservation);
}
