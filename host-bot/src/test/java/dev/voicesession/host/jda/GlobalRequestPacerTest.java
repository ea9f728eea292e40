package dev.voicesession.host.jda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Request;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pacing itself, on a clock the test moves: what leaves in any second, and what is not paced at all. */
class GlobalRequestPacerTest {

    /** A clock that only moves when the pacer waits on it. */
    private static final class ManualClock implements TimeMeter, BlockingStrategy {
        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        @Override
        public void park(long waitNanos) {
            nanos += waitNanos;
        }
    }

    @ParameterizedTest(name = "limit {0}, {1} of {2} shards: at most {3} a second")
    @CsvSource({"50, 1, 1, 45", "50, 4, 8, 22.5", "50, 2, 8, 11.25", "200, 1, 1, 180", "50, 1, 64, 0.703125"})
    @DisplayName("a process's share of the global limit, less a tenth, is the most that leaves in any second")
    void shareOfTheLimit(int limit, int shards, int total, double expected) throws InterruptedIOException {
        assertThat(GlobalRequestPacer.forShare(limit, shards, total).requestsPerSecond()).isEqualTo(expected);
        ManualClock clock = new ManualClock();
        GlobalRequestPacer pacer = new GlobalRequestPacer(expected, clock, clock);
        List<Long> sent = new ArrayList<>();
        int requests = (int) Math.max(30, expected * 10);
        for (int i = 0; i < requests; i++) {
            pacer.acquire();
            sent.add(clock.nanos);
        }
        long busiestSecond = 0;
        for (int first = 0; first < sent.size(); first++) {
            int last = first;
            while (last + 1 < sent.size() && sent.get(last + 1) - sent.get(first) < TimeUnit.SECONDS.toNanos(1)) {
                last++;
            }
            busiestSecond = Math.max(busiestSecond, last - first + 1);
        }
        assertThat(busiestSecond).as("requests in the busiest second").isLessThanOrEqualTo((long) Math.ceil(expected));
        double seconds = sent.getLast() / 1e9;
        assertThat(requests / Math.max(seconds, 1e-9)).as("sustained rate").isGreaterThan(expected * 0.45);
    }

    @Test
    @DisplayName("a quiet pacer lets a small burst through at once, then spaces the rest")
    void burstThenPace() throws InterruptedIOException {
        ManualClock clock = new ManualClock();
        GlobalRequestPacer pacer = new GlobalRequestPacer(45, clock, clock);
        assertThat(pacer.burst()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            pacer.acquire();
        }
        assertThat(clock.nanos).isZero();
        pacer.acquire();
        assertThat(clock.nanos).as("the fifth waits for a token: 1/41 s").isBetween(TimeUnit.MILLISECONDS.toNanos(20),
                TimeUnit.MILLISECONDS.toNanos(30));
    }

    @Test
    @DisplayName("interaction callbacks, token webhooks and unauthenticated requests are not paced; bot routes are")
    void exemptRoutes() {
        String api = "https://discord.com/api/v10/";
        assertThat(GlobalRequestPacer.exempt(bot(api + "channels/1/messages"))).isFalse();
        assertThat(GlobalRequestPacer.exempt(bot(api + "guilds/1/channels"))).isFalse();
        assertThat(GlobalRequestPacer.exempt(bot(api + "webhooks/12"))).as("a webhook managed by the bot").isFalse();
        assertThat(GlobalRequestPacer.exempt(bot(api + "interactions/123/aW50ZXJhY3Rpb24/callback"))).isTrue();
        assertThat(GlobalRequestPacer.exempt(bot(api + "webhooks/456/aW50ZXJhY3Rpb24/messages/@original"))).isTrue();
        assertThat(GlobalRequestPacer.exempt(new Request.Builder().url(api + "gateway").build())).isTrue();
    }

    @Test
    @DisplayName("a share outside 1..total, or a limit below 1, is refused")
    void badShare() {
        assertThatIllegalArgumentException().isThrownBy(() -> GlobalRequestPacer.forShare(0, 1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> GlobalRequestPacer.forShare(50, 0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> GlobalRequestPacer.forShare(50, 3, 2));
    }

    private static Request bot(String url) {
        return new Request.Builder().url(url).header("Authorization", "Bot token").build();
    }
}
