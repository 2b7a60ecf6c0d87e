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

/** Which files a script directory loads, from which version locations, in which order. */
class AlembicScriptDirectoryTest {
    @TempDir
    Path dir;

    private static String file(String id, String parent) {
        return "revision = '" + id + "'\ndown_revision = " + (parent == null ? "None" : "'" + parent + "'") + "\n";
    }

    private AlembicScriptDirectory load(AlembicProject project) {
        return AlembicScriptDirectory.load(project.ini(), "alembic", dir);
    }

    private static List<String> ids(AlembicScriptDirectory scripts) {
        return scripts.revisions().stream().map(Revision::id).toList();
    }

    @Test
    void loadsPythonFilesInPathOrderAndSkipsInitLockFilesAndOtherFiles() {
        AlembicProject p = AlembicProject.create(dir);
        p.write("migrations/versions/b.py", file("bbbb", "aaaa"));
        p.write("migrations/versions/a.py", file("aaaa", null));
        p.write("migrations/versions/__init__.py", "");
        p.write("migrations/versions/.#a.py", "garbage that is never read (");
        p.write("migrations/versions/notes.txt", "not a revision");
        p.write("migrations/versions/a.pyc", "compiled");
        AlembicScriptDirectory scripts = load(p);
        assertThat(ids(scripts)).containsExactly("aaaa", "bbbb");
        assertThat(scripts.problems()).isEmpty();
    }

    @Test
    void versionLocationsSplitOnTheConfiguredSeparatorAndMissingOnesAreSkipped() {
        AlembicProject p = AlembicProject.create(dir);
        p.write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n"
                + "version_locations = %(here)s/one:%(here)s/missing:%(here)s/two\nversion_path_separator = os\n");
        p.write("one/a.py", file("aaaa", null));
        p.write("two/b.py", file("bbbb", "aaaa"));
        AlembicScriptDirectory scripts = load(p);
        assertThat(ids(scripts)).containsExactly("aaaa", "bbbb");
        assertThat(scripts.graph().heads()).containsExactly("bbbb");
    }

    @Test
    void aFolderListedTwiceLoadsOnce() {
        AlembicProject p = AlembicProject.create(dir);
        p.write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\n"
                + "version_locations = %(here)s/one %(here)s/./one\nversion_path_separator = space\n");
        p.write("one/a.py", file("aaaa", null));
        assertThat(ids(load(p))).containsExactly("aaaa");
    }

    @Test
    void subfoldersAreReadOnlyWithRecursiveVersionLocations() {
        AlembicProject p = AlembicProject.create(dir);
        p.write("migrations/versions/a.py", file("aaaa", null));
        p.write("migrations/versions/2025/b.py", file("bbbb", "aaaa"));
        p.write("migrations/versions/__pycache__/c.py", file("cccc", "bbbb"));
        assertThat(ids(load(p))).containsExactly("aaaa");
        p.write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\nrecursive_version_locations = true\n");
        assertThat(ids(load(p))).containsExactly("aaaa", "bbbb");
    }

    @Test
    void aFifoNamedLikeARevisionIsReportedInsteadOfBlockingTheLoad() throws Exception {
        AlembicProject p = AlembicProject.create(dir);
        p.write("migrations/versions/a.py", file("aaaa", null));
        Process mkfifo = new ProcessBuilder("mkfifo", p.versions().resolve("pipe.py").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        AlembicScriptDirectory scripts = load(p);
        assertThat(ids(scripts)).containsExactly("aaaa");
        assertThat(scripts.problems()).extracting(Problem::kind).containsExactly(ProblemKind.UNREADABLE_FILE);
        assertThat(scripts.problems().get(0).message()).isEqualTo("cannot read pipe.py: it is not a regular file");
    }

    @Test
    void compiledRevisionWithoutSourceIsReportedWhenSourceless() {
        AlembicProject p = AlembicProject.create(dir);
        p.write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations\nsourceless = true\n");
        p.write("migrations/versions/a.py", file("aaaa", null));
        p.write("migrations/versions/a.pyc", "compiled twin: fine");
        p.write("migrations/versions/b.pyc", "compiled only");
        AlembicScriptDirectory scripts = load(p);
        assertThat(ids(scripts)).containsExactly("aaaa");
        assertThat(scripts.problems()).extracting(Problem::kind).containsExactly(ProblemKind.NO_SOURCE);
    }

    @Test
    void aCacheReusesUnchangedFilesAndRereadsChangedOnes() throws Exception {
        AlembicProject p = AlembicProject.create(dir);
        p.write("migrations/versions/a.py", file("aaaa", null));
        p.write("migrations/versions/b.py", file("bbbb", "aaaa"));
        RevisionFileCache cache = new RevisionFileCache();
        assertThat(ids(AlembicScriptDirectory.load(p.ini(), "alembic", dir, cache))).containsExactly("aaaa", "bbbb");
        assertThat(cache.size()).isEqualTo(2);
        p.write("migrations/versions/b.py", file("bbbb", "aaaa") + "# edited: a longer file\n");
        p.write("migrations/versions/b.py", file("bbbc", "aaaa"));
        java.nio.file.Files.delete(p.versions().resolve("a.py"));
        p.write("migrations/versions/c.py", file("aaaa", null));
        AlembicScriptDirectory again = AlembicScriptDirectory.load(p.ini(), "alembic", dir, cache);
        assertThat(ids(again)).containsExactly("bbbc", "aaaa");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void missingScriptLocationFolderIsAConfigurationErrorInAlembicWords() {
        AlembicProject p = AlembicProject.create(dir);
        p.write("alembic.ini", "[alembic]\nscript_location = %(here)s/nowhere\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> load(p))
                .hasMessageStartingWith("Path doesn't exist: '" + dir.resolve("nowhere") + "'");
    }
}
