package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.Environment;
import io.migrabot.config.TargetKind;
import io.migrabot.database.RelationSizes;
import io.migrabot.impact.ImpactReport;
import io.migrabot.impact.Measured;
import io.migrabot.impact.Rating;
import io.migrabot.impact.RelationSize;
import io.migrabot.impact.RevisionImpact;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.revision.Walks;
import io.migrabot.runner.UpgradeSql;
import io.migrabot.schema.QualifiedName;
import io.migrabot.shadow.Replay;
import io.migrabot.shadow.Shadows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The measured impact of an upgrade or downgrade ({@code migrabot plan}, {@code /plan}, approval requests): the
 * pending revisions are replayed in a shadow database brought to the target's current revision, and what each
 * locked, rewrote, validated and destroyed there is rated with the live sizes of the relations involved. Nothing
 * runs on the target but reading its version table and its relations' sizes.
 */
public final class Impact {
    private final Target target;
    private final Shadows shadows;

    public Impact(Target target, Shadows shadows) {
        this.target = target;
        this.shadows = shadows;
    }

    /** @param operation {@code upgrade} or {@code downgrade} */
    public ImpactReport plan(String operation, String destination) {
        boolean upgrade = switch (operation) {
            case "upgrade" -> true;
            case "downgrade" -> false;
            default -> throw new MigrabotException(ErrorCode.USAGE, "a plan is of an upgrade or a downgrade, not '"
                    + operation + "'");
        };
        Plan plan = upgrade ? new Upgrade(target, null).plan(destination) : new Downgrade(target, null)
                .plan(destination);
        RevisionGraph graph = target.scripts().graph();
        List<RevisionNode> steps = plan.revisions().stream().map(graph::node).toList();
        if (!steps.isEmpty() && target.config().connection().kind() == TargetKind.SQLITE) {
            return new ImpactReport(target.name(), operation, destination, plan.heads(), List.of(), Optional.of(
                    "target " + target.name() + " is a SQLite file, and a plan measures what PostgreSQL shows (lock "
                    + "modes, rewrites, relation sizes); on SQLite each revision runs in a write transaction that "
                    + "holds the whole file, so the application's writes wait for it, up to their busy_timeout"));
        }
        List<Measured> measured;
        try {
            List<UpgradeSql.RevisionSql> sql = new ArrayList<>();
            for (RevisionNode step : steps) {
                sql.add(upgrade ? target.scripts().upgradeSql().revisions().get(step.id())
                        : target.scripts().downgradeSql(step));
            }
            Replay replay = new Replay(shadows, target.config(), target.scripts().upgradeSql(),
                    Doctor.exclusion(target));
            measured = steps.isEmpty() ? List.of() : replay.measure(new Walks(graph).plan(plan.heads()), sql);
        } catch (MigrabotException e) {
            return new ImpactReport(target.name(), operation, destination, plan.heads(), List.of(),
                    Optional.of(e.getMessage()));
        }
        Map<QualifiedName, RelationSize> sizes = RelationSizes.read(target.database(), involved(measured));
        boolean production = target.config().environment() == Environment.PRODUCTION;
        List<RevisionImpact> rated = new ArrayList<>();
        for (Measured m : measured) {
            rated.add(Rating.rate(m, name -> sizes.getOrDefault(name, RelationSize.NONE), target.config().risk(),
                    production));
        }
        for (RevisionNode step : steps.subList(measured.size(), steps.size())) {
            rated.add(Rating.rate(Measured.failed(step.id(), "not run: a revision before it failed"),
                    name -> RelationSize.NONE, target.config().risk(), production));
        }
        return new ImpactReport(target.name(), operation, destination, plan.heads(), rated, Optional.empty());
    }

    /** Every relation a finding may name: locked, rewritten, validated, or a table or sequence it touched. */
    private static Set<QualifiedName> involved(List<Measured> measured) {
        Set<QualifiedName> names = new HashSet<>();
        for (Measured m : measured) {
            names.addAll(m.locks().keySet());
            names.addAll(m.rewritten());
            m.validated().forEach(v -> names.add(v.table()));
            if (m.before() != null) {
                names.addAll(m.before().tables().keySet());
                names.addAll(m.before().sequences());
            }
        }
        return names;
    }
}
