package dev.voicesession.voice.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SerialLaneTest {

    @Test
    @DisplayName("tasks from many threads never overlap and all run")
    void tasksNeverOverlap() throws InterruptedException {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            SerialLane lane = new SerialLane("test", executor);
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger maxInside = new AtomicInteger();
            List<Integer> seen = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            int threads = 16;
            int perThread = 200;
            for (int t = 0; t < threads; t++) {
                executor.execute(() -> {
                    awaitLatch(start);
                    for (int i = 0; i < perThread; i++) {
                        lane.submit(() -> {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            seen.add(1);
                            inside.decrementAndGet();
                        });
                    }
                });
            }
            start.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> laneSize(lane, seen) == threads * perThread);
            assertThat(maxInside.get()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("tasks from one thread run in submission order, and a failing task does not stop the lane")
    void orderAndFailureIsolation() {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            SerialLane lane = new SerialLane("test", executor);
            List<Integer> order = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                lane.submit(() -> {
                    if (n == 50) {
                        throw new IllegalStateException("task 50 fails on purpose");
                    }
                    order.add(n);
                });
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 99);
            assertThat(order).isSorted().doesNotContain(50);
        }
    }

    private static int laneSize(SerialLane lane, List<Integer> seen) {
        CountDownLatch done = new CountDownLatch(1);
        int[] size = new int[1];
        lane.submit(() -> {
            size[0] = seen.size();
            done.countDown();
        });
        awaitLatch(done);
        return size[0];
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
