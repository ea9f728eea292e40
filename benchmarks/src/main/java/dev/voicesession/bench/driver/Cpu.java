package dev.voicesession.bench.driver;

import java.time.Duration;

/** CPU time (user plus system) used by a process so far, as the OS counts it. */
public final class Cpu {
    private Cpu() {}

    /**
     * CPU used by the host and by this JVM (driver and emulator) between two readings.
     *
     * @param hostMs the host's CPU milliseconds
     * @param driverMs the driver's and emulator's CPU milliseconds
     * @param wallMs wall-clock milliseconds
     */
    public record Usage(double hostMs, double driverMs, double wallMs) {}

    /** A reading to subtract later. */
    public record Reading(long hostNanos, long driverNanos, long wallNanos) {
        /** The CPU used since this reading. */
        public Usage since(HostProcess host) {
            Reading now = read(host);
            return new Usage((now.hostNanos - hostNanos) / 1e6, (now.driverNanos - driverNanos) / 1e6,
                    (now.wallNanos - wallNanos) / 1e6);
        }
    }

    /** Reads the host's and this JVM's CPU time now. */
    public static Reading read(HostProcess host) {
        long hostNanos = ProcessHandle.of(host.ready().path("pid").asLong())
                .flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(0L);
        long driverNanos = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        return new Reading(hostNanos, driverNanos, System.nanoTime());
    }
}
