package io.migrabot.operation;

import io.migrabot.MigrabotException;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.SchemaIntrospector;
import io.migrabot.doctor.Diagnosis;
import io.migrabot.doctor.Examination;
import io.migrabot.doctor.Facts;
import io.migrabot.revision.RevisionNode;
import io.migrabot.runner.Progress;
import io.migrabot.schema.SchemaModel;
import io.migrabot.schema.TableExclusion;
import io.migrabot.script.SqlMigration;
import io.migrabot.runner.UpgradeSql;
import io.migrabot.script.SqlStatements;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Examines a target: gathers the facts (the project, its history, the version table, the live schema, and when a
 * rule needs them the schemas the migrations produce) and lets the doctor's rules judge them. Reads only.
 */
public final class Doctor {
    private final ExpectedSchemas expected;

    /** @param expected the schemas the target's migrations produce, built on demand in shadow databases */
    public Doctor(ExpectedSchemas expected) {
        this.expected = expected;
    }

    /** @param open opens the target; a project that cannot be loaded is a finding, not a failure */
    /** Where shadow databases come from, for plans made beside examinations. */
    public io.migrabot.shadow.Shadows shadows() {
        return expected.shadows();
    }

    public Diagnosis examine(TargetConfig config, Supplier<Target> open) {
        Target target;
        try {
            target = open.get();
            target.scripts(); // read now: a project that cannot load is the first finding
        } catch (MigrabotException e) {
            return Examination.diagnose(new Facts(config.name(), Optional.of(e.getMessage()), List.of(), null,
                    List.of(),
                    Optional.empty(), Optional.empty(), null, null));
        }
        Optional<String> databaseFailure = Optional.empty();
        Optional<List<String>> recorded = Optional.empty();
        SchemaModel live = null;
        try {
            recorded = target.readHeads();
            live = new SchemaIntrospector(target.database()).read(exclusion(target));
        } catch (MigrabotException e) {
            databaseFailure = Optional.of(e.getMessage());
        }
        return Examination.diagnose(new Facts(target.name(), Optional.empty(), configProblems(target),
                target.scripts().graph(),
                emptyMigrations(target), databaseFailure, recorded, live, remembered(target)));
    }

    /** What a schema comparison leaves out: the version table and migrabot's own tables. */
    public static TableExclusion exclusion(Target target) {
        return TableExclusion.of(target.versionTable().displayName(), "migrabot_*");
    }

    /**
     * Values in the project's alembic.ini section that configparser cannot interpolate: Alembic loads the project,
     * but env.py's config.get_section(...) fails on them (a '%04d' that must be written '%%04d').
     */
    private static List<String> configProblems(Target target) {
        if (target.scripts() instanceof AlembicScripts alembic) {
            return alembic.directory().config().ini()
                    .map(ini -> ini.ini().interpolationProblems(ini.section())).orElse(List.of());
        }
        return List.of();
    }

    /**
     * Revisions that do nothing when applied (a merge revision, which joins branches, is empty by design): native
     * revisions whose up or down section holds no statement; Alembic revisions whose upgrade() emits no SQL but the
     * version-table change or whose downgrade() emits none, read from Alembic's offline mode.
     */
    private static List<String> emptyMigrations(Target target) {
        List<String> empty = new ArrayList<>();
        if (!target.scripts().graph().refusals().isEmpty()) {
            return empty;
        }
        List<RevisionNode> all = target.scripts().graph().traversal().upgradePlan("heads", List.of());
        if (target.scripts() instanceof NativeScripts scripts) {
            Map<String, SqlMigration> migrations = scripts.directory().byRevision();
            for (RevisionNode node : all) {
                SqlMigration migration = migrations.get(node.id());
                if (migration == null || node.isMergePoint()) {
                    continue;
                }
                if (migration.up().isEmpty()) {
                    empty.add(node.id() + " (" + node.revision().path() + "): its '-- migrate:up' section holds no "
                            + "statement");
                }
                if (migration.down().isPresent() && migration.down().get().isEmpty()) {
                    empty.add(node.id() + " (" + node.revision().path() + "): its '-- migrate:down' section holds "
                            + "no statement");
                }
            }
        } else if (target.scripts() instanceof AlembicScripts alembic) {
            Map<String, UpgradeSql.RevisionSql> up;
            Map<String, List<SqlStatements.Statement>> down;
            try {
                up = alembic.upgradeSql().revisions();
                down = alembic.downgradeSql();
            } catch (MigrabotException e) {
                return empty; // the expected schemas need the same offline run and will report why it failed
            }
            Pattern versionChange = Pattern.compile("(?is)(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+\"?"
                    + Pattern.quote(target.versionTable().displayName()) + "\\b.*|BEGIN|COMMIT|");
            for (RevisionNode node : all) {
                if (node.isMergePoint()) {
                    continue;
                }
                UpgradeSql.RevisionSql revision = up.get(node.id());
                if (revision != null && nothingBut(revision.statements(), versionChange)) {
                    empty.add(node.id() + " (" + node.revision().path() + "): its upgrade() emits no SQL");
                }
                List<SqlStatements.Statement> downgrade = down.get(node.id());
                if (downgrade != null && nothingBut(downgrade, versionChange)) {
                    empty.add(node.id() + " (" + node.revision().path() + "): its downgrade() emits no SQL");
                }
            }
        }
        return empty;
    }

    private static boolean nothingBut(List<SqlStatements.Statement> statements, Pattern allowed) {
        return statements.stream().allMatch(s -> allowed.matcher(UpgradeSql.code(s).strip()).matches());
    }

    /** The target's expected schemas, each computed once per examination however many rules ask. */
    private Facts.Expected remembered(Target target) {
        return new Facts.Expected() {
            private final Map<List<String>, SchemaModel> at = new HashMap<>();
            private Map<String, SchemaModel> all;

            @Override
            public SchemaModel at(List<String> heads) {
                return at.computeIfAbsent(List.copyOf(heads), h -> expected.at(target, h));
            }

            @Override
            public Map<String, SchemaModel> all() {
                if (all == null) {
                    all = expected.all(target, Progress.Listener.NONE);
                }
                return all;
            }
        };
    }
}
