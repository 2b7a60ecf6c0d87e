package io.migrabot.doctor;

import java.util.List;

/**
 * One thing the doctor found: what kind, a one-line summary, the evidence (one fact per line), and the fixes that
 * are safe to offer (none when a person must decide, e.g. when no revision matches the schema exactly).
 */
public record Finding(FindingKind kind, String summary, List<String> evidence, List<Fix> fixes) {
    public Finding {
        evidence = List.copyOf(evidence);
        fixes = List.copyOf(fixes);
    }

    public Severity severity() {
        return kind.severity();
    }
}
