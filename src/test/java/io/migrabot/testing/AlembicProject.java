package io.migrabot.testing;

import io.migrabot.revision.Revision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a real Alembic project (alembic.ini, env.py, versions/) for tests, each revision file in one of the
 * styles real projects use, so that readers are tested on what Alembic itself imports.
 */
public final class AlembicProject {
    private final Path root;

    private AlembicProject(Path root) {
        this.root = root;
    }

    /** Creates the project skeleton in {@code root}; script_location is {@code %(here)s/migrations}. */
    public static AlembicProject create(Path root) {
        AlembicProject project = new AlembicProject(root);
        project.write("alembic.ini", """
                [alembic]
                script_location = %(here)s/migrations
                sqlalchemy.url = postgresql://nobody@127.0.0.1:1/none
                """);
        project.write("migrations/env.py", """
                from alembic import context
                context.configure(url=context.config.get_main_option("sqlalchemy.url"), literal_binds=True)
                with context.begin_transaction():
                    context.run_migrations()
                """);
        project.write("migrations/versions/.keep", "");
        return project;
    }

    /**
     * A project whose env.py runs online against {@code $DATABASE_URL} (and offline, for --sql, with the same URL),
     * logging Alembic's INFO lines to stderr as the default template does.
     */
    public static AlembicProject createOnline(Path root) {
        AlembicProject project = create(root);
        project.write("alembic.ini", """
                [alembic]
                script_location = %(here)s/migrations

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
                """);
        project.write("migrations/env.py", """
                import os
                from logging.config import fileConfig

                from alembic import context
                from sqlalchemy import create_engine, pool

                config = context.config
                fileConfig(config.config_file_name)
                url = os.environ["DATABASE_URL"]

                if context.is_offline_mode():
                    context.configure(url=url, literal_binds=True)
                    with context.begin_transaction():
                        context.run_migrations()
                else:
                    engine = create_engine(url, poolclass=pool.NullPool)
                    with engine.connect() as connection:
                        context.configure(connection=connection)
                        with context.begin_transaction():
                            context.run_migrations()
                """);
        return project;
    }

    /** Writes a revision file whose upgrade and downgrade run the given Python bodies (op.* calls). */
    public Path revision(String id, List<String> parents, String upgrade, String downgrade) {
        String down = parents.isEmpty() ? "None" : parents.size() == 1 ? single(parents.get(0))
                : "(" + String.join(", ", parents.stream().map(AlembicProject::single).toList()) + ")";
        return write("migrations/versions/" + id + ".py", "\"\"\"" + id + "\"\"\"\nfrom alembic import op\n"
                + "import sqlalchemy as sa\n\nrevision = " + single(id) + "\ndown_revision = " + down + "\n\n\n"
                + "def upgrade():\n    " + upgrade + "\n\n\ndef downgrade():\n    " + downgrade + "\n");
    }

    public Path root() {
        return root;
    }

    public Path ini() {
        return root.resolve("alembic.ini");
    }

    public Path versions() {
        return root.resolve("migrations/versions");
    }

    /** Writes {@code text} to a path relative to the project root. */
    public Path write(String relative, String text) {
        return writeBytes(relative, text.getBytes(StandardCharsets.UTF_8));
    }

    public Path writeBytes(String relative, byte[] bytes) {
        Path file = root.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes a revision file named {@code <index>_<id>.py} in the given style. */
    public Path revision(int index, Revision r, Style style) {
        return write(String.format("migrations/versions/%04d_%s.py", index, r.id()), style.render(r));
    }

    /** The ways revision files are written in the wild. */
    public enum Style {
        /** What `alembic revision` writes by default, single quotes. */
        CLASSIC {
            @Override
            String render(Revision r) {
                return doc(r, "\"\"\"") + "from alembic import op\nimport sqlalchemy as sa\n\n"
                        + "# revision identifiers, used by Alembic.\n"
                        + "revision = " + single(r.id()) + "\n"
                        + "down_revision = " + tuple(r.downRevisions(), true) + "\n"
                        + "branch_labels = " + tuple(r.branchLabels(), true) + "\n"
                        + "depends_on = " + tuple(r.dependsOn(), true) + "\n\n" + BODY;
            }
        },
        /** Newer templates: type annotations, double quotes, lists. */
        ANNOTATED {
            @Override
            String render(Revision r) {
                return doc(r, "\"\"\"") + "from typing import Sequence, Union\n\nfrom alembic import op\n\n"
                        + "revision: str = \"" + r.id() + "\"\n"
                        + "down_revision: Union[str, Sequence[str], None] = " + list(r.downRevisions()) + "\n"
                        + "branch_labels: Union[str, Sequence[str], None] = " + scalarOrTuple(r.branchLabels()) + "\n"
                        + "depends_on: Union[str, Sequence[str], None] = " + list(r.dependsOn()) + "\n\n" + BODY;
            }
        },
        /** An encoding cookie and a licence header before a triple-single-quoted docstring; a bare tuple. */
        LICENSED {
            @Override
            String render(Revision r) {
                String down = r.downRevisions().isEmpty() ? "None"
                        : String.join(", ", r.downRevisions().stream().map(AlembicProject::single).toList());
                return "# -*- coding: utf-8 -*-\n# Copyright (c) 2025 Example Corp.\n# SPDX-License-Identifier: MIT\n\n"
                        + doc(r, "'''") + "import sqlalchemy as sa  # noqa\nfrom alembic import op\n\n"
                        + "revision = '''" + r.id() + "'''\n"
                        + "down_revision = " + down + "  # parents\n"
                        + (r.branchLabels().isEmpty() ? "" : "branch_labels = " + tuple(r.branchLabels(), false) + "\n")
                        + (r.dependsOn().isEmpty() ? "" : "depends_on = " + scalarOrTuple(r.dependsOn()) + "\n")
                        + "\n" + BODY;
            }
        },
        /** Compact: statements joined by semicolons, a continuation line, implicit string concatenation. */
        COMPACT {
            @Override
            String render(Revision r) {
                String id = r.id();
                String split = id.length() > 2 ? "(\"" + id.substring(0, 2) + "\"\n    \"" + id.substring(2) + "\")"
                        : "\"" + id + "\"";
                return doc(r, "r\"\"\"") + "import sqlalchemy as sa; from alembic import op\n"
                        + "revision = " + split + "; down_revision = \\\n    " + tuple(r.downRevisions(), false) + "\n"
                        + "branch_labels = " + tuple(r.branchLabels(), false) + "; depends_on = "
                        + tuple(r.dependsOn(), false) + "\n\n" + BODY;
            }
        },
        /** A module that imports before its docstring: Python then has no docstring, so no message. */
        IMPORT_FIRST {
            @Override
            String render(Revision r) {
                return "import sqlalchemy as sa\n" + doc(r, "\"\"\"") + "revision = \"" + r.id() + "\"\n"
                        + "down_revision = " + tuple(r.downRevisions(), false) + "\n"
                        + "branch_labels = " + tuple(r.branchLabels(), false) + "\n"
                        + "depends_on = " + tuple(r.dependsOn(), false) + "\n\n" + BODY;
            }
        };

        abstract String render(Revision r);

        private static final String BODY = """
                def upgrade() -> None:
                    # a string with quotes ' and \" and a bracket ( that must not confuse a reader
                    op.execute("SELECT '(' AS x")


                def downgrade() -> None:
                    pass
                """;

        private static String doc(Revision r, String quote) {
            String close = quote.startsWith("r") ? quote.substring(1) : quote;
            return quote + r.longDoc() + "\n\nRevision ID: " + r.id() + "\nRevises: "
                    + String.join(", ", r.downRevisions()) + "\nCreate Date: 2025-11-05 08:55:10.771310\n\n" + close
                    + "\n";
        }
    }

    static String single(String s) {
        return "'" + s + "'";
    }

    /** None, a string, or a tuple ({@code ('a',)} for one item unless {@code scalarForOne}). */
    static String tuple(List<String> items, boolean scalarForOne) {
        if (items.isEmpty()) {
            return "None";
        }
        if (items.size() == 1) {
            return scalarForOne ? single(items.get(0)) : "(" + single(items.get(0)) + ",)";
        }
        return "(" + String.join(", ", items.stream().map(AlembicProject::single).toList()) + ")";
    }

    static String scalarOrTuple(List<String> items) {
        return items.size() == 1 ? "\"" + items.get(0) + "\"" : tuple(items, true);
    }

    static String list(List<String> items) {
        return items.isEmpty() ? "None" : "[" + String.join(", ", items.stream().map(s -> "\"" + s + "\"").toList())
                + "]";
    }
}
