package io.migrabot.bench;

import java.util.Arrays;
import java.util.Locale;

/** What the benchmark mains share: percentiles of timings, milliseconds as text, and one result row printed. */
final class BenchReport {
    private BenchReport() {
    }

    /** The {@code p}th percentile (nearest rank) of {@code values}. */
    static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Nanoseconds as milliseconds with one decimal. */
    static String ms(long ns) {
        return String.format(Locale.ROOT, "%.1f", ns / 1e6);
    }

    /**
     * Prints {@code row} under {@code columns}: a markdown table row (with the header first when {@code header}),
     * or one {@code column value} line each, the column padded to {@code width}.
     */
    static void print(String[] columns, String[] row, boolean markdown, boolean header, int width) {
        if (markdown) {
            if (header) {
                System.out.println("| " + String.join(" | ", columns) + " |");
                System.out.println("|" + "---|".repeat(columns.length));
            }
            System.out.println("| " + String.join(" | ", row) + " |");
        } else {
            for (int i = 0; i < columns.length; i++) {
                System.out.printf(Locale.ROOT, "%-" + width + "s %s%n", columns[i], row[i]);
            }
        }
    }
}
