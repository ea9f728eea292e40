package dev.voicesession.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    @DisplayName("percentiles of 1..1000 follow the nearest-rank method")
    void nearest_rank() {
        double[] values = IntStream.rangeClosed(1, 1000).mapToDouble(i -> 1001 - i).toArray();

        Stats stats = Stats.of(values);

        assertThat(stats.count()).isEqualTo(1000);
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.p50()).isEqualTo(500);
        assertThat(stats.p99()).isEqualTo(990);
        assertThat(stats.max()).isEqualTo(1000);
        assertThat(stats.mean()).isEqualTo(500.5);
    }

    @Test
    @DisplayName("a single value is its own min, p50, p99 and max")
    void single_value() {
        Stats stats = Stats.of(new double[] {7});

        assertThat(stats.min()).isEqualTo(7);
        assertThat(stats.p50()).isEqualTo(7);
        assertThat(stats.p99()).isEqualTo(7);
        assertThat(stats.max()).isEqualTo(7);
    }

    @Test
    @DisplayName("an empty sample has no figures")
    void empty() {
        Stats stats = Stats.of(new double[0]);

        assertThat(stats.isEmpty()).isTrue();
        assertThat(stats.p99()).isNaN();
    }

    @Test
    @DisplayName("scaling converts every figure")
    void scaled() {
        Stats stats = Stats.of(new double[] {1_000_000, 2_000_000, 3_000_000}).scaled(1e-6);

        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.max()).isEqualTo(3);
        assertThat(stats.p50()).isEqualTo(2);
    }
}
