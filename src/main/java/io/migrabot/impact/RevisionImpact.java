package io.migrabot.impact;

import java.util.List;

/** One revision's rated impact: its risk and one line per finding, the most serious first. */
public record RevisionImpact(String revision, Risk risk, List<String> findings) {
    public RevisionImpact {
        findings = List.copyOf(findings);
    }
}
