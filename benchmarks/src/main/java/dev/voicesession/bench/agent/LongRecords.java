package dev.voicesession.bench.agent;

import java.util.Arrays;

/**
 * Fixed-width records of {@code long} fields in one growable array: cheap to append from hot paths (no object
 * per record) and drained as a whole. Thread-safe.
 */
final class LongRecords {
    private final int width;
    private long[] data;
    private int size;

    LongRecords(int width, int initialRecords) {
        this.width = width;
        this.data = new long[width * initialRecords];
    }

    synchronized void add(long a, long b) {
        ensure();
        data[size++] = a;
        data[size++] = b;
    }

    synchronized void add(long a, long b, long c) {
        ensure();
        data[size++] = a;
        data[size++] = b;
        data[size++] = c;
    }

    synchronized void add(long a, long b, long c, long d) {
        ensure();
        data[size++] = a;
        data[size++] = b;
        data[size++] = c;
        data[size++] = d;
    }

    /** Returns every record as rows and forgets them. */
    synchronized long[][] drain() {
        long[][] rows = new long[size / width][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(data, i * width, (i + 1) * width);
        }
        size = 0;
        return rows;
    }

    private void ensure() {
        if (size + width > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, width * 64));
        }
    }
}
