package dev.voicesession.voice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.emulator.model.RequestLogEntry;
import dev.voicesession.emulator.rest.RateLimitConfig;
import dev.voicesession.voice.reliability.ReliabilityWorld.Space;
import dev.voicesession.voice.testing.StoredSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 point 5, the REST side, through the real JDA client: when many sessions start at once, the bot's own
 * requests fill Discord's global REST limit (here {@link #GLOBAL_PER_SECOND} per second instead of 50, so that a
 * few guilds fill it) and JDA holds the channel creations back for longer than the plugin's REST time-out. That
 * wait is the bot's own doing and must not fail a session: the creation has {@code createTimeout} for it.
 */
class RestRateLimitIT {

    private static final int GUILDS = 5;
    private static final int GLOBAL_PER_SECOND = 2;
    private static final Duration REST_TIMEOUT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    @Test
    @DisplayName("Channel creations held back by the global REST limit longer than restTimeout still succeed")
    void createsWaitingBehindTheGlobalLimitDoNotFail() throws InterruptedException, ExecutionException {
        ReliabilityWorld.Settings settings = new ReliabilityWorld.Settings()
                .guilds(GUILDS).usersPerGuild(1).slots(GUILDS)
                .restLimits(new RateLimitConfig(50, Duration.ofSeconds(1), GLOBAL_PER_SECOND))
                .voice("timeout", "30s")
                .voice("restTimeout", REST_TIMEOUT.toMillis() + "ms")
                .voice("createTimeout", "30s");
        Map<Long, Long> askedNanos = new ConcurrentHashMap<>();
        try (ReliabilityWorld world = ReliabilityWorld.start(dir, settings);
                ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> loops = new ArrayList<>();
            for (Space space : world.spaces) {
                loops.add(users.submit(() -> {
                    askedNanos.put(space.id(), System.nanoTime());
                    WholeSession.run(world, space, space.user(0));
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }

            List<StoredSession> rows = world.rows();
            assertThat(rows).hasSize(GUILDS);
            assertThat(rows).as("every session ended because its user left, none failed")
                    .allSatisfy(r -> assertThat(r.endReason()).isEqualTo("user_left"));
            List<RequestLogEntry> creates = world.control.requestLog("POST", "guilds/{guild_id}/channels").stream()
                    .filter(e -> e.status() == 200 || e.status() == 201)
                    .toList();
            assertThat(creates).hasSize(GUILDS);
            long slowest = creates.stream()
                    .mapToLong(e -> e.arrivedNanos() - askedNanos.get(guildOf(e)))
                    .max().orElseThrow();
            assertThat(Duration.ofNanos(slowest)).as("some creation waited longer than restTimeout behind the limit")
                    .isGreaterThan(REST_TIMEOUT);
            assertThat(world.control.requestLog().stream().filter(e -> e.status() == 429))
                    .as("the emulator enforced the global limit").isNotEmpty();
        }
    }

    private static long guildOf(RequestLogEntry create) {
        // guilds/{guild_id}/channels
        return Long.parseLong(create.path().split("/")[1]);
    }

}
