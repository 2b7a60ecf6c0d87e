package io.migrabot.script;

import io.migrabot.revision.Problem;
import io.migrabot.revision.ProblemKind;
import io.migrabot.revision.Revision;
import io.migrabot.testing.AlembicProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Following the constants revision files import from their project, and saying in one line why when it cannot:
 * the revision keeps its id and parents, the labels that cannot be known are left out, and only an id or a parent
 * that cannot be known drops it.
 */
class ImportedConstantsTest {
    @TempDir
    Path dir;

    private AlembicProject project(String iniExtra) {
        AlembicProject project = AlembicProject.create(dir);
        project.write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n" + iniExtra);
        return project;
    }

    private AlembicScriptDirectory load() {
        return AlembicScriptDirectory.load(dir.resolve("alembic.ini"), "alembic", dir);
    }

    private static String label(String imports, String value) {
        return imports + "\nrevision = 'aaaa'\ndown_revision = None\nbranch_labels = " + value + "\n";
    }

    /** The one warning the load gives, with the revision kept without labels. */
    private String onlyWarning() {
        AlembicScriptDirectory scripts = load();
        assertThat(scripts.problems()).isEmpty();
        assertThat(scripts.revisions()).extracting(Revision::id).containsExactly("aaaa");
        assertThat(scripts.revisions().get(0).branchLabels()).isEmpty();
        assertThat(scripts.warnings()).singleElement().extracting(Problem::kind)
                .isEqualTo(ProblemKind.UNKNOWN_BRANCH_LABELS);
        assertThat(scripts.graph().refusals()).isEmpty();
        return scripts.warnings().get(0).message();
    }

    @Test
    void modulesAreFoundOnPrependSysPathAndUnderThePackageRootAboveTheScriptLocation() {
        AlembicProject project = project("prepend_sys_path = src\n");
        project.write("src/consts.py", "LABEL = 'from_src'\n");
        project.write("migrations/versions/a.py", label("import consts", "consts.LABEL"));
        assertThat(load().revisions().get(0).branchLabels()).containsExactly("from_src");

        project.write("alembic.ini", "[alembic]\nscript_location = %(here)s/app/db/migrations\n");
        project.write("app/__init__.py", "");
        project.write("app/db/__init__.py", "");
        project.write("app/db/migrations/__init__.py", "");
        project.write("app/db/branches.py", "EXPAND = 'expand'\n");
        project.write("app/db/migrations/versions/a.py", label("from app.db import branches", "branches.EXPAND"));
        Path elsewhere = dir.resolve("elsewhere");
        AlembicScriptDirectory scripts = AlembicScriptDirectory.load(dir.resolve("alembic.ini"), "alembic",
                project.write("elsewhere/.keep", "").getParent());
        assertThat(AlembicScriptDirectory.moduleRoots(scripts.config(), dir.resolve("app/db/migrations")))
                .containsExactly(elsewhere, dir);
        assertThat(scripts.revisions().get(0).branchLabels()).containsExactly("expand");
    }

    @Test
    void anUnknownDependencyKeepsTheRevisionButRefusesOperations() {
        project("").write("migrations/versions/a.py",
                "from somewhere import PARENT\nrevision = 'aaaa'\ndown_revision = None\ndepends_on = PARENT\n");
        AlembicScriptDirectory scripts = load();
        assertThat(scripts.revisions()).hasSize(1);
        assertThat(scripts.warnings()).singleElement().extracting(Problem::kind)
                .isEqualTo(ProblemKind.UNKNOWN_DEPENDENCIES);
        assertThat(scripts.graph().refusals()).hasSize(1);
    }

    /**
     * The one warning for a revision labelled {@code value} after {@code imports}, in a project holding
     * {@code modules} (path, source, path, source...).
     */
    private String warningFor(String imports, String value, String... modules) {
        AlembicProject project = project("");
        for (int i = 0; i < modules.length; i += 2) {
            project.write(modules[i], modules[i + 1]);
        }
        project.write("migrations/versions/a.py", label(imports, value));
        return onlyWarning();
    }

    @Test
    void anImportPointingOutsideTheProjectIsOneLine() {
        assertThat(warningFor("from sqlalchemy import types", "(types.LABEL,)")).isEqualTo("branch_labels = "
                + "(types.LABEL,): no module named 'sqlalchemy' in the project (searched [" + dir + "]); migrabot "
                + "follows imports only into the project's own source files");
    }

    @Test
    void aRelativeImportInARevisionFileFailsAsInPython() {
        assertThat(warningFor("from . import labels", "labels.X")).isEqualTo("branch_labels = labels.X: .labels: "
                + "attempted relative import with no known parent package (Alembic loads revision files outside any "
                + "package)");
    }

    @Test
    void aRelativeImportAboveTheTopPackageIsOneLine() {
        assertThat(warningFor("import pkg", "pkg.x", "pkg/__init__.py", "from ... import x\n"))
                .isEqualTo("branch_labels = pkg.x: ...x in " + dir.resolve("pkg/__init__.py") + ": attempted "
                        + "relative import beyond top-level package");
    }

    @Test
    void aModuleWithASyntaxErrorIsNamedWithItsLine() {
        assertThat(warningFor("import labels", "labels.X", "labels.py", "X = 'x'\nY = ('y'\n"))
                .isEqualTo("branch_labels = labels.X: " + dir.resolve("labels.py") + ":2: '(' was never closed "
                        + "(module 'labels')");
    }

    @Test
    void aCircularImportBetweenTwoModulesIsOneLine() {
        assertThat(warningFor("from one import X", "X", "one.py", "from two import Y\nX = Y\n",
                "two.py", "from one import X\nY = X\n"))
                .startsWith("branch_labels = X: circular import: ")
                .contains(dir.resolve("one.py") + ":2 X", dir.resolve("two.py") + ":2 Y")
                .endsWith("; Python cannot import these modules either");
    }

    @Test
    void aConstantThatIsItselfComputedIsOneLine() {
        assertThat(warningFor("from labels import CONTRACT", "[CONTRACT]", "labels.py",
                "PREFIX = 'con'\nCONTRACT = PREFIX + 'tract'\n")).isEqualTo("branch_labels = [CONTRACT]: CONTRACT at "
                + dir.resolve("labels.py") + ":2 is computed (PREFIX + 'tract' in " + dir.resolve("labels.py")
                + "), not a literal");
    }

    @Test
    void aNameTheModuleDoesNotHaveIsOneLine() {
        assertThat(warningFor("import labels", "labels.Y", "labels.py", "X = 'x'\n")).isEqualTo("branch_labels = "
                + "labels.Y: module 'labels' (" + dir.resolve("labels.py") + ") has no module-level name 'Y'");
    }

    @Test
    void anIdThatCannotBeFollowedDropsTheRevisionNamingTheFile() {
        project("").write("migrations/versions/a.py", "import ids\nrevision = ids.A\ndown_revision = None\n");
        AlembicScriptDirectory scripts = load();
        assertThat(scripts.revisions()).isEmpty();
        assertThat(scripts.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ProblemKind.UNRESOLVED_NAME);
            assertThat(p.location()).isEqualTo(dir.resolve("migrations/versions/a.py") + ":2");
        });
    }

    @Test
    void aRevisionThatImportsIsReadAgainEvenWhenUnchangedBecauseItsModuleMayHaveChanged() {
        AlembicProject project = project("");
        project.write("labels.py", "X = 'one'\n");
        project.write("migrations/versions/a.py", label("import labels", "labels.X"));
        RevisionFileCache cache = new RevisionFileCache();
        assertThat(AlembicScriptDirectory.load(List.of(dir.resolve("alembic.ini")), "alembic", dir, cache)
                .revisions().get(0).branchLabels()).containsExactly("one");
        project.write("labels.py", "X = 'two'\n");
        assertThat(AlembicScriptDirectory.load(List.of(dir.resolve("alembic.ini")), "alembic", dir, cache)
                .revisions().get(0).branchLabels()).containsExactly("two");
    }
}
