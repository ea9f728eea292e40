package dev.voicesession.host.db;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@link IdentifyBuckets} of one process, in memory, on the system clock. */
final class MemoryIdentifyBuckets implements IdentifyBuckets {

    private final Map<Integer, Long> lastIdentifyAt = new HashMap<>();

    @Override
    public synchronized Attempt tryTake(int bucket, Duration interval, Duration connectAllowance) {
        long now = System.currentTimeMillis();
        long last = lastIdentifyAt.getOrDefault(bucket, 0L);
        long freeAt = last + interval.toMillis() + 1;
        if (now < freeAt) {
            return new Attempt(0, Duration.ofMillis(freeAt - now), last > now);
        }
        long reservation = now + connectAllowance.toMillis();
        lastIdentifyAt.put(bucket, reservation);
        return new Attempt(reservation, Duration.ZERO, false);
    }

    @Override
    public synchronized void finish(int bucket, long reservation) {
        if (lastIdentifyAt.getOrDefault(bucket, 0L) == reservation) {
            lastIdentifyAt.put(bucket, System.currentTimeMillis());
        }
    }
}
