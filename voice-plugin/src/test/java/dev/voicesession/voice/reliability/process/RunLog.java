package dev.voicesession.voice.reliability.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of a reliability run, written as Markdown to {@code target/reliability/<name>.md} so that
 * {@code docs/reliability.md} can quote a real run.
 */
final class RunLog {

    private static final Logger log = LoggerFactory.getLogger(RunLog.class);

    /**
     * One run: what was tried, what came out.
     *
     * @param fault what was done to the bot
     * @param outcome what happened
     * @param violations invariant violations found afterwards
     * @param took how long the run took, restart and checks included
     */
    record Entry(String fault, String outcome, List<String> violations, Duration took) {}

    private final String name;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Duration> startups = new ArrayList<>();
    private final long startedNanos = System.nanoTime();

    RunLog(String name) {
        this.name = name;
    }

    synchronized void add(Entry entry) {
        entries.add(entry);
        log.info("{}: {} -> {} ({} ms){}", name, entry.fault(), entry.outcome(), entry.took().toMillis(),
                entry.violations().isEmpty() ? "" : " VIOLATIONS " + entry.violations());
    }

    synchronized void startups(List<Duration> more) {
        startups.addAll(more);
    }

    synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    synchronized int violations() {
        return entries.stream().mapToInt(e -> e.violations().size()).sum();
    }

    /**
     * Writes the figures.
     *
     * @param header lines to put first (what was selected, the profile)
     */
    synchronized void write(List<String> header) {
        Path dir = Path.of(System.getProperty("project.build.directory", "target")).resolve("reliability");
        StringBuilder out = new StringBuilder("# " + name + "\n\n");
        header.forEach(line -> out.append(line).append("\n"));
        Duration total = Duration.ofNanos(System.nanoTime() - startedNanos);
        out.append(String.format(Locale.ROOT, "%nRuns: %d, invariant violations: %d, total %.1f s%n", entries.size(),
                violations(), total.toMillis() / 1000.0));
        if (!startups.isEmpty()) {
            List<Duration> sorted = startups.stream().sorted().toList();
            out.append(String.format(Locale.ROOT, "Host starts: %d, median %d ms, max %d ms%n", sorted.size(),
                    sorted.get(sorted.size() / 2).toMillis(), sorted.getLast().toMillis()));
        }
        List<Duration> runs = entries.stream().map(Entry::took).sorted(Comparator.naturalOrder()).toList();
        if (!runs.isEmpty()) {
            out.append(String.format(Locale.ROOT, "Run time: median %d ms, max %d ms%n", runs.get(runs.size() / 2)
                    .toMillis(), runs.getLast().toMillis()));
        }
        out.append("\n| fault | outcome | violations | ms |\n| --- | --- | --- | --- |\n");
        for (Entry entry : entries) {
            out.append("| ").append(entry.fault()).append(" | ").append(entry.outcome()).append(" | ")
                    .append(entry.violations().isEmpty() ? "0" : String.join("; ", entry.violations())).append(" | ")
                    .append(entry.took().toMillis()).append(" |\n");
        }
        Set<String> distinct = new TreeSet<>(entries.stream().map(Entry::fault).collect(Collectors.toSet()));
        out.append("\nDistinct faults: ").append(distinct.size()).append("\n");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".md"), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("{} figures written to '{}'", name, dir.resolve(name + ".md"));
    }
}
