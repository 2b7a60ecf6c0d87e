package io.migrabot.impact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The measured impact of an upgrade or downgrade: each pending revision's risk and findings, in the order they
 * would run, or why it could not be measured at all ({@code unknown}: no shadow could be made, the target's own
 * revisions fail there).
 *
 * @param heads the target's heads it was measured from
 */
public record ImpactReport(String target, String operation, String destination, List<String> heads,
                           List<RevisionImpact> revisions, Optional<String> unknown) {
    public ImpactReport {
        heads = List.copyOf(heads);
        revisions = List.copyOf(revisions);
    }

    /** The highest risk of any revision; UNKNOWN when the impact, or any revision's, could not be measured. */
    public Risk risk() {
        if (unknown.isPresent()) {
            return Risk.UNKNOWN;
        }
        return revisions.stream().map(RevisionImpact::risk).max(Enum::compareTo).orElse(Risk.LOW);
    }

    /**
     * SHA-256 of every revision's risk and findings, the live sizes in them left out (they move with every write):
     * an approval given to these findings is given to nothing else.
     */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((unknown.orElse("") + "\u0001").getBytes(StandardCharsets.UTF_8));
            for (RevisionImpact revision : revisions) {
                digest.update((revision.revision() + "\u0000" + revision.risk().key() + "\u0000"
                        + String.join("\u0000", revision.findings().stream().map(ImpactReport::withoutSizes).toList())
                        + "\u0001").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String withoutSizes(String finding) {
        return finding.replaceAll("\\(≈[^)]*\\)", "(size)");
    }

    /** One line a finding, under a line per revision: what the command line prints. */
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(operation + " " + target + " to " + destination + " from " + (heads.isEmpty() ? "base"
                : String.join(", ", heads)) + ": " + revisions.size() + " revision(s), risk " + risk().key());
        unknown.ifPresent(why -> lines.add("impact unknown: " + why));
        for (RevisionImpact revision : revisions) {
            lines.add(revision.revision() + ": " + revision.risk().key());
            revision.findings().forEach(f -> lines.add("  " + f));
        }
        return lines;
    }
}
