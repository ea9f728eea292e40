package dev.voicesession.emulator.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.voicesession.emulator.DiscordEmulator;
import dev.voicesession.emulator.client.EmulatorClients;
import dev.voicesession.emulator.client.EmulatorSessionController;
import dev.voicesession.emulator.gateway.IdentifyLimit;
import dev.voicesession.emulator.model.IdentifyLogEntry;
import dev.voicesession.emulator.model.IdentifyLogEntry.Outcome;
import dev.voicesession.emulator.rest.RateLimitMode;
import java.time.Duration;
import java.util.List;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What JDA's shard manager does with the identify limit: a shard refused with op 9 INVALID_SESSION goes back to
 * its session controller's queue and identifies again later; a controller that paces by bucket is never refused.
 */
class IdentifyConcurrencyTest {
    private static final Duration WINDOW = Duration.ofMillis(1000);

    private DiscordEmulator emulator;
    private ShardManager shards;

    @BeforeEach
    void start() {
        emulator = DiscordEmulator.builder().rateLimits(RateLimitMode.OFF).voice(false)
                .identifyLimit(IdentifyLimit.discord().withWindow(WINDOW)).build().start();
        emulator.control().createGuild("one");
    }

    @AfterEach
    void stop() {
        if (shards != null) {
            shards.getShards().forEach(JDA::shutdownNow);
            shards.shutdown();
        }
        emulator.close();
    }

    @Test
    @DisplayName("a controller without pacing: the second shard is refused (op 9), JDA queues it again and it"
            + " connects once the bucket is free")
    void refusedShardIsQueuedAgain() {
        shards = builder().setSessionController(new EmulatorSessionController(emulator.gatewayUrl())).build();

        awaitConnected();

        List<IdentifyLogEntry> identifies = emulator.control().identifies();
        assertThat(identifies).extracting(IdentifyLogEntry::outcome).contains(Outcome.RATE_LIMITED);
        assertOneBucketKeptItsWindow(identifies);
    }

    @Test
    @DisplayName("the emulator's paced controller waits for the bucket: no IDENTIFY is refused")
    void pacedControllerIsNeverRefused() {
        shards = EmulatorClients.configure(builder(), emulator).build();

        awaitConnected();

        List<IdentifyLogEntry> identifies = emulator.control().identifies();
        assertThat(identifies).hasSize(2).allMatch(IdentifyLogEntry::accepted);
        assertOneBucketKeptItsWindow(identifies);
    }

    private DefaultShardManagerBuilder builder() {
        return DefaultShardManagerBuilder.createLight(emulator.botToken(), GatewayIntent.GUILD_MESSAGES)
                .setRestConfig(EmulatorClients.restConfig(emulator))
                .setShardsTotal(2);
    }

    private void awaitConnected() {
        await().atMost(Duration.ofSeconds(20)).until(() -> shards.getShards().size() == 2
                && shards.getShards().stream().allMatch(s -> s.getStatus() == JDA.Status.CONNECTED));
    }

    private static void assertOneBucketKeptItsWindow(List<IdentifyLogEntry> identifies) {
        List<IdentifyLogEntry> accepted = identifies.stream().filter(IdentifyLogEntry::accepted).toList();
        assertThat(accepted).extracting(IdentifyLogEntry::shardId).containsExactlyInAnyOrder(0, 1);
        assertThat(Duration.ofNanos(accepted.get(1).nanoTime() - accepted.get(0).nanoTime()))
                .isGreaterThanOrEqualTo(WINDOW);
    }
}
