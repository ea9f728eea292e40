package dev.voicesession.voice.reconcile;

import dev.voicesession.api.Scheduler;
import dev.voicesession.voice.db.VoiceDatabaseException;
import dev.voicesession.voice.discord.DiscordActionException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a guild again some time after a cleanup left something behind: a channel it could not
 * delete (after its retries, or because Discord refused), or a create request that got no answer in time
 * and may still be carried out. Each run waits twice as long as the one before, up to {@link #MAX_DELAY},
 * and runs stop once the guild has nothing left to clean up. So a leftover does not wait for the next
 * start or a moderator's cleanup command. One chain of runs per guild at a time.
 */
public final class FollowUps implements LongConsumer {

    private static final Logger log = LoggerFactory.getLogger(FollowUps.class);

    /** The longest wait between two runs for one guild. */
    public static final Duration MAX_DELAY = Duration.ofMinutes(10);

    private final Reconciler reconciler;
    private final Scheduler scheduler;
    private final Duration firstDelay;
    /** The next run of each guild that has one, with the wait it was scheduled with. */
    private final Map<Long, Pending> pending = new HashMap<>();

    private record Pending(Scheduler.ScheduledTask task, Duration delay) {}

    /**
     * Creates the follow-ups.
     *
     * @param reconciler does the work
     * @param scheduler runs it later, on a thread that may block
     * @param firstDelay the wait before the first run
     */
    public FollowUps(Reconciler reconciler, Scheduler scheduler, Duration firstDelay) {
        this.reconciler = reconciler;
        this.scheduler = scheduler;
        this.firstDelay = firstDelay;
    }

    /**
     * Reconciles the guild after the first delay, and again until nothing is left. If a run is already
     * scheduled further out (an earlier leftover's runs have backed off), it is brought forward, so a new
     * leftover never waits longer than the first delay.
     *
     * @param guildId the guild
     */
    @Override
    public synchronized void accept(long guildId) {
        Pending next = pending.get(guildId);
        if (next != null && next.delay().compareTo(firstDelay) <= 0) {
            return;
        }
        if (next != null) {
            next.task().cancel();
        }
        log.info("Guild '{}' has something left to clean up; reconciling it in {} ms", guildId, firstDelay.toMillis());
        later(guildId, firstDelay);
    }

    /**
     * Reconciles the guild now, on a scheduler thread, and again later until nothing is left: for a guild the
     * bot has just joined, which may be one it was removed from during a session.
     *
     * @param guildId the guild
     */
    public void runNow(long guildId) {
        scheduler.execute(() -> run(guildId, firstDelay.dividedBy(2)));
    }

    private void later(long guildId, Duration delay) {
        Scheduler.ScheduledTask task = scheduler.schedule(delay, () -> scheduler.execute(() -> run(guildId, delay)));
        pending.put(guildId, new Pending(task, delay));
    }

    private void run(long guildId, Duration delay) {
        synchronized (this) {
            pending.remove(guildId);
        }
        boolean left;
        try {
            reconciler.reconcileGuild(guildId, true);
            left = reconciler.hasLeftovers(guildId);
        } catch (VoiceDatabaseException | DiscordActionException e) {
            log.warn("Follow-up reconciliation of guild '{}' failed; trying again later", guildId, e);
            left = true;
        }
        if (left) {
            synchronized (this) {
                if (!pending.containsKey(guildId)) {
                    Duration next = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
                    log.info("Guild '{}' still has something to clean up; reconciling it again in {} ms", guildId,
                            next.toMillis());
                    later(guildId, next);
                }
            }
        }
    }
}
