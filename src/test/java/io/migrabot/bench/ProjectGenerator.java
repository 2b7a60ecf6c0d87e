package io.migrabot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes an Alembic project with {@code n} revisions shaped like a long-lived real one, for benchmarks (never for
 * timed tests). Deterministic: the same {@code n} and seed give byte-identical files.
 *
 * <p>History, in the order the revisions were "written":
 * <ul>
 *   <li>a mainline from one base, each revision a few {@code op} calls, as {@code alembic revision} writes it
 *       (docstring with Revision ID / Revises / Create Date, imports, 12-hex ids);</li>
 *   <li>every 200–400 revisions two developers branch off the same parent; the side branch runs 2–12 revisions
 *       until {@code alembic merge} joins it back (a merge revision with a tuple {@code down_revision});</li>
 *   <li>from about a tenth of the way, a second root labelled {@code reporting} grows now and then; a few of its
 *       revisions have {@code depends_on} on mainline revisions (one with two of them);</li>
 *   <li>near the end, an unmerged fork labelled {@code experimental}.</li>
 * </ul>
 * So there are 3 heads (mainline, reporting, experimental) once {@code n >= 40}, fewer below. The first ~60% of the
 * files use the classic template ({@code revision = 'abc'}); later ones mostly the annotated one
 * ({@code revision: str = "abc"}), as projects move templates. File names are {@code <rev>_<slug>.py}, Alembic's
 * default {@code file_template}, so path order is unrelated to history.
 *
 * <p>Run: {@code java -cp target/test-classes io.migrabot.bench.ProjectGenerator DIR N SEED}; DIR gets
 * {@code alembic.ini} and {@code migrations/} (with {@code versions/}); an existing {@code versions/} is emptied of
 * {@code *.py} first.
 */
public final class ProjectGenerator {
    private static final DateTimeFormatter CREATE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final String[] TABLES = {"users", "accounts", "orders", "order_items", "products", "invoices",
            "payments", "shipments", "addresses", "audit_log", "sessions", "roles", "permissions", "tenants",
            "subscriptions", "coupons", "warehouses", "stock_moves", "notifications", "webhooks"};
    private static final String[] COLUMNS = {"created_at", "updated_at", "deleted_at", "status", "name", "email",
            "amount", "currency", "external_id", "notes", "priority", "owner_id", "tenant_id", "is_active",
            "metadata", "version", "code", "description", "expires_at", "country"};
    private static final String[] TYPES = {"sa.String(length=255)", "sa.Integer()", "sa.BigInteger()",
            "sa.Boolean()", "sa.DateTime(timezone=True)", "sa.Numeric(precision=12, scale=2)", "sa.Text()",
            "postgresql.JSONB(astext_type=sa.Text())", "sa.String(length=3)", "sa.Date()"};

    /** One revision as it will be written. */
    record Rev(String id, List<String> down, List<String> labels, List<String> dependsOn, String message,
               LocalDateTime created, boolean annotated, boolean merge) {
    }

    private final Random random;
    private final int n;
    private final Set<String> usedIds = new HashSet<>();
    private final List<Rev> revisions = new ArrayList<>();
    private LocalDateTime clock = LocalDateTime.of(2019, 3, 4, 9, 30, 0, 123_456_000);

    private ProjectGenerator(int n, long seed) {
        this.n = n;
        this.random = new Random(seed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: ProjectGenerator DIR N SEED");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        List<Rev> revs = write(dir, n, seed);
        long merges = revs.stream().filter(Rev::merge).count();
        long labelled = revs.stream().filter(r -> !r.labels().isEmpty()).count();
        long depends = revs.stream().filter(r -> !r.dependsOn().isEmpty()).count();
        System.out.printf(Locale.ROOT, "wrote %d revisions to %s (%d merges, %d labelled, %d with depends_on)%n",
                revs.size(), dir.resolve("migrations/versions"), merges, labelled, depends);
    }

    /** Writes the project into {@code dir}; returns the revisions in the order they were created. */
    public static List<Rev> write(Path dir, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        ProjectGenerator generator = new ProjectGenerator(n, seed);
        generator.generate();
        generator.writeFiles(dir);
        return List.copyOf(generator.revisions);
    }

    // ---- history ----

    private void generate() {
        String mainTip = add(List.of(), List.of(), List.of(), "initial schema", false).id();
        String sideTip = null;
        int sideLeft = 0;
        int mainSinceFork = 0;
        int nextFork = 200 + random.nextInt(201);
        String reportingTip = null;
        int reportingStart = Math.max(2, n / 10);
        int experimentalAt = n >= 40 ? n - 6 : Integer.MAX_VALUE; // revisions left for the open fork at the end
        String experimentalParent = null;
        List<String> dependable = new ArrayList<>();
        int dependsLeft = 4;

        while (revisions.size() < n) {
            int made = revisions.size();
            if (experimentalAt >= 0 && made >= experimentalAt && !(sideTip != null && mainSinceFork == 0)) {
                // close any open side branch first so the end has exactly the three intended heads
                if (sideTip != null) {
                    mainTip = add(List.of(mainTip, sideTip), List.of(), List.of(), "merge heads", true).id();
                    sideTip = null;
                    continue;
                }
                experimentalParent = mainTip;
                String fork = add(List.of(mainTip), List.of("experimental"), List.of(),
                        "experimental partitioning of " + pick(TABLES), false).id();
                experimentalAt = -1;
                sideTip = fork;
                sideLeft = Integer.MAX_VALUE; // never merged
                mainSinceFork = 0;
                continue;
            }
            if (reportingStart > 0 && made == reportingStart && n >= 40) {
                reportingTip = add(List.of(), List.of("reporting"), List.of(), "create reporting schema", false).id();
                reportingStart = -1;
                continue;
            }
            if (reportingTip != null && random.nextInt(100) < 3) {
                List<String> depends = List.of();
                if (dependsLeft > 0 && dependable.size() > 2 && random.nextInt(3) == 0) {
                    depends = dependsLeft == 2
                            ? List.of(dependable.get(dependable.size() - 1), dependable.get(dependable.size() / 2))
                            : List.of(dependable.get(dependable.size() - 1));
                    dependsLeft--;
                }
                reportingTip = add(List.of(reportingTip), List.of(), depends,
                        "reporting view for " + pick(TABLES), false).id();
                continue;
            }
            if (sideTip == null && experimentalParent == null && made >= nextFork && made < n - 60) {
                // two developers start from the same parent: the side branch takes this revision
                sideTip = add(List.of(mainTip), List.of(), List.of(), message(), false).id();
                sideLeft = 1 + random.nextInt(11);
                mainSinceFork = 0;
                continue;
            }
            if (sideTip != null && sideLeft > 0 && random.nextInt(100) < 40) {
                sideTip = add(List.of(sideTip), List.of(), List.of(), message(), false).id();
                if (sideLeft != Integer.MAX_VALUE) {
                    sideLeft--;
                }
                continue;
            }
            if (sideTip != null && sideLeft == 0 && mainSinceFork > 0) {
                mainTip = add(List.of(mainTip, sideTip), List.of(), List.of(), "merge heads", true).id();
                sideTip = null;
                nextFork = revisions.size() + 200 + random.nextInt(201);
                continue;
            }
            Rev rev = add(List.of(mainTip), List.of(), List.of(), message(), false);
            mainTip = rev.id();
            mainSinceFork++;
            if (revisions.size() % 97 == 0) {
                dependable.add(rev.id()); // a mainline revision that later reporting revisions may depend on
            }
        }
    }

    private Rev add(List<String> down, List<String> labels, List<String> dependsOn, String message, boolean merge) {
        // about five years of history, whatever n is
        int gap = Math.max(120, (int) (2L * 5 * 365 * 24 * 3600 / n));
        clock = clock.plusSeconds(60 + random.nextInt(gap)).plusNanos(random.nextInt(1_000_000) * 1000L);
        int index = revisions.size();
        boolean annotated = index >= n * 6 / 10 ? random.nextInt(10) < 8 : random.nextInt(20) == 0;
        Rev rev = new Rev(newId(), down, labels, dependsOn, message, clock, annotated, merge);
        revisions.add(rev);
        return rev;
    }

    /** Like {@code uuid.uuid4().hex[-12:]}. */
    private String newId() {
        while (true) {
            String id = String.format(Locale.ROOT, "%012x", random.nextLong() & 0xFFFF_FFFF_FFFFL);
            if (usedIds.add(id)) {
                return id;
            }
        }
    }

    private String message() {
        String table = pick(TABLES);
        String column = pick(COLUMNS);
        return switch (random.nextInt(6)) {
            case 0 -> "add " + column + " to " + table;
            case 1 -> "create " + table + "_" + column + " table";
            case 2 -> "index " + table + "." + column;
            case 3 -> "drop unused " + column + " from " + table;
            case 4 -> "make " + table + "." + column + " not null";
            default -> "backfill " + column + " on " + table;
        };
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    // ---- files ----

    private void writeFiles(Path dir) {
        try {
            Path versions = dir.resolve("migrations/versions");
            Files.createDirectories(versions);
            try (var old = Files.list(versions)) {
                for (Path p : old.filter(p -> p.getFileName().toString().endsWith(".py")).toList()) {
                    Files.delete(p);
                }
            }
            write(dir.resolve("alembic.ini"), ini());
            write(dir.resolve("migrations/env.py"), ENV_PY);
            write(dir.resolve("migrations/script.py.mako"), MAKO);
            write(dir.resolve("migrations/README"), "Generic single-database configuration.\n");
            for (Rev rev : revisions) {
                write(versions.resolve(rev.id() + "_" + slug(rev.message()) + ".py"), render(rev));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Alembic's slug: non-word runs to underscores, truncated at a word boundary to 40 characters. */
    static String slug(String message) {
        String slug = String.join("_", message.toLowerCase(Locale.ROOT).split("\\W+"));
        if (slug.length() > 40) {
            slug = slug.substring(0, 40);
            int cut = slug.lastIndexOf('_');
            slug = cut > 0 ? slug.substring(0, cut) : slug;
        }
        return slug;
    }

    private String render(Rev r) {
        StringBuilder s = new StringBuilder();
        s.append("\"\"\"").append(r.message()).append("\n\n")
                .append("Revision ID: ").append(r.id()).append('\n')
                .append("Revises: ").append(String.join(", ", r.down())).append('\n')
                .append("Create Date: ").append(CREATE_DATE.format(r.created())).append("\n\n")
                .append("\"\"\"\n");
        boolean jsonb = !r.merge() && random.nextInt(4) == 0;
        if (r.annotated()) {
            s.append("from typing import Sequence, Union\n\nfrom alembic import op\nimport sqlalchemy as sa\n");
            if (jsonb) {
                s.append("from sqlalchemy.dialects import postgresql\n");
            }
            s.append("\n\n# revision identifiers, used by Alembic.\n")
                    .append("revision: str = ").append(dq(r.id())).append('\n')
                    .append("down_revision: Union[str, None] = ").append(annotatedValue(r.down())).append('\n')
                    .append("branch_labels: Union[str, Sequence[str], None] = ").append(annotatedValue(r.labels()))
                    .append('\n')
                    .append("depends_on: Union[str, Sequence[str], None] = ").append(annotatedValue(r.dependsOn()))
                    .append("\n\n\n");
        } else {
            s.append("from alembic import op\nimport sqlalchemy as sa\n");
            if (jsonb) {
                s.append("from sqlalchemy.dialects import postgresql\n");
            }
            s.append("\n\n# revision identifiers, used by Alembic.\n")
                    .append("revision = ").append(sq(r.id())).append('\n')
                    .append("down_revision = ").append(classicDown(r.down())).append('\n')
                    .append("branch_labels = ").append(classicTuple(r.labels())).append('\n')
                    .append("depends_on = ").append(classicDepends(r.dependsOn())).append("\n\n\n");
        }
        String returns = r.annotated() ? " -> None" : "";
        if (r.merge()) {
            s.append("def upgrade()").append(returns).append(":\n    pass\n\n\n")
                    .append("def downgrade()").append(returns).append(":\n    pass\n");
            return s.toString();
        }
        List<String[]> ops = new ArrayList<>();
        int count = 1 + random.nextInt(5);
        for (int i = 0; i < count; i++) {
            ops.add(operation(jsonb && i == 0));
        }
        s.append("def upgrade()").append(returns).append(":\n")
                .append("    # ### commands auto generated by Alembic - please adjust! ###\n");
        for (String[] op : ops) {
            s.append(op[0]);
        }
        s.append("    # ### end Alembic commands ###\n\n\n")
                .append("def downgrade()").append(returns).append(":\n")
                .append("    # ### commands auto generated by Alembic - please adjust! ###\n");
        for (int i = ops.size() - 1; i >= 0; i--) {
            s.append(ops.get(i)[1]);
        }
        s.append("    # ### end Alembic commands ###\n");
        return s.toString();
    }

    /** An upgrade statement and its downgrade, as autogenerate writes them. */
    private String[] operation(boolean jsonb) {
        String table = pick(TABLES);
        String column = pick(COLUMNS);
        String type = jsonb ? TYPES[7] : TYPES[random.nextInt(7)];
        switch (random.nextInt(6)) {
            case 0:
                return new String[] {
                        "    op.add_column('" + table + "', sa.Column('" + column + "', " + type + ", nullable=True))\n",
                        "    op.drop_column('" + table + "', '" + column + "')\n"};
            case 1: {
                String name = table + "_" + column;
                return new String[] {
                        "    op.create_table('" + name + "',\n"
                                + "    sa.Column('id', sa.Integer(), nullable=False),\n"
                                + "    sa.Column('" + column + "', " + type + ", nullable=True),\n"
                                + "    sa.Column('created_at', sa.DateTime(timezone=True), "
                                + "server_default=sa.text('now()'), nullable=False),\n"
                                + "    sa.ForeignKeyConstraint(['id'], ['" + table + ".id'], ondelete='CASCADE'),\n"
                                + "    sa.PrimaryKeyConstraint('id')\n"
                                + "    )\n",
                        "    op.drop_table('" + name + "')\n"};
            }
            case 2: {
                String index = "ix_" + table + "_" + column;
                return new String[] {
                        "    op.create_index(op.f('" + index + "'), '" + table + "', ['" + column + "'], unique=False)\n",
                        "    op.drop_index(op.f('" + index + "'), table_name='" + table + "')\n"};
            }
            case 3:
                return new String[] {
                        "    op.alter_column('" + table + "', '" + column + "',\n"
                                + "               existing_type=" + type + ",\n"
                                + "               nullable=False)\n",
                        "    op.alter_column('" + table + "', '" + column + "',\n"
                                + "               existing_type=" + type + ",\n"
                                + "               nullable=True)\n"};
            case 4:
                return new String[] {
                        "    op.execute(\"UPDATE " + table + " SET " + column + " = DEFAULT WHERE " + column
                                + " IS NULL\")\n",
                        "    pass  # data migration, nothing to undo\n"};
            default: {
                String fk = "fk_" + table + "_" + column;
                String other = pick(TABLES);
                return new String[] {
                        "    op.create_foreign_key('" + fk + "', '" + table + "', '" + other + "', ['" + column
                                + "'], ['id'])\n",
                        "    op.drop_constraint('" + fk + "', '" + table + "', type_='foreignkey')\n"};
            }
        }
    }

    private static String sq(String s) {
        return "'" + s + "'";
    }

    private static String dq(String s) {
        return "\"" + s + "\"";
    }

    /** {@code repr()} of what the classic template receives: None, a str, or a tuple. */
    private static String classicDown(List<String> down) {
        if (down.isEmpty()) {
            return "None";
        }
        return down.size() == 1 ? sq(down.get(0)) : "(" + String.join(", ", down.stream().map(ProjectGenerator::sq)
                .toList()) + ")";
    }

    /** {@code alembic revision --branch-label x} passes a tuple: {@code ('x',)}. */
    private static String classicTuple(List<String> items) {
        if (items.isEmpty()) {
            return "None";
        }
        return items.size() == 1 ? "(" + sq(items.get(0)) + ",)"
                : "(" + String.join(", ", items.stream().map(ProjectGenerator::sq).toList()) + ")";
    }

    private static String classicDepends(List<String> items) {
        return items.size() == 1 ? sq(items.get(0)) : classicTuple(items);
    }

    /** As black/ruff would reformat it: double quotes. */
    private static String annotatedValue(List<String> items) {
        if (items.isEmpty()) {
            return "None";
        }
        return items.size() == 1 ? dq(items.get(0))
                : "(" + String.join(", ", items.stream().map(ProjectGenerator::dq).toList()) + ")";
    }

    private static String ini() {
        return """
                # A generic, single database configuration.

                [alembic]
                # path to migration scripts
                script_location = %(here)s/migrations

                # template used to generate migration file names; The default value is %%(rev)s_%%(slug)s
                # file_template = %%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d-%%(rev)s_%%(slug)s

                # sys.path path, will be prepended to sys.path if present.
                prepend_sys_path = .

                # max length of characters to apply to the "slug" field
                # truncate_slug_length = 40

                # version_locations = %(here)s/bar:%(here)s/bat:migrations/versions
                version_path_separator = os  # Use os.pathsep. Default configuration used for new projects.

                sqlalchemy.url = postgresql://app@localhost/app


                [post_write_hooks]
                # hooks = black
                # black.type = console_scripts
                # black.entrypoint = black
                # black.options = -l 79 REVISION_SCRIPT_FILENAME

                # Logging configuration
                [loggers]
                keys = root,sqlalchemy,alembic

                [handlers]
                keys = console

                [formatters]
                keys = generic

                [logger_root]
                level = WARN
                handlers = console
                qualname =

                [logger_sqlalchemy]
                level = WARN
                handlers =
                qualname = sqlalchemy.engine

                [logger_alembic]
                level = INFO
                handlers =
                qualname = alembic

                [handler_console]
                class = StreamHandler
                args = (sys.stderr,)
                level = NOTSET
                formatter = generic

                [formatter_generic]
                format = %(levelname)-5.5s [%(name)s] %(message)s
                datefmt = %H:%M:%S
                """;
    }

    private static final String ENV_PY = """
            from logging.config import fileConfig

            from sqlalchemy import engine_from_config
            from sqlalchemy import pool

            from alembic import context

            config = context.config

            if config.config_file_name is not None:
                fileConfig(config.config_file_name)

            target_metadata = None


            def run_migrations_offline() -> None:
                url = config.get_main_option("sqlalchemy.url")
                context.configure(
                    url=url,
                    target_metadata=target_metadata,
                    literal_binds=True,
                    dialect_opts={"paramstyle": "named"},
                )

                with context.begin_transaction():
                    context.run_migrations()


            def run_migrations_online() -> None:
                connectable = engine_from_config(
                    config.get_section(config.config_ini_section),
                    prefix="sqlalchemy.",
                    poolclass=pool.NullPool,
                )

                with connectable.connect() as connection:
                    context.configure(connection=connection, target_metadata=target_metadata)

                    with context.begin_transaction():
                        context.run_migrations()


            if context.is_offline_mode():
                run_migrations_offline()
            else:
                run_migrations_online()
            """;

    private static final String MAKO = """
            \"""${message}

            Revision ID: ${up_revision}
            Revises: ${down_revision | comma,n}
            Create Date: ${create_date}

            \"""
            from alembic import op
            import sqlalchemy as sa
            ${imports if imports else ""}

            # revision identifiers, used by Alembic.
            revision = ${repr(up_revision)}
            down_revision = ${repr(down_revision)}
            branch_labels = ${repr(branch_labels)}
            depends_on = ${repr(depends_on)}


            def upgrade() -> None:
                ${upgrades if upgrades else "pass"}


            def downgrade() -> None:
                ${downgrades if downgrades else "pass"}
            """;
}
