package dev.voicesession.bench.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The largest classes on a JVM's heap, from {@code jcmd <pid> GC.class_histogram} (which runs a full GC first). */
final class ClassHistogram {
    private static final Logger LOG = LoggerFactory.getLogger(ClassHistogram.class);

    private ClassHistogram() {}

    static List<String> top(long pid, int lines) {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                LOG.warn("jcmd GC.class_histogram failed for pid {}: {}", pid, output);
                return List.of();
            }
            return output.lines().filter(l -> l.trim().matches("^(\\d+:|num|Total).*")).limit(lines + 1L).toList();
        } catch (IOException e) {
            LOG.warn("Cannot run {}", jcmd, e);
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
