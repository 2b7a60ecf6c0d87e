package io.migrabot.operation;

import java.time.Duration;
import java.util.Locale;

/** Sizes and durations as people read them, the same in every transport. */
public final class Units {
    private Units() {
    }

    /** Tenths of a second, rounded as {@code "%.1f"} rounds; without a Formatter, as it prints once per revision. */
    public static String duration(Duration d) {
        long tenths = (d.toMillis() + 50) / 100;
        return tenths / 10 + "." + tenths % 10 + "s";
    }

    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
