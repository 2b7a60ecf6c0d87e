package io.migrabot.doctor;

import io.migrabot.MigrabotException;
import io.migrabot.revision.Problem;
import io.migrabot.revision.RevisionException;
import io.migrabot.revision.RevisionNode;
import io.migrabot.schema.SchemaDiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The doctor's rules, in the order a person would check: can the project load, is the history sound, can the
 * database be read, is its version table true to its schema, is it behind. A fix is offered only when it is safe:
 * a stamp only to the one revision whose expected schema equals the live one exactly.
 */
public final class Examination {
    static final int SHOWN_DIFFERENCES = 20;

    private Examination() {
    }

    public static Diagnosis diagnose(Facts facts) {
        List<Finding> findings = new ArrayList<>();
        if (facts.loadFailure().isPresent()) {
            findings.add(new Finding(FindingKind.CONFIGURATION, facts.loadFailure().get(), List.of(), List.of()));
            return new Diagnosis(facts.target(), findings);
        }
        scripts(facts, findings);
        if (facts.databaseFailure().isPresent()) {
            findings.add(new Finding(FindingKind.DATABASE_UNREACHABLE, facts.databaseFailure().get(), List.of(),
                    List.of()));
        } else if (facts.graph().refusals().isEmpty() && !facts.graph().heads().isEmpty()) {
            VersionRules.apply(facts, findings);
        }
        return new Diagnosis(facts.target(), findings);
    }

    private static void scripts(Facts facts, List<Finding> findings) {
        for (String problem : facts.configProblems()) {
            findings.add(new Finding(FindingKind.CONFIGURATION, problem, List.of(), List.of()));
        }
        if (facts.graph().heads().isEmpty() && facts.graph().problems().isEmpty()) {
            findings.add(new Finding(FindingKind.NO_REVISIONS, "no revision files: the versions folder is empty",
                    List.of(), List.of()));
        }
        for (Problem problem : facts.graph().problems()) {
            findings.add(new Finding(FindingKind.SCRIPT_PROBLEM, problem.describe(), List.of(), List.of()));
        }
        for (Problem warning : facts.graph().warnings()) {
            FindingKind kind = warning.kind().refusesOperations() ? FindingKind.SCRIPT_PROBLEM
                    : FindingKind.SCRIPT_READ_IN_PART;
            findings.add(new Finding(kind, warning.describe(), List.of(), List.of()));
        }
        for (String empty : facts.emptyMigrations()) {
            findings.add(new Finding(FindingKind.EMPTY_MIGRATION, empty, List.of(), List.of()));
        }
        if (facts.graph().heads().size() > 1) {
            findings.add(Forks.finding(facts.graph()));
        }
    }

    /** Which revisions' expected schemas equal the live one, or the closest when none does. */
    record Match(List<String> exact, Optional<String> closest, SchemaDiff closestDiff) {
        static Match of(Facts facts) {
            List<String> exact = new ArrayList<>();
            String closest = null;
            SchemaDiff best = null;
            if (SchemaDiff.between(facts.expected().at(List.of()), facts.live()).isEmpty()) {
                exact.add("base");
            }
            for (var entry : facts.expected().all().entrySet()) {
                SchemaDiff diff = SchemaDiff.between(entry.getValue(), facts.live());
                if (diff.isEmpty()) {
                    exact.add(entry.getKey());
                } else if (best == null || diff.distance() < best.distance()) {
                    best = diff;
                    closest = entry.getKey();
                }
            }
            return new Match(exact, Optional.ofNullable(closest), best);
        }

        /** What to say about the match, for a finding's evidence. */
        List<String> describe() {
            if (exact.size() == 1) {
                return List.of("the live schema is exactly what revision " + exact.get(0) + " produces");
            }
            if (exact.size() > 1) {
                return List.of("the live schema is what each of " + String.join(", ", exact) + " produces: the "
                        + "schema cannot tell them apart, so no stamp is offered; check the data they change and "
                        + "stamp by hand");
            }
            List<String> lines = new ArrayList<>();
            if (closest.isEmpty()) {
                lines.add("no revision produces the live schema");
                return lines;
            }
            lines.add("no revision produces the live schema exactly, so no stamp is offered; the closest is "
                    + closest.get() + ", with " + closestDiff.differences().size() + " difference(s):");
            lines.addAll(limit(closestDiff.lines()));
            return lines;
        }

        Optional<String> single() {
            return exact.size() == 1 ? Optional.of(exact.get(0)) : Optional.empty();
        }
    }

    static List<String> limit(List<String> lines) {
        if (lines.size() <= SHOWN_DIFFERENCES) {
            return lines;
        }
        List<String> shown = new ArrayList<>(lines.subList(0, SHOWN_DIFFERENCES));
        shown.add("… and " + (lines.size() - SHOWN_DIFFERENCES) + " more");
        return shown;
    }

    /** The expected schemas, or a finding saying why they could not be built. */
    static Optional<Match> match(Facts facts, List<Finding> findings) {
        try {
            return Optional.of(Match.of(facts));
        } catch (MigrabotException e) {
            findings.add(new Finding(FindingKind.NO_EXPECTED_SCHEMA, e.getMessage(), List.of(), List.of()));
            return Optional.empty();
        }
    }

    /** The revisions an upgrade to heads would run from {@code heads}. */
    static List<RevisionNode> pending(Facts facts, List<String> heads) {
        try {
            return facts.graph().traversal().upgradePlan("heads", heads);
        } catch (RevisionException e) {
            return List.of();
        }
    }
}
