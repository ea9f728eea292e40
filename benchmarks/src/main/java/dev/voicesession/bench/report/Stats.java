package dev.voicesession.bench.report;

import java.util.Arrays;
import java.util.Collection;

/**
 * Exact order statistics of a sample (no binning): min, p50, p99, max by the nearest-rank method, plus the
 * sorted values for distribution plots.
 *
 * @param count number of values
 * @param min smallest value
 * @param p50 the median (nearest rank)
 * @param p99 the 99th percentile (nearest rank)
 * @param max largest value
 * @param mean arithmetic mean
 * @param sorted every value, ascending
 */
public record Stats(int count, double min, double p50, double p99, double max, double mean, double[] sorted) {

    /** The statistics of {@code values}; an empty sample gives {@link #empty()}. */
    public static Stats of(double[] values) {
        if (values.length == 0) {
            return empty();
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double value : sorted) {
            sum += value;
        }
        return new Stats(sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 99),
                sorted[sorted.length - 1], sum / sorted.length, sorted);
    }

    /** The statistics of {@code values}. */
    public static Stats of(Collection<Double> values) {
        return of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** A sample with no values; its figures are NaN. */
    public static Stats empty() {
        return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, new double[0]);
    }

    /** The nearest-rank percentile of an ascending array: the smallest value with at least p % at or below it. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    /** Any percentile of this sample. */
    public double percentile(double p) {
        return percentile(sorted, p);
    }

    /** Whether there are no values. */
    public boolean isEmpty() {
        return count == 0;
    }

    /** These statistics with every value multiplied by {@code factor} (for unit changes). */
    public Stats scaled(double factor) {
        double[] values = new double[sorted.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = sorted[i] * factor;
        }
        return of(values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Stats s && s.count == count && Arrays.equals(s.sorted, sorted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sorted);
    }

    @Override
    public String toString() {
        return "Stats[n=" + count + ", min=" + min + ", p50=" + p50 + ", p99=" + p99 + ", max=" + max + "]";
    }
}
