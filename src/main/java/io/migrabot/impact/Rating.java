package io.migrabot.impact;

import io.migrabot.schema.QualifiedName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Rates what a revision did in the shadow, with the live sizes of the relations involved. High: a rewrite, a
 * validating scan or a lock that stops writes on a large relation, or anything destroyed on production; medium:
 * the same on a smaller relation, or anything destroyed elsewhere; low: nothing that stops the application.
 */
public final class Rating {
    private Rating() {
    }

    public static RevisionImpact rate(Measured m, Function<QualifiedName, RelationSize> sizes,
                                      RiskThresholds thresholds, boolean production) {
        if (m.failure().isPresent()) {
            return new RevisionImpact(m.revision(), Risk.UNKNOWN, List.of("fails in the shadow database, so its "
                    + "impact is unknown: " + m.failure().get()));
        }
        List<String> high = new ArrayList<>();
        List<String> medium = new ArrayList<>();
        List<String> low = new ArrayList<>();
        Map<QualifiedName, LockMode> locks = new TreeMap<>(m.locks());
        for (QualifiedName table : m.rewritten()) {
            LockMode mode = locks.getOrDefault(table, LockMode.ACCESS_EXCLUSIVE);
            RelationSize size = sizes.apply(table);
            (large(size, thresholds) ? high : medium).add("rewrites " + table + " (" + size.describe() + ") under "
                    + mode.postgresName() + ": " + mode.blocks());
            locks.remove(table);
        }
        for (Measured.Validation validation : m.validated()) {
            RelationSize size = sizes.apply(validation.table());
            (large(size, thresholds) ? high : medium).add("validates " + validation.constraint() + " by scanning "
                    + validation.table() + " (" + size.describe() + ")");
        }
        for (Map.Entry<QualifiedName, LockMode> lock : locks.entrySet()) {
            LockMode mode = lock.getValue();
            if (mode.compareTo(LockMode.SHARE_UPDATE_EXCLUSIVE) < 0) {
                continue;
            }
            RelationSize size = sizes.apply(lock.getKey());
            String line = "locks " + lock.getKey() + " (" + size.describe() + ") in " + mode.postgresName() + ": "
                    + mode.blocks();
            (!mode.blocksWrites() ? low : large(size, thresholds) ? high : medium).add(line);
        }
        for (Destruction.Loss loss : Destruction.between(m.before(), m.after())) {
            RelationSize size = sizes.apply(loss.relation());
            (production ? high : medium).add(loss.words() + (size.equals(RelationSize.NONE) ? "" : " ("
                    + size.describe() + ")") + ": data loss");
        }
        switch (m.seen()) {
            case WHILE_WAITING -> low.add("runs outside a transaction (as CREATE INDEX CONCURRENTLY must; its locks "
                    + "were read while it waited for other sessions): if it fails part-way, what it did so far stays "
                    + "(an index left INVALID, say)");
            case UNSEEN -> medium.add("runs outside a transaction and never waited, so its locks could not be read: "
                    + "check its SQL before approving");
            case IN_TRANSACTION -> {
                // every lock was read
            }
        }
        Risk risk = !high.isEmpty() ? Risk.HIGH : !medium.isEmpty() ? Risk.MEDIUM : Risk.LOW;
        List<String> findings = new ArrayList<>(high);
        findings.addAll(medium);
        findings.addAll(low);
        return new RevisionImpact(m.revision(), risk, findings);
    }

    private static boolean large(RelationSize size, RiskThresholds thresholds) {
        return thresholds.large(size.rows(), size.bytes());
    }
}
