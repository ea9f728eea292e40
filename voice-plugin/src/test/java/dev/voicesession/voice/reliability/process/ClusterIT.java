package dev.voicesession.voice.reliability.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.gateway.IdentifyLimit;
import dev.voicesession.emulator.model.Channel;
import dev.voicesession.emulator.model.IdentifyLogEntry;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.voice.reliability.process.ClusterWorld.Part;
import dev.voicesession.voice.reliability.process.ClusterWorld.Space;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 13's cluster test: one emulated Discord with 8 shards, three host processes (shards 0-2, 3-5, 6-7), one
 * PostgreSQL, two queue slots for the whole cluster. A hundred users across guilds of every shard ask for a
 * session; each joins the channel the bot makes for them and leaves again. While sessions run, the middle process
 * is killed with SIGKILL during one of its sessions and started again. Checked from outside: never more than two
 * bot voice connections at once in the whole cluster, requests granted first in, first out across processes,
 * every user served or told, and nothing left behind (no channel, no open row, no queued request).
 */
class ClusterIT {

    private static final Logger log = LoggerFactory.getLogger(ClusterIT.class);
    private static final int USERS = 100;
    private static final int SLOTS = 2;
    private static final Duration ASK_GAP = Duration.ofMillis(40);
    private static final Duration STAY = Duration.ofMillis(300);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);
    /** How long after a request's row was written it is surely visible to every process's grant round. */
    private static final Duration IN_LINE_MARGIN = Duration.ofMillis(250);
    /** The queue's section: two slots shared by every process through the database. */
    private static final String QUEUE_YAML = """
            queue:
              slots: %d
              scope: cluster
              lease: 3s
            """.formatted(SLOTS);

    /** Discord's identify limit with two buckets and a short window, so that three processes start in seconds. */
    private static final IdentifyLimit IDENTIFY_LIMIT =
            IdentifyLimit.discord().withMaxConcurrency(2).withWindow(Duration.ofMillis(500));

    @TempDir
    Path dir;

    /** What one user saw in the end. */
    enum Outcome { SERVED, TOLD, NOTHING }

    @Test
    @DisplayName("3 processes, 8 shards, 2 global slots, 100 users, one process killed and restarted mid-session")
    void clusterServesEveryoneWithinTheGlobalSlots() throws Exception {
        List<Part> parts = List.of(new Part("a", 0, 2), new Part("b", 3, 5), new Part("c", 6, 7));
        try (ClusterWorld world = new ClusterWorld(dir, parts,
                        DiscordEmulator.builder().identifyLimit(IDENTIFY_LIMIT), QUEUE_YAML);
                ExecutorService agents = Executors.newVirtualThreadPerTaskExecutor()) {
            world.startAll();
            world.watchQueue();

            List<User> users = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                Space space = world.spaces.get(i % world.spaces.size());
                users.add(new User(i, space, world.control.addMember(space.guild().id(), "user-" + i)));
            }
            AtomicInteger done = new AtomicInteger();
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (User user : users) {
                user.ask = world.control.userSendsMessage(user.space.text().id(), user.member.userId(), "!voice");
                outcomes.add(agents.submit(() -> {
                    Outcome outcome = user.run(world);
                    done.incrementAndGet();
                    return outcome;
                }));
                Thread.sleep(ASK_GAP.toMillis());
            }

            // Kill the middle process while one of its sessions is live, once a quarter of the users are through.
            Part victim = parts.get(1);
            await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> done.get() >= USERS / 4
                    && users.stream().anyMatch(u -> world.partOf(u.space).equals(victim) && u.inChannel));
            List<ClusterWorld.Request> beforeKill = world.stopWatching();
            log.info("Killing process '{}' (shards {}-{}) after {} users", victim.name(), victim.firstShard(),
                    victim.lastShard(), done.get());
            world.host(victim).kill();
            world.killed(victim);
            Thread.sleep(1000);
            world.launch(victim).awaitStarted(ClusterWorld.START_TIMEOUT);

            Map<Outcome, Integer> counts = new HashMap<>();
            for (Future<Outcome> outcome : outcomes) {
                counts.merge(outcome.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS), 1, Integer::sum);
            }
            log.info("Outcomes: {}; most bot voice connections at once: {}; before the kill {} requests seen, the"
                    + " most a grant went past {}", counts, world.mostBotVoiceConnections(), beforeKill.size(),
                    overtaken(beforeKill));

            assertThat(world.control.identifies()).as("IDENTIFYs of every process, the restart's included")
                    .hasSizeGreaterThanOrEqualTo(ClusterWorld.SHARDS + victim.lastShard() - victim.firstShard() + 1)
                    .allSatisfy(identify -> assertThat(identify.outcome()).isEqualTo(IdentifyLogEntry.Outcome.ACCEPTED));
            assertThat(counts.getOrDefault(Outcome.NOTHING, 0)).as("users neither served nor told").isZero();
            assertThat(counts.getOrDefault(Outcome.SERVED, 0)).as("users served").isGreaterThanOrEqualTo(USERS - 5);
            assertThat(world.mostBotVoiceConnections()).as("bot voice connections at once, whole cluster")
                    .isBetween(1, SLOTS);
            assertThat(beforeKill.stream().filter(r -> r.grantedAt() != 0).count())
                    .as("grants the watch saw before the kill").isGreaterThanOrEqualTo(USERS / 4);
            assertThat(overtaken(beforeKill))
                    .as("earlier requests, in line well before a grant, that it went past (first in, first out)")
                    .isLessThanOrEqualTo(SLOTS - 1);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                assertThat(world.pluginChannels()).as("channels left").isEmpty();
                assertThat(world.activeRows()).as("rows without ended_at").isEmpty();
                assertThat(world.queuedRequests()).as("requests left in the queue table").isEmpty();
            });
        }
    }

    /**
     * First in, first out across the processes: the most requests that a grant went past, counted over every
     * grant before the kill. A request is gone past when it arrived earlier, was stored well before the grant
     * (its row visible to the granting round; {@link #IN_LINE_MARGIN} covers the commit) and was granted later. A
     * round grants only within the free slots counted from the head of the whole line, so with {@link #SLOTS}
     * slots a grant can go past at most {@code SLOTS - 1} requests ahead of it, each granted a moment later by
     * its own process; a grant that skipped someone waiting would go past more, or the same ones again and again.
     */
    private static int overtaken(List<ClusterWorld.Request> requests) {
        int most = 0;
        for (ClusterWorld.Request granted : requests) {
            if (granted.grantedAt() == 0) {
                continue;
            }
            int passed = 0;
            for (ClusterWorld.Request other : requests) {
                boolean earlier = other.arrival() < granted.arrival();
                boolean inLine = other.createdAt() + IN_LINE_MARGIN.toMillis() < granted.grantedAt();
                boolean later = other.grantedAt() == 0 || other.grantedAt() > granted.grantedAt();
                if (earlier && inLine && later) {
                    passed++;
                }
            }
            most = Math.max(most, passed);
        }
        return most;
    }

    /** One user: asks, joins the channel the bot made once the bot is in it, stays a moment, leaves. */
    private static final class User {
        final int index;
        final Space space;
        final Member member;
        volatile Message ask;
        volatile boolean inChannel;

        User(int index, Space space, Member member) {
            this.index = index;
            this.space = space;
            this.member = member;
        }

        Outcome run(ClusterWorld world) throws InterruptedException {
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            Channel joined = null;
            while (System.nanoTime() < deadline) {
                Optional<String> status = world.replyTo(space, ask.id());
                if (joined == null) {
                    Optional<Channel> channel = world.sessionChannel(space, member);
                    if (channel.isPresent() && world.botIn(space, channel.get().id())) {
                        joined = channel.get();
                        world.control.userJoinsVoice(space.guild().id(), member.userId(), joined.id());
                        inChannel = true;
                        Thread.sleep(STAY.toMillis());
                        world.control.userLeavesVoice(space.guild().id(), member.userId());
                        inChannel = false;
                        continue;
                    }
                    if (status.filter(User::isFinal).isPresent()) {
                        return Outcome.TOLD;
                    }
                } else {
                    long channelId = joined.id();
                    if (world.control.channel(channelId).isEmpty() && status.filter(User::isFinal).isPresent()) {
                        return Outcome.SERVED;
                    }
                }
                Thread.sleep(50);
            }
            log.warn("User {} saw nothing final; status '{}'", index, world.replyTo(space, ask.id()).orElse(""));
            return Outcome.NOTHING;
        }

        /** A status that no later edit changes: the session ended, or the request was dropped or refused. */
        private static boolean isFinal(String text) {
            return text.startsWith("Voice session ended") || text.contains("dropped") || text.contains("cancelled")
                    || text.contains("could not");
        }
    }
}
