package io.migrabot.impact;

/**
 * A relation's size in the live target: {@code pg_class.reltuples} (an estimate; -1 when never analyzed) and
 * {@code pg_total_relation_size} in bytes. {@link #NONE} for a relation the target does not have.
 */
public record RelationSize(long rows, long bytes) {
    public static final RelationSize NONE = new RelationSize(0, 0);

    /** {@code ≈1.2M rows, 850 MB}. */
    public String describe() {
        return "≈" + count(Math.max(rows, 0)) + " rows, " + bytes(bytes);
    }

    private static String count(long n) {
        if (n >= 1_000_000) {
            return String.format(java.util.Locale.ROOT, "%.1fM", n / 1_000_000.0);
        }
        return n >= 1_000 ? String.format(java.util.Locale.ROOT, "%.1fk", n / 1_000.0) : Long.toString(n);
    }

    private static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(java.util.Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return (n >> 20) + " MB";
        }
        return n >= 1L << 10 ? (n >> 10) + " kB" : n + " B";
    }
}
