package dev.voicesession.voice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.emulator.gateway.GatewayRateLimit;
import dev.voicesession.emulator.model.Member;
import dev.voicesession.voice.reliability.ReliabilityWorld.Space;
import dev.voicesession.voice.testing.StoredSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 point 5 through the real JDA client: Discord's gateway limit (here shortened to {@link #EMULATOR_EVENTS}
 * payloads per {@link #WINDOW}, the emulator closing the connection with 4008 above it) and more voice joins and
 * leaves at once than the plugin's budget ({@link #BUDGET} per window) allows. Sessions wait for their turn and
 * say so, none fails (the 3 s connect time-out counts from the join being sent, not from the wait), the bot's op 4
 * payloads stay within the budget in every window, and the gateway never closes the bot's connection.
 */
class GatewayRateLimitIT {

    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final int BUDGET = 4;
    /** Unpaced, ten guilds joining at once send ten op 4 payloads within a second, and their leaves follow. */
    private static final int EMULATOR_EVENTS = 10;
    private static final int GUILDS = 10;
    private static final int SESSIONS_PER_GUILD = 2;
    private static final String WAITING = "Discord limits how often a bot may join voice channels";

    @TempDir
    Path dir;

    @Test
    @DisplayName("Joins beyond the gateway budget wait their turn and tell the user; no session fails, no 4008")
    void noSessionFailsUnderTheGatewayLimit() throws InterruptedException, ExecutionException {
        ReliabilityWorld.Settings settings = new ReliabilityWorld.Settings()
                .guilds(GUILDS).usersPerGuild(SESSIONS_PER_GUILD).slots(GUILDS)
                .gatewayLimit(EMULATOR_EVENTS, WINDOW)
                .voice("timeout", "30s")
                .voice("connectTimeout", "3s")
                .voice("gatewayBudget", Integer.toString(BUDGET))
                .voice("gatewayBudgetWindow", WINDOW.toMillis() + "ms");
        try (ReliabilityWorld world = ReliabilityWorld.start(dir, settings);
                ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
            List<String> gatewaySessions = world.control.gatewaySessions();
            List<Future<?>> loops = new ArrayList<>();
            for (Space space : world.spaces) {
                loops.add(users.submit(() -> {
                    for (Member member : space.users()) {
                        WholeSession.run(world, space, member);
                    }
                    return null;
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }

            List<StoredSession> rows = world.rows();
            assertThat(rows).hasSize(GUILDS * SESSIONS_PER_GUILD);
            assertThat(rows).as("every session ended because its user left, none failed")
                    .allSatisfy(r -> assertThat(r.endReason()).isEqualTo("user_left"));
            GatewayRateLimit limit = world.emulator.gatewayRateLimit();
            assertThat(limit.rateLimitedCloses()).as("connections closed with 4008").isZero();
            assertThat(world.control.gatewaySessions()).as("the bot kept its gateway session").isEqualTo(gatewaySessions);

            List<Long> voiceUpdates = limit.received(4).stream().map(GatewayRateLimit.Received::nanoTime).toList();
            // A join per session; JDA drops a queued leave once the deleted channel took the bot out anyway.
            assertThat(voiceUpdates).as("a join per session").hasSizeGreaterThanOrEqualTo(rows.size());
            // The plugin books at most BUDGET in any window; JDA's sending thread may hold a payload up to 500 ms
            // after it is booked, so the gateway can see up to twice that in one window, never more.
            assertThat(mostWithinOneWindow(voiceUpdates)).as("op 4 payloads in any %d ms", WINDOW.toMillis())
                    .isLessThanOrEqualTo(2 * BUDGET);
            assertThat(world.control.requestLog("PATCH", "channels/{channel_id}/messages/{message_id}"))
                    .as("some user was told to wait for the bot to join")
                    .anySatisfy(edit -> assertThat(edit.requestBody()).contains(WAITING));
        }
    }


    /** The most payloads whose times fall within one window of each other. */
    private static int mostWithinOneWindow(List<Long> nanos) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < nanos.size(); last++) {
            while (nanos.get(last) - nanos.get(first) >= WINDOW.toNanos()) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }
}
