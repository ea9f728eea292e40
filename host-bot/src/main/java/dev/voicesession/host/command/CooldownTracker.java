package dev.voicesession.host.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Per-user, per-command cooldowns, measured with an injectable clock. */
public final class CooldownTracker {

    private static final int PRUNE_THRESHOLD = 1_000;

    private final Clock clock;
    private final Map<Key, Instant> readyAt = new ConcurrentHashMap<>();

    /**
     * Creates the tracker.
     *
     * @param clock the clock, replaceable in tests
     */
    public CooldownTracker(Clock clock) {
        this.clock = clock;
    }

    private record Key(String commandPath, long userId) {}

    /**
     * Starts the cooldown of a command for a user, unless it is still running.
     *
     * @param commandPath the command, for example {@code voice end}
     * @param userId the user
     * @param cooldown the command's cooldown; zero for none
     * @return empty if the user may run the command now (the cooldown then starts), otherwise how long
     *     they still have to wait
     */
    public Optional<Duration> tryStart(String commandPath, long userId, Duration cooldown) {
        if (cooldown.isZero()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant next = now.plus(cooldown);
        Instant[] blockedUntil = {null};
        readyAt.compute(new Key(commandPath, userId), (key, until) -> {
            if (until != null && until.isAfter(now)) {
                blockedUntil[0] = until;
                return until;
            }
            return next;
        });
        if (readyAt.size() > PRUNE_THRESHOLD) {
            readyAt.values().removeIf(until -> !until.isAfter(now));
        }
        return Optional.ofNullable(blockedUntil[0]).map(until -> Duration.between(now, until));
    }

    /**
     * Takes back the user's running cooldown of a command, for a run that does not count (the command refused
     * at once). Other runs of the command within the cooldown were refused by it and started none of their own,
     * so the cooldown removed is the one this run started.
     *
     * @param commandPath the command
     * @param userId the user
     */
    public void cancel(String commandPath, long userId) {
        readyAt.remove(new Key(commandPath, userId));
    }
}
