package dev.voicesession.voice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voicesession.voice.reliability.Invariants.Ask;
import dev.voicesession.voice.reliability.ReliabilityWorld.Space;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeIT {

    @TempDir
    Path dir;

    @Test
    void smoke() {
        try (ReliabilityWorld world = ReliabilityWorld.start(dir, new ReliabilityWorld.Settings().guilds(2))) {
            Driver driver = new Driver(world);
            Space space = world.space(0);
            long t0 = System.nanoTime();
            Ask ask = driver.start(space, space.user(0));
            long channel = driver.awaitLive(ask, Duration.ofSeconds(10));
            System.out.println("live after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            assertThat(driver.settle(Duration.ofSeconds(5))).isEmpty();
            world.join(space, space.user(0), channel);
            world.control.userLeavesVoice(space.id(), space.user(0).userId());
            assertThat(driver.awaitFinal(ask, Duration.ofSeconds(10))).contains("everyone left");
            assertThat(driver.endEverything(Duration.ofSeconds(10))).isEmpty();
            System.out.println("done after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            assertThat(world.createdChannels()).containsExactly(channel);
        }
    }
}
