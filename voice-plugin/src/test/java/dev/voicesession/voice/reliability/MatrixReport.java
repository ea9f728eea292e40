package dev.voicesession.voice.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts runs and violations per (step, fault) and writes them as the Markdown table that
 * {@code docs/reliability.md} shows, to {@code target/reliability/<name>.md} and to the test output.
 */
final class MatrixReport {

    private record Count(int runs, int violations) {
        Count plus(boolean violated) {
            return new Count(runs + 1, violations + (violated ? 1 : 0));
        }
    }

    private final Map<Step, Map<FaultKind, Count>> counts = new EnumMap<>(Step.class);

    synchronized void record(Step step, FaultKind fault, boolean violated) {
        counts.computeIfAbsent(step, s -> new EnumMap<>(FaultKind.class))
                .merge(fault, new Count(1, violated ? 1 : 0), (a, b) -> a.plus(violated));
    }

    synchronized int runs() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Count::runs).sum();
    }

    synchronized int violations() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Count::violations).sum();
    }

    /** The table: a row per step, a column per fault, each cell "runs / violations", "n/a" where it does not apply. */
    synchronized String table() {
        StringBuilder out = new StringBuilder("| step |");
        for (FaultKind fault : FaultKind.values()) {
            out.append(' ').append(fault.label()).append(" |");
        }
        out.append("\n| --- |");
        out.append(" --- |".repeat(FaultKind.values().length));
        for (Step step : Step.values()) {
            out.append("\n| ").append(step.label()).append(" |");
            for (FaultKind fault : FaultKind.values()) {
                Count count = counts.getOrDefault(step, Map.of()).get(fault);
                out.append(' ').append(count == null ? (step.applies(fault) ? "0" : "n/a")
                        : count.runs() + " / " + count.violations()).append(" |");
            }
        }
        return out.append('\n').toString();
    }

    void write(String name, String heading) {
        String text = heading + "\n\n" + table();
        System.out.println(text);
        writeText(name, text);
    }

    /** Writes a report to {@code target/reliability/<name>.md}, where the figures in the docs come from. */
    static void writeText(String name, String text) {
        Path file = Path.of("target", "reliability", name + ".md");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
