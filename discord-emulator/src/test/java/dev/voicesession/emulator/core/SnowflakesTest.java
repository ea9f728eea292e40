package dev.voicesession.emulator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SnowflakesTest {
    private final Snowflakes ids = new Snowflakes();

    @Test
    @DisplayName("ids on a shard fall on it, keep increasing, and stay within shards - 1 ms of now")
    void onShard() {
        long previous = ids.next();
        for (int i = 0; i < 200; i++) {
            int shard = (i * 5) % 16;
            Instant before = Instant.now();
            long id = ids.nextOnShard(shard, 16);
            assertThat((id >>> 22) % 16).isEqualTo(shard);
            assertThat(id).isGreaterThan(previous);
            assertThat(Snowflakes.timeOf(id)).isBefore(before.plus(Duration.ofMillis(16 * (i + 2L))));
            previous = id;
            long plain = ids.next();
            assertThat(plain).isGreaterThan(previous);
            previous = plain;
        }
    }

    @Test
    @DisplayName("many ids in a row on one shard stay distinct")
    void sameShardRepeatedly() {
        long previous = 0;
        for (int i = 0; i < 1000; i++) {
            long id = ids.nextOnShard(3, 4);
            assertThat((id >>> 22) % 4).isEqualTo(3);
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
    }

    @Test
    @DisplayName("a shard outside the count is refused")
    void badShard() {
        assertThatIllegalArgumentException().isThrownBy(() -> ids.nextOnShard(4, 4));
        assertThatIllegalArgumentException().isThrownBy(() -> ids.nextOnShard(-1, 4));
        assertThatIllegalArgumentException().isThrownBy(() -> ids.nextOnShard(0, 0));
    }
}
