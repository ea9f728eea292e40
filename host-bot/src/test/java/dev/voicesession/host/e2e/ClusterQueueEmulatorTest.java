package dev.voicesession.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.voicesession.api.DiscordClient;
import dev.voicesession.api.config.ConfigException;
import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.control.EmulatorControl;
import dev.voicesession.emulator.model.Message;
import dev.voicesession.emulator.rest.RateLimitMode;
import dev.voicesession.host.BotHost;
import dev.voicesession.host.config.ConfigLoader;
import dev.voicesession.host.support.EmulatorDiscord;
import dev.voicesession.host.support.HostTestDatabase;
import dev.voicesession.host.support.TestPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code queue.scope: cluster}: two hosts in one JVM run the two shards of one emulated bot (shards 0 and 1 of
 * 2) and share one PostgreSQL database and one slot. Each serves one guild; requests of the test plugin
 * {@code hello} from both guilds form one line.
 */
class ClusterQueueEmulatorTest {

    private static final Duration WAIT = EmulatorDiscord.ANSWER_TIMEOUT;

    @TempDir
    Path dir;

    private DiscordEmulator emulator;
    private EmulatorControl control;
    private EmulatorDiscord discord;
    private HostTestDatabase database;
    private Path plugins;
    private final List<BotHost> hosts = new ArrayList<>();
    private final ShiftedClock clock = new ShiftedClock();
    private final long[] guild = new long[2];
    private final long[] channel = new long[2];
    private final long[][] users = new long[2][2];

    @BeforeEach
    void setUp() throws Exception {
        emulator = DiscordEmulator.builder().rateLimits(RateLimitMode.OFF).voice(false).build().start();
        control = emulator.control();
        discord = new EmulatorDiscord(emulator);
        // one guild on each shard
        while (guild[0] == 0 || guild[1] == 0) {
            long id = control.createGuild("cluster").id();
            int shard = DiscordClient.shardId(id, 2);
            if (guild[shard] == 0) {
                guild[shard] = id;
                channel[shard] = control.createTextChannel(id, "general").id();
                users[shard][0] = control.addMember(id, "user" + shard + "a").userId();
                users[shard][1] = control.addMember(id, "user" + shard + "b").userId();
            }
        }
        database = HostTestDatabase.create(HostTestDatabase.Kind.POSTGRESQL, dir);
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.hello(plugins);
    }

    @AfterEach
    void tearDown() {
        hosts.forEach(BotHost::stop);
        emulator.close();
    }

    /** Starts the host of one shard. */
    private BotHost startHost(int shard, String lease) {
        String yaml = """
                discord:
                  token: %s
                  shards:
                    total: 2
                    range: %d-%d
                bot:
                  shutdownDeadline: 10s
                  slashCommands: "off"
                queue:
                  slots: 1
                  scope: cluster
                  lease: %s
                """.formatted(emulator.botToken(), shard, shard, lease) + database.yaml();
        BotHost host = BotHost.builder()
                .config(ConfigLoader.parse(yaml, "shard" + shard + ".yml", Map.of()))
                .pluginsDir(plugins)
                .clock(clock)
                .jdaCustomizer(builder -> EmulatorClients.configure(builder, emulator))
                .start();
        hosts.add(host);
        return host;
    }

    /** A user of a guild asks with {@code !hello queue}; returns the bot's status message. */
    private Message queue(int shard, int user) {
        Message command = discord.say(channel[shard], users[shard][user], "!hello queue");
        return discord.awaitBotMessage(channel[shard], message -> message.referencedMessageId() != null
                && message.referencedMessageId() == command.id());
    }

    /** Completes the request the guild's host serves. */
    private void done(int shard) {
        Message command = discord.say(channel[shard], users[shard][0], "!hello done");
        discord.awaitBotMessage(channel[shard], message -> message.referencedMessageId() != null
                && message.referencedMessageId() == command.id() && message.content().equals("completed"));
    }

    private String current(Message message) {
        return control.message(message.id()).orElseThrow().content();
    }

    private void awaitText(Message message, String text, Duration within) {
        await().atMost(within).untilAsserted(() -> assertThat(current(message)).isEqualTo(text));
    }

    private static String waiting(int position) {
        return "hello request waiting, position " + position;
    }

    private long activeRows() {
        return database.number("SELECT COUNT(*) FROM host_queue_request WHERE state = 'active'");
    }

    @Test
    @DisplayName("one slot for both processes, first in, first out across them; a grant in one process follows a"
            + " release in the other at once (NOTIFY), long before a heartbeat")
    void oneSlotFifoAcrossProcesses() throws InterruptedException {
        startHost(0, "60s");
        startHost(1, "60s");
        AtomicLong mostActive = new AtomicLong();
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                mostActive.accumulateAndGet(activeRows(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        Message a1 = queue(0, 0);
        awaitText(a1, "serving " + users[0][0], WAIT);
        Message b1 = queue(1, 0);
        awaitText(b1, waiting(1), WAIT);
        Message a2 = queue(0, 1);
        awaitText(a2, waiting(2), WAIT);
        Message b2 = queue(1, 1);
        awaitText(b2, waiting(3), WAIT);

        // A release in shard 0's process: the head of the line is shard 1's request, granted there.
        done(0);
        awaitText(b1, "serving " + users[1][0], Duration.ofSeconds(5));
        awaitText(a2, waiting(1), Duration.ofSeconds(5));
        awaitText(b2, waiting(2), Duration.ofSeconds(5));
        assertThat(current(a2)).as("shard 0's own request waits: it came later").isEqualTo(waiting(1));

        done(1);
        awaitText(a2, "serving " + users[0][1], Duration.ofSeconds(5));
        awaitText(b2, waiting(1), Duration.ofSeconds(5));
        done(0);
        awaitText(b2, "serving " + users[1][1], Duration.ofSeconds(5));
        done(1);
        await().atMost(WAIT).until(() -> database.queueRows().isEmpty());

        watcher.interrupt();
        watcher.join();
        assertThat(mostActive.get()).as("never more than the one slot in use, in the whole cluster").isEqualTo(1);
    }

    @Test
    @DisplayName("the slot of a process that died returns to the cluster once its lease has run out; restarted,"
            + " the process takes its waiting requests back, in their places")
    void deadHoldersSlotReturns() {
        startHost(0, "3s");
        BotHost shard1 = startHost(1, "3s");
        Message b1 = queue(1, 0);
        awaitText(b1, "serving " + users[1][0], WAIT);
        Message a1 = queue(0, 0);
        awaitText(a1, waiting(1), WAIT);
        Message b2 = queue(1, 1);
        awaitText(b2, waiting(2), WAIT);

        shard1.stopWithoutCleanup();
        // Heartbeats come every second, but the lease of the dead process runs out only with time.
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertThat(current(a1)).isEqualTo(waiting(1));
        assertThat(activeRows()).isEqualTo(1);

        clock.shift(Duration.ofSeconds(10));

        awaitText(a1, "serving " + users[0][0], Duration.ofSeconds(5));
        assertThat(database.queueRows()).extracting(HostTestDatabase.QueueRow::userId, HostTestDatabase.QueueRow::state)
                .as("the dead process's active row was deleted; its waiting one keeps its place").containsExactly(
                        org.assertj.core.groups.Tuple.tuple(users[0][0], "active"),
                        org.assertj.core.groups.Tuple.tuple(users[1][1], "waiting"));

        startHost(1, "3s");
        awaitText(b2, waiting(1), WAIT);
        done(0);
        awaitText(b2, "serving " + users[1][1], Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("queue.scope: cluster on an SQLite file stops the start, naming the key and the fix")
    void clusterNeedsPostgres() {
        String yaml = """
                discord:
                  token: %s
                bot:
                  slashCommands: "off"
                queue:
                  scope: cluster
                database:
                  path: %s
                """.formatted(emulator.botToken(), dir.resolve("bot.db"));

        assertThatThrownBy(() -> BotHost.builder()
                        .config(ConfigLoader.parse(yaml, "cluster.yml", Map.of()))
                        .pluginsDir(plugins)
                        .jdaCustomizer(builder -> EmulatorClients.configure(builder, emulator))
                        .start())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cluster.yml: key 'queue.scope': is cluster, which needs one PostgreSQL"
                        + " database shared by every process of the bot");
    }

    /** The system clock, moved forward by the test. */
    private static final class ShiftedClock extends Clock {
        private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

        void shift(Duration amount) {
            shift.accumulateAndGet(amount, Duration::plus);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift.get());
        }
    }
}
