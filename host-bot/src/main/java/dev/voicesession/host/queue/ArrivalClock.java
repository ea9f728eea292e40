package dev.voicesession.host.queue;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out the {@linkplain ArrivalOrder arrival} of each command as the bot receives it: the time, in
 * microseconds since the epoch, raised by one where needed so that every value is unique and larger than
 * the one before. A request's arrival is its place in line, and it is stored with the request: after a
 * restart, the requests of the previous run keep their places, and commands received after the restart
 * (later in time, and never before a restored arrival, see {@link #advancePast(long)}) line up behind them.
 */
public final class ArrivalClock {

    private final Clock clock;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    /**
     * Creates the clock.
     *
     * @param clock the time source
     */
    public ArrivalClock(Clock clock) {
        this.clock = clock;
    }

    /**
     * Returns the arrival of a command received now.
     *
     * @return a value larger than every one returned or {@linkplain #advancePast(long) passed} before
     */
    public long next() {
        long now = micros(clock.instant());
        return last.updateAndGet(previous -> Math.max(previous + 1, now));
    }

    /**
     * Makes every later {@link #next()} larger than {@code arrival}, the arrival of a restored request.
     *
     * @param arrival an arrival of an earlier run
     */
    public void advancePast(long arrival) {
        last.accumulateAndGet(arrival, Math::max);
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}
