package dev.voicesession.voice.testing;

import dev.voicesession.voice.discord.ChannelBlueprint;
import dev.voicesession.voice.discord.ChannelFacts;
import dev.voicesession.voice.discord.DeleteOutcome;
import dev.voicesession.voice.discord.DiscordActionException;
import dev.voicesession.voice.discord.DiscordActions;
import dev.voicesession.voice.discord.GatewayBudget;
import dev.voicesession.voice.discord.PermissionCheck;
import dev.voicesession.voice.discord.VoicePermissions;
import dev.voicesession.api.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import net.dv8tion.jda.api.Permission;

/** An in-memory Discord for unit tests, with switches for the failures the tests need. */
public final class FakeDiscord implements DiscordActions {

    public static final long BOT = 900;

    /** A channel as the fake holds it. */
    public record Channel(long guildId, long categoryId, String name, Instant createdAt, Map<Long, ChannelFacts.Overwrite> overwrites) {}

    private final Clock clock;
    private final AtomicLong ids = new AtomicLong(5000);
    private final Set<Long> guilds = ConcurrentHashMap.newKeySet();
    private final Map<Long, Channel> channels = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> humans = new ConcurrentHashMap<>();
    private final Map<Long, Long> connected = new ConcurrentHashMap<>();
    private final List<Edit> edits = new CopyOnWriteArrayList<>();
    private final List<LongConsumer> voiceListeners = new CopyOnWriteArrayList<>();
    /** Voice joins actually sent (openConnection), by guild, in order. */
    public final List<Long> joinsSent = new CopyOnWriteArrayList<>();
    /** The gateway budget joins and leaves go through; {@link #useBudget} replaces the default, which never fills. */
    private volatile GatewayBudget budget;

    public final AtomicInteger createCalls = new AtomicInteger();
    public final AtomicInteger deleteCalls = new AtomicInteger();
    /** When each delete was asked for, by the fake's clock. */
    public final List<Instant> deleteTimes = new CopyOnWriteArrayList<>();
    public final AtomicInteger connectCalls = new AtomicInteger();

    public volatile Set<Permission> missing = Set.of();
    public volatile DiscordActionException createFailure;
    public volatile boolean createSucceedsButFails;
    public volatile int deleteFailures;
    public volatile DeleteOutcome deleteFailure = DeleteOutcome.FAILED;
    public volatile boolean connectNever;
    public volatile int connectFailuresLeft;

    public FakeDiscord(Clock clock, long... guildIds) {
        this.clock = clock;
        this.budget = new GatewayBudget(120, Duration.ofSeconds(60), clock, NO_TIMERS, guilds::contains);
        for (long guildId : guildIds) {
            guilds.add(guildId);
        }
    }

    private static final Scheduler NO_TIMERS = new Scheduler() {
        @Override
        public ScheduledTask schedule(Duration delay, Runnable task) {
            throw new UnsupportedOperationException("The default budget of FakeDiscord never waits; call useBudget");
        }

        @Override
        public void execute(Runnable task) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public <T> java.util.concurrent.CompletableFuture<T> supply(java.util.function.Supplier<T> supplier) {
            throw new UnsupportedOperationException("not used");
        }
    };

    // ---- control

    /** Sends voice joins and leaves through a budget of {@code limit} per {@code window} on {@code scheduler}. */
    public GatewayBudget useBudget(int limit, Duration window, Scheduler scheduler) {
        budget = new GatewayBudget(limit, window, clock, scheduler, guilds::contains);
        return budget;
    }

    public void userJoins(long channelId, long userId) {
        humans.computeIfAbsent(channelId, id -> ConcurrentHashMap.newKeySet()).add(userId);
    }

    public void userLeaves(long channelId, long userId) {
        // The channel may be gone already (deleted, or cleaned up by a racing end): nothing to leave then.
        Set<Long> inChannel = humans.get(channelId);
        if (inChannel != null) {
            inChannel.remove(userId);
        }
    }

    public void kickBot(long guildId) {
        connected.remove(guildId);
    }

    public void removeGuild(long guildId) {
        guilds.remove(guildId);
    }

    public void deleteByModerator(long channelId) {
        channels.remove(channelId);
        humans.remove(channelId);
        connected.values().removeIf(c -> c == channelId);
    }

    /** Adds a channel as someone else (or an earlier run) made it. */
    public long addChannel(long guildId, long categoryId, String name, Instant createdAt, Map<Long, ChannelFacts.Overwrite> overwrites) {
        long id = ids.incrementAndGet();
        channels.put(id, new Channel(guildId, categoryId, name, createdAt, overwrites));
        return id;
    }

    public Map<Long, Channel> channels() {
        return channels;
    }

    public boolean exists(long channelId) {
        return channels.containsKey(channelId);
    }

    public Long connectedChannel(long guildId) {
        return connected.get(guildId);
    }

    // ---- DiscordActions

    @Override
    public long selfId() {
        return BOT;
    }

    @Override
    public boolean hasGuild(long guildId) {
        return guilds.contains(guildId);
    }

    @Override
    public PermissionCheck checkCreatePermissions(long guildId, long categoryId) {
        requireGuild(guildId);
        return new PermissionCheck(missing, categoryId == 0 ? "the server" : "category 'Voice'");
    }

    @Override
    public String userName(long guildId, long userId) {
        return "user" + userId;
    }

    @Override
    public long createChannel(ChannelBlueprint blueprint) {
        createCalls.incrementAndGet();
        requireGuild(blueprint.guildId());
        if (createFailure != null && !createSucceedsButFails) {
            throw createFailure;
        }
        long id = ids.incrementAndGet();
        channels.put(id, new Channel(blueprint.guildId(), blueprint.categoryId(), blueprint.name(), clock.instant(), Map.of(
                blueprint.guildId(), new ChannelFacts.Overwrite(false, 0, VoicePermissions.EVERYONE_DENY),
                blueprint.userId(), new ChannelFacts.Overwrite(true, VoicePermissions.MEMBER_ALLOW, 0),
                BOT, new ChannelFacts.Overwrite(true, VoicePermissions.MEMBER_ALLOW, 0))));
        if (createFailure != null) {
            throw createFailure;
        }
        return id;
    }

    @Override
    public GatewayBudget.Ticket requestVoiceJoin(long guildId, Runnable whenAllowed) {
        return budget.requestJoin(0, guildId, whenAllowed);
    }

    @Override
    public void addVoiceStatusListener(LongConsumer listener) {
        voiceListeners.add(listener);
    }

    @Override
    public void openConnection(long guildId, long channelId) {
        connectCalls.incrementAndGet();
        joinsSent.add(guildId);
        if (!channels.containsKey(channelId)) {
            throw new DiscordActionException("channel gone", 10003, Set.of(), false, null);
        }
        if (connectFailuresLeft > 0) {
            connectFailuresLeft--;
            return;
        }
        if (!connectNever) {
            connected.put(guildId, channelId);
            voiceListeners.forEach(l -> l.accept(guildId));
        }
    }

    @Override
    public boolean isConnected(long guildId, long channelId) {
        Long channel = connected.get(guildId);
        return channel != null && channel == channelId;
    }

    @Override
    public boolean leaveVoice(long guildId, long channelId) {
        boolean there = connected.remove(guildId, channelId);
        budget.left(0, guildId, there);
        return there;
    }

    @Override
    public void editMessage(long guildId, long channelId, long messageId, String content) {
        edits.add(new Edit(channelId, messageId, content));
    }

    /** A message edit the code under test asked for. */
    public record Edit(long channelId, long messageId, String content) {}

    /** The message edits asked for, in order. */
    public List<Edit> edits() {
        return List.copyOf(edits);
    }

    @Override
    public boolean channelExists(long guildId, long channelId) {
        return channels.containsKey(channelId);
    }

    @Override
    public DeleteOutcome deleteChannel(long guildId, long channelId) {
        deleteCalls.incrementAndGet();
        deleteTimes.add(clock.instant());
        if (deleteFailures > 0) {
            deleteFailures--;
            return deleteFailure;
        }
        if (channels.remove(channelId) == null) {
            return DeleteOutcome.ALREADY_GONE;
        }
        humans.remove(channelId);
        connected.values().removeIf(c -> c == channelId);
        return DeleteOutcome.DELETED;
    }

    @Override
    public Set<Long> humansInChannel(long guildId, long channelId) {
        return Set.copyOf(humans.getOrDefault(channelId, Set.of()));
    }

    @Override
    public List<ChannelFacts> voiceChannels(long guildId) {
        return channels.entrySet().stream()
                .filter(e -> e.getValue().guildId() == guildId)
                .map(e -> new ChannelFacts(e.getKey(), e.getValue().categoryId(), e.getValue().createdAt(), e.getValue().overwrites()))
                .toList();
    }

    private void requireGuild(long guildId) {
        if (!guilds.contains(guildId)) {
            throw new DiscordActionException("no guild", 10004, Set.of(), false, null);
        }
    }
}
