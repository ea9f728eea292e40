package dev.voicesession.voice.discord;

import dev.voicesession.api.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the bot's voice joins and leaves (gateway op 4) within a budget of payloads per shard and window.
 *
 * <p>Discord allows 120 gateway payloads per connection in 60 s and closes a connection that sends more; JDA
 * stops at 116 of its own queued payloads in a fixed minute and then sends nothing for the rest of it. The
 * plugin's share is {@code limit} per {@code window}, counted in a sliding window (so it holds in any of JDA's
 * fixed minutes too); the rest stays for JDA's heartbeats and whatever else the operator's bot sends.
 *
 * <p>A join costs its own payload and reserves the leave that will follow it, so a leave never waits: a join is
 * granted only when the payloads of the last window plus the reserved leaves plus its own cost fit the limit.
 * Joins that do not fit wait in order of arrival and are granted as old payloads leave the window. Thread-safe;
 * the callbacks of waiting joins run on the scheduler and must not block.
 */
public final class GatewayBudget {

    private static final Logger log = LoggerFactory.getLogger(GatewayBudget.class);

    /** Discord's documented limit: payloads per connection and window. */
    public static final int DISCORD_LIMIT = 120;
    /** The window of Discord's limit. */
    public static final Duration DISCORD_WINDOW = Duration.ofSeconds(60);
    /** The plugin's default share of {@link #DISCORD_LIMIT}: room for heartbeats and the bot's other payloads. */
    public static final int DEFAULT_LIMIT = 110;

    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    private final Scheduler scheduler;
    private final LongPredicate guildPresent;
    private final Map<Integer, Shard> shards = new HashMap<>();

    /**
     * Creates a budget.
     *
     * @param limit voice payloads per shard and window, at least 2 (a join and its leave)
     * @param window the window
     * @param clock the time source
     * @param scheduler runs waiting joins when they fit
     * @param guildPresent tells whether the bot is still in a guild; a reserved leave of a guild it left is dropped
     */
    public GatewayBudget(int limit, Duration window, Clock clock, Scheduler scheduler, LongPredicate guildPresent) {
        if (limit < 2) {
            throw new IllegalArgumentException("A gateway budget needs room for a join and its leave, was " + limit);
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("The gateway budget window must be positive, was " + window);
        }
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.scheduler = scheduler;
        this.guildPresent = guildPresent;
    }

    /**
     * Returns the payloads allowed per shard and window.
     *
     * @return the limit
     */
    public int limit() {
        return limit;
    }

    /**
     * Returns the window the limit is counted in.
     *
     * @return the window
     */
    public Duration window() {
        return Duration.ofMillis(windowMillis);
    }

    /**
     * Asks to join voice in a guild. If the join fits now and no join waits before it, it is booked and the
     * ticket says so: the caller sends it at once and {@code whenAllowed} is not run. Otherwise the join waits
     * in order and {@code whenAllowed} runs on the scheduler once it is booked.
     *
     * @param shard the guild's shard
     * @param guildId the guild
     * @param whenAllowed what sends the join later; must not block
     * @return the ticket
     */
    public Ticket requestJoin(int shard, long guildId, Runnable whenAllowed) {
        Ticket ticket;
        synchronized (this) {
            Shard s = shards.computeIfAbsent(shard, Shard::new);
            long now = clock.millis();
            s.prune(now);
            ticket = new Ticket(s, guildId, whenAllowed);
            if (s.waiting.isEmpty() && s.fits(guildId)) {
                s.book(guildId, now);
                ticket.granted = true;
                ticket.immediate = true;
                return ticket;
            }
            s.waiting.addLast(ticket);
            ticket.position = s.waiting.size();
            ticket.expectedWait = s.expectedWait(ticket, now);
            s.scheduleDrain(now);
        }
        log.info("Voice join in guild '{}' waits for the gateway budget of shard '{}' ({} per {} ms): position {}",
                guildId, shard, limit, windowMillis, ticket.position);
        return ticket;
    }

    /**
     * Records that the bot left voice in a guild, or no longer needs the leave it reserved: the reserved leave
     * becomes a payload of the window. A leave that was sent without a reservation is counted too.
     *
     * @param shard the guild's shard
     * @param guildId the guild
     * @param sent whether a leave payload was sent
     */
    public void left(int shard, long guildId, boolean sent) {
        synchronized (this) {
            Shard s = shards.computeIfAbsent(shard, Shard::new);
            long now = clock.millis();
            boolean held = s.holding.remove(guildId);
            if (held || sent) {
                // A reserved leave that the plugin did not send may still be sent by JDA (a deleted channel or a
                // kick closes the connection with an op 4 of its own): count it either way.
                s.sent.addLast(now);
            }
            if (!s.waiting.isEmpty()) {
                s.scheduleDrain(now);
            }
        }
    }

    /**
     * Returns the payloads booked in the current window and the leaves reserved, for a shard.
     *
     * @param shard the shard
     * @return {@code [booked, reserved, waiting]}
     */
    public synchronized int[] usage(int shard) {
        Shard s = shards.get(shard);
        if (s == null) {
            return new int[] {0, 0, 0};
        }
        s.prune(clock.millis());
        return new int[] {s.sent.size(), s.holding.size(), s.waiting.size()};
    }

    private void drain(Shard s) {
        List<Ticket> granted = new ArrayList<>();
        synchronized (this) {
            s.drainTask = null;
            s.drainAt = Long.MAX_VALUE;
            long now = clock.millis();
            s.prune(now);
            while (!s.waiting.isEmpty() && s.fits(s.waiting.peekFirst().guildId)) {
                Ticket next = s.waiting.removeFirst();
                s.book(next.guildId, now);
                next.granted = true;
                granted.add(next);
            }
            if (!s.waiting.isEmpty()) {
                s.scheduleDrain(now);
            }
        }
        for (Ticket ticket : granted) {
            try {
                ticket.whenAllowed.run();
            } catch (RuntimeException e) {
                // A task boundary: one session's failure must not stop the others' joins.
                log.error("Sending the voice join of guild '{}' failed", ticket.guildId, e);
            }
        }
    }

    /** A join's place in the budget. */
    public final class Ticket {
        private final Shard shard;
        private final long guildId;
        private final Runnable whenAllowed;
        private boolean granted;
        private boolean immediate;
        private int position;
        private Optional<Duration> expectedWait = Optional.empty();

        private Ticket(Shard shard, long guildId, Runnable whenAllowed) {
            this.shard = shard;
            this.guildId = guildId;
            this.whenAllowed = whenAllowed;
        }

        /**
         * Tells whether the join was booked at once, so the caller sends it now.
         *
         * @return {@code true} if it need not wait
         */
        public boolean immediate() {
            synchronized (GatewayBudget.this) {
                return immediate;
            }
        }

        /**
         * Returns the join's place among the joins waiting on its shard when it was queued.
         *
         * @return 1 for the first, 0 if it did not wait
         */
        public int position() {
            synchronized (GatewayBudget.this) {
                return position;
            }
        }

        /**
         * Returns about how long the join waits, when the payloads already in the window tell: empty when it
         * depends on sessions leaving voice first.
         *
         * @return the expected wait
         */
        public Optional<Duration> expectedWait() {
            synchronized (GatewayBudget.this) {
                return expectedWait;
            }
        }

        /** Withdraws a waiting join; a join already booked keeps its reservation until {@link #left}. */
        public void cancel() {
            synchronized (GatewayBudget.this) {
                if (!granted) {
                    shard.waiting.remove(this);
                }
            }
        }
    }

    /** One shard's window, reserved leaves and waiting joins. Guarded by the budget's lock. */
    private final class Shard {
        final int id;
        final Deque<Long> sent = new ArrayDeque<>();
        final Set<Long> holding = new HashSet<>();
        final Deque<Ticket> waiting = new ArrayDeque<>();
        Scheduler.ScheduledTask drainTask;
        long drainAt = Long.MAX_VALUE;

        Shard(int id) {
            this.id = id;
        }

        void prune(long now) {
            while (!sent.isEmpty() && now - sent.peekFirst() >= windowMillis) {
                sent.removeFirst();
            }
            holding.removeIf(guild -> !guildPresent.test(guild));
        }

        int cost(long guildId) {
            return holding.contains(guildId) ? 1 : 2;
        }

        boolean fits(long guildId) {
            return sent.size() + holding.size() + cost(guildId) <= limit;
        }

        void book(long guildId, long now) {
            sent.addLast(now);
            holding.add(guildId);
        }

        /** When the payloads now in the window make room for {@code ticket} and the joins before it. */
        Optional<Duration> expectedWait(Ticket ticket, long now) {
            int needed = sent.size() + holding.size() - limit;
            Set<Long> guilds = new HashSet<>(holding);
            for (Ticket t : waiting) {
                needed += guilds.add(t.guildId) ? 2 : 1;
                if (t == ticket) {
                    break;
                }
            }
            if (needed <= 0) {
                return Optional.of(Duration.ZERO);
            }
            if (needed > sent.size()) {
                return Optional.empty();
            }
            Iterator<Long> oldest = sent.iterator();
            long at = 0;
            for (int i = 0; i < needed; i++) {
                at = oldest.next();
            }
            return Optional.of(Duration.ofMillis(Math.max(0, at + windowMillis - now)));
        }

        void scheduleDrain(long now) {
            // The oldest payload leaving the window is the next chance for room; with none in it only a reserved
            // leave of a guild the bot left can free room, so look again a window later.
            long at = sent.isEmpty() ? now + windowMillis : sent.peekFirst() + windowMillis;
            if (drainTask != null && !drainTask.isDone() && drainAt <= at) {
                return;
            }
            if (drainTask != null) {
                drainTask.cancel();
            }
            drainAt = at;
            drainTask = scheduler.schedule(Duration.ofMillis(Math.max(1, at - now)), () -> drain(this));
        }
    }
}
