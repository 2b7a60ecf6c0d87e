package io.migrabot;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Sizes, durations and lists of revisions as people read them, the same in every transport. */
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

    /** A list of revisions, shortened to its ends when long. */
    public static String revisions(List<String> ids) {
        if (ids.size() <= 10) {
            return String.join(", ", ids);
        }
        return String.join(", ", ids.subList(0, 3)) + ", ... (" + (ids.size() - 6) + " more) ..., "
                + String.join(", ", ids.subList(ids.size() - 3, ids.size())) + " (" + ids.size() + " revisions)";
    }
}
