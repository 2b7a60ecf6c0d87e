package io.migrabot.impact;

/**
 * When a relation counts as large for a plan's risk: at least {@code rows} rows (pg_class.reltuples) or
 * {@code bytes} bytes (pg_total_relation_size) in the live target. A rewrite, a non-concurrent index build, a
 * validating scan or a lock that stops writes on a large relation is high risk.
 */
public record RiskThresholds(long rows, long bytes) {
    public static final RiskThresholds DEFAULT = new RiskThresholds(100_000, 100L << 20);

    public boolean large(long relationRows, long relationBytes) {
        return relationRows >= rows || relationBytes >= bytes;
    }
}
