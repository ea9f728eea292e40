package dev.voicesession.voice.reliability;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A few worlds that tests running in parallel borrow one at a time, so that a host and an emulator are
 * reused across many scenarios instead of started for each. A world whose scenario broke an invariant is
 * closed and replaced, so its leftovers cannot be blamed on the next scenario.
 */
final class WorldPool implements AutoCloseable {

    /** A borrowed world with its helpers, and the round-robin choice of guild. */
    static final class Lease implements AutoCloseable {
        final ReliabilityWorld world;
        final Driver driver;
        final FaultInjector faults;
        private final WorldPool pool;
        private final AtomicInteger nextSpace;
        private boolean broken;

        private Lease(WorldPool pool, ReliabilityWorld world, AtomicInteger nextSpace) {
            this.pool = pool;
            this.world = world;
            this.driver = new Driver(world);
            this.faults = new FaultInjector(world);
            this.nextSpace = nextSpace;
        }

        /** The next enabled guild, round robin, so that a lingering rate limit in one is not met at once again. */
        ReliabilityWorld.Space nextSpace() {
            List<ReliabilityWorld.Space> enabled = world.spaces.stream().filter(ReliabilityWorld.Space::enabled).toList();
            return enabled.get(Math.floorMod(nextSpace.getAndIncrement(), enabled.size()));
        }

        /** Marks the world as not to be reused. */
        void broken() {
            broken = true;
        }

        @Override
        public void close() {
            faults.close();
            pool.giveBack(this, broken);
        }
    }

    private record Entry(ReliabilityWorld world, AtomicInteger nextSpace) {}

    private final Path dir;
    private final Supplier<ReliabilityWorld.Settings> settings;
    private final int size;
    private final BlockingQueue<Entry> idle = new LinkedBlockingQueue<>();
    private final List<ReliabilityWorld> all = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private int started;

    WorldPool(Path dir, int size, Supplier<ReliabilityWorld.Settings> settings) {
        this.dir = dir;
        this.size = size;
        this.settings = settings;
    }

    Lease borrow() throws InterruptedException {
        Entry entry = idle.poll();
        if (entry == null) {
            synchronized (this) {
                if (started < size) {
                    started++;
                    entry = newEntry();
                }
            }
        }
        if (entry == null) {
            entry = idle.take();
        }
        return new Lease(this, entry.world(), entry.nextSpace());
    }

    private Entry newEntry() {
        ReliabilityWorld world = ReliabilityWorld.start(dir.resolve("world-" + created.incrementAndGet()), settings.get());
        synchronized (all) {
            all.add(world);
        }
        return new Entry(world, new AtomicInteger());
    }

    private void giveBack(Lease lease, boolean broken) {
        if (!broken) {
            idle.add(new Entry(lease.world, lease.nextSpace));
            return;
        }
        synchronized (all) {
            all.remove(lease.world);
        }
        lease.world.close();
        idle.add(newEntry());
    }

    /** How many worlds were started in all, replacements included. */
    int worldsStarted() {
        return created.get();
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(ReliabilityWorld::close);
            all.clear();
        }
    }
}
