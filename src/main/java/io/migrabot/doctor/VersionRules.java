package io.migrabot.doctor;

import io.migrabot.MigrabotException;
import io.migrabot.revision.RevisionNode;
import io.migrabot.schema.SchemaDiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The version table against the scripts and the live schema: runbook failures b to f. */
final class VersionRules {
    private VersionRules() {
    }

    static void apply(Facts facts, List<Finding> findings) {
        if (facts.recorded().isEmpty()) {
            unversioned(facts, findings);
            return;
        }
        List<String> recorded = facts.recorded().get();
        List<String> unknown = recorded.stream().filter(id -> facts.graph().find(id).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            Optional<Examination.Match> match = Examination.match(facts, findings);
            List<String> evidence = new ArrayList<>(List.of("recorded: " + String.join(", ", recorded)));
            match.ifPresent(m -> evidence.addAll(m.describe()));
            findings.add(new Finding(FindingKind.UNKNOWN_STAMP, "stamped with " + String.join(", ", unknown)
                    + ", which the scripts do not have", evidence, stampFix(match, true)));
            return;
        }
        SchemaDiff drift;
        try {
            drift = SchemaDiff.between(facts.expected().at(recorded), facts.live());
        } catch (MigrabotException e) {
            findings.add(new Finding(FindingKind.NO_EXPECTED_SCHEMA, e.getMessage(), List.of(), List.of()));
            behind(facts, recorded, findings);
            return;
        }
        if (!drift.isEmpty()) {
            mismatch(facts, recorded, drift, findings);
        } else {
            behind(facts, recorded, findings);
        }
    }

    /** No version table: an empty database to migrate, or tables made without Alembic. */
    private static void unversioned(Facts facts, List<Finding> findings) {
        if (facts.live().tables().isEmpty()) {
            behind(facts, List.of(), findings);
            return;
        }
        Optional<Examination.Match> match = Examination.match(facts, findings);
        List<String> evidence = new ArrayList<>(List.of(facts.live().tables().size() + " table(s), no version table"));
        match.ifPresent(m -> evidence.addAll(m.describe()));
        findings.add(new Finding(FindingKind.UNVERSIONED_SCHEMA, "tables exist but nothing records their revision",
                evidence, stampFix(match, false)));
    }

    /** The schema is not the recorded revision's: another revision's (a wrong stamp), or no revision's (drift). */
    private static void mismatch(Facts facts, List<String> recorded, SchemaDiff drift, List<Finding> findings) {
        Optional<Examination.Match> match = Examination.match(facts, findings);
        Optional<String> other = match.flatMap(Examination.Match::single).filter(m -> !recorded.contains(m));
        if (other.isPresent()) {
            boolean ahead = other.get().equals("base") || recorded.stream()
                    .anyMatch(r -> Forks.ancestors(facts.graph(), r).contains(other.get()));
            List<String> evidence = new ArrayList<>(List.of("recorded: " + String.join(", ", recorded)));
            evidence.addAll(match.get().describe());
            evidence.add("against the recorded revision, the live schema differs in "
                    + drift.differences().size() + " way(s):");
            evidence.addAll(Examination.limit(drift.lines()));
            findings.add(new Finding(FindingKind.STAMP_MISMATCH, "stamped at " + String.join(", ", recorded)
                    + (ahead ? ", ahead of the real schema, which is " : ", but the schema is that of ")
                    + other.get(), evidence, stampFix(match, true)));
            return;
        }
        List<String> evidence = new ArrayList<>(List.of("against " + String.join(", ", recorded) + ", "
                + drift.differences().size() + " difference(s) (expected by the migrations → in the database):"));
        evidence.addAll(Examination.limit(drift.lines()));
        match.ifPresent(m -> evidence.addAll(m.describe()));
        findings.add(new Finding(FindingKind.SCHEMA_DRIFT, "the schema differs from what the migrations produce at "
                + String.join(", ", recorded), evidence, List.of()));
        behind(facts, recorded, findings);
    }

    /** Pending revisions and the upgrade that runs them; nothing at all when the database is at every head. */
    private static void behind(Facts facts, List<String> recorded, List<Finding> findings) {
        List<RevisionNode> pending = Examination.pending(facts, recorded);
        if (pending.isEmpty()) {
            return;
        }
        boolean several = facts.graph().heads().size() > 1;
        String destination = several ? "heads" : "head";
        List<String> ids = pending.stream().map(RevisionNode::id).toList();
        findings.add(new Finding(FindingKind.BEHIND, pending.size() + " revision(s) pending from "
                + (recorded.isEmpty() ? "base" : String.join(", ", recorded)),
                List.of("pending, in order: " + String.join(", ", ids.size() > 12 ? ids.subList(0, 12) : ids)
                        + (ids.size() > 12 ? ", …" : "")),
                List.of(new Fix(several ? "Upgrade to all heads" : "Upgrade to head", "upgrade",
                        List.of(destination)))));
    }

    /** A stamp to the one exactly matching revision, or nothing: never stamp on a guess. */
    private static List<Fix> stampFix(Optional<Examination.Match> match, boolean purge) {
        return match.flatMap(Examination.Match::single).map(revision -> {
            List<String> arguments = new ArrayList<>(List.of(revision));
            if (purge) {
                arguments.add("--purge");
            }
            return List.of(new Fix("Stamp " + revision, "stamp", arguments));
        }).orElse(List.of());
    }
}
