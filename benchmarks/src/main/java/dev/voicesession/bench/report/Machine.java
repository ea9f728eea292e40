package dev.voicesession.bench.report;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the benchmark ran on: CPU, cores, memory, OS, JDK and garbage collector, and the load average (the
 * machine may be shared).
 *
 * @param cpu CPU model
 * @param cores processors available to the JVM
 * @param memoryGiB physical memory
 * @param os operating system and kernel
 * @param jdk Java runtime
 * @param gc garbage collectors (the host JVM runs with the same defaults)
 */
public record Machine(String cpu, int cores, double memoryGiB, String os, String jdk, String gc) {

    /** Reads this machine. */
    public static Machine current() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
        double memory = firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(v -> Long.parseLong(v.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0)
                .orElse(Runtime.getRuntime().maxMemory() / 1024.0 / 1024.0 / 1024.0);
        String distribution = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME")
                .map(v -> v.replace("\"", "")).orElse(System.getProperty("os.name"));
        String os = distribution + ", kernel " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
        String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version");
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        return new Machine(cpu, Runtime.getRuntime().availableProcessors(), memory, os, jdk, gc);
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** CPU time all processes on the machine have used since boot (busy jiffies of /proc/stat), in nanoseconds. */
    public static long busyNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
            return busy * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int separator = line.indexOf(line.contains("=") && !line.contains(":") ? '=' : ':');
                if (separator > 0 && line.substring(0, separator).trim().equals(key)) {
                    return Optional.of(line.substring(separator + 1).trim());
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
