package io.migrabot.doctor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/** Everything the doctor found on one target, errors first. */
public record Diagnosis(String target, List<Finding> findings) {
    public Diagnosis {
        findings = findings.stream().sorted(Comparator.comparing(Finding::severity)).toList();
    }

    public boolean healthy() {
        return findings.isEmpty();
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    /** Whether a finding is at least as severe as {@code severity} (error before warning before info). */
    public boolean hasAtLeast(Severity severity) {
        return findings.stream().anyMatch(f -> f.severity().compareTo(severity) <= 0);
    }

    /**
     * Identifies the state found, not when it was found: equal for two checks that found the same things, so a
     * scheduled check alerts once per new state.
     */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Finding finding : findings) {
                digest.update((finding.kind() + "\u0000" + finding.summary() + "\u0000"
                        + String.join("\u0001", finding.evidence()) + "\u0002").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
