package dev.voicesession.host.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.host.config.DatabaseSettings;
import dev.voicesession.testing.postgres.PostgresDatabase;
import dev.voicesession.testing.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buckets processes of one bot take before IDENTIFY: one taker at a time per bucket, the interval after the
 * IDENTIFY, the reservation of a taker that never finishes running out, on SQLite, PostgreSQL and in memory.
 */
@ExtendWith(PostgresExtension.class)
class IdentifyBucketsTest {

    private static final Duration INTERVAL = Duration.ofMillis(150);
    private static final Duration ALLOWANCE = Duration.ofMillis(600);

    @TempDir
    Path dir;

    @Test
    @DisplayName("SQLite: one taker per bucket, free again the interval after the IDENTIFY; racing takers get one")
    void sqlite() throws Exception {
        try (Database database = Database.open(new DatabaseSettings(dir.resolve("bot.db"), 4, Duration.ofSeconds(5)))) {
            HostMigrations.migrate(database.dataSource());
            IdentifyBuckets buckets = IdentifyBuckets.over(database.dataSource());
            takesInTurn(buckets);
            racingTakersGetOne(buckets);
        }
    }

    @Test
    @DisplayName("PostgreSQL: one taker per bucket, free again the interval after the IDENTIFY; racing takers get one")
    void postgres(PostgresDatabase pg) throws Exception {
        try (Database database = Database.open(DatabaseSettings.postgres(pg.url(), pg.user(), pg.password(), 4))) {
            HostMigrations.migrate(database.dataSource());
            HostMigrations.migrate(database.dataSource());   // again: nothing to do
            IdentifyBuckets buckets = IdentifyBuckets.over(database.dataSource());
            takesInTurn(buckets);
            racingTakersGetOne(buckets);
        }
    }

    @Test
    @DisplayName("in memory (a process that runs every shard): the same rules")
    void memory() throws Exception {
        IdentifyBuckets buckets = IdentifyBuckets.inMemory();
        takesInTurn(buckets);
        racingTakersGetOne(buckets);
    }

    private static void takesInTurn(IdentifyBuckets buckets) throws InterruptedException {
        IdentifyBuckets.Attempt first = buckets.tryTake(0, INTERVAL, ALLOWANCE);
        assertThat(first.taken()).isTrue();

        IdentifyBuckets.Attempt meanwhile = buckets.tryTake(0, INTERVAL, ALLOWANCE);
        assertThat(meanwhile.taken()).as("taken while the first shard connects").isFalse();
        assertThat(meanwhile.connecting()).isTrue();
        assertThat(meanwhile.retryAfter()).isGreaterThan(INTERVAL).isLessThanOrEqualTo(ALLOWANCE.plus(INTERVAL)
                .plusMillis(1));
        assertThat(buckets.tryTake(1, INTERVAL, ALLOWANCE).taken()).as("another bucket is independent").isTrue();

        buckets.finish(0, first.reservation());
        IdentifyBuckets.Attempt cooling = buckets.tryTake(0, INTERVAL, ALLOWANCE);
        assertThat(cooling.taken()).as("within the interval after the IDENTIFY").isFalse();
        assertThat(cooling.connecting()).isFalse();
        assertThat(cooling.retryAfter()).isLessThanOrEqualTo(INTERVAL.plusMillis(1));

        Thread.sleep(cooling.retryAfter().plusMillis(5));
        IdentifyBuckets.Attempt second = buckets.tryTake(0, INTERVAL, ALLOWANCE);
        assertThat(second.taken()).isTrue();
        buckets.finish(0, first.reservation());
        assertThat(buckets.tryTake(0, INTERVAL, ALLOWANCE).connecting())
                .as("a stale reservation does not end a newer one").isTrue();

        // the second taker dies before it finishes: its reservation runs out after the allowance and the interval
        Thread.sleep(ALLOWANCE.plus(INTERVAL).plusMillis(20));
        assertThat(buckets.tryTake(0, INTERVAL, ALLOWANCE).taken()).isTrue();
    }

    private static void racingTakersGetOne(IdentifyBuckets buckets) throws Exception {
        int takers = 6;
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < takers; i++) {
            attempts.add(() -> buckets.tryTake(7, INTERVAL, ALLOWANCE).taken());
        }
        int taken = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(takers)) {
            for (Future<Boolean> attempt : pool.invokeAll(attempts)) {
                taken += attempt.get() ? 1 : 0;
            }
        }
        assertThat(taken).isEqualTo(1);
    }
}
