package io.migrabot.cli;

import io.migrabot.revision.Revision;
import io.migrabot.testing.AlembicProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a person sees when the script directory or the command line is wrong: one line per problem naming the
 * file (and line) and what to do, the healthy part still shown, and exit status 1 for problems, 2 for usage and
 * configuration errors. Never a stack trace.
 */
class BrokenScriptDirectoryTest {
    @TempDir
    Path dir;
    private AlembicProject project;

    @BeforeEach
    void healthyStart() {
        project = AlembicProject.create(dir);
        project.revision(0, new Revision("a1a1", List.of(), List.of(), List.of(), "first", ""),
                AlembicProject.Style.CLASSIC);
        project.revision(1, new Revision("b2b2", List.of("a1a1"), List.of(), List.of(), "second", ""),
                AlembicProject.Style.ANNOTATED);
    }

    private AlembicCli.Output run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("-c", project.ini().toString()));
        return AlembicCli.migrabot(all);
    }

    @Test
    void everyBrokenFileIsNamedWithAdviceAndTheRestStillLoads() throws IOException {
        project.write("migrations/versions/syntax.py", "revision = 'c3c3'\ndown_revision = ('b2b2',\n");
        project.writeBytes("migrations/versions/garbage.py", randomBytes());
        project.write("migrations/versions/norev.py", "down_revision = 'b2b2'\n");
        project.write("migrations/versions/dup.py", "revision = 'b2b2'\ndown_revision = 'a1a1'\n");
        project.write("migrations/versions/orphan.py", "revision = 'd4d4'\ndown_revision = 'gone'\n");
        project.write("migrations/versions/cycle1.py", "revision = 'e5e5'\ndown_revision = 'f6f6'\n");
        project.write("migrations/versions/cycle2.py", "revision = 'f6f6'\ndown_revision = 'e5e5'\n");
        project.write("migrations/versions/notliteral.py", "from ids import REV\nrevision = REV\ndown_revision = None\n");
        Files.createSymbolicLink(project.versions().resolve("dangling.py"), dir.resolve("nowhere.py"));

        AlembicCli.Output out = run("heads");

        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stdout()).contains("b2b2 (head)", "d4d4 (head)");
        List<String> lines = out.stderr().lines().toList();
        assertThat(lines).allMatch(l -> l.startsWith("migrabot: "));
        assertThat(out.stderr()).doesNotContain("Exception", "\tat ");
        assertThat(lines).anyMatch(l -> l.contains("syntax.py:2") && l.contains("never closed")
                && l.contains("Fix the Python syntax"));
        assertThat(lines).anyMatch(l -> l.contains("garbage.py") && l.contains("UTF-8 Python source"));
        assertThat(lines).anyMatch(l -> l.contains("norev.py") && l.contains("Could not determine revision id"));
        assertThat(lines).anyMatch(l -> l.contains("dup.py") && l.contains("Revision b2b2 is present more than once"));
        assertThat(lines).anyMatch(l -> l.contains("orphan.py")
                && l.contains("Revision gone referenced from d4d4 is not present"));
        assertThat(lines).anyMatch(l -> l.contains("Cycle is detected in revisions (e5e5, f6f6)"));
        assertThat(lines).anyMatch(l -> l.contains("notliteral.py:2") && l.contains("revision = REV: no module named 'ids' in the project"));
        assertThat(lines).anyMatch(l -> l.contains("dangling.py") && l.contains("broken symbolic link"));
    }

    @Test
    void historyOfACycleReportsTheCycleInsteadOfFailingObscurely() {
        project.write("migrations/versions/cycle1.py", "revision = 'e5e5'\ndown_revision = 'f6f6'\n");
        project.write("migrations/versions/cycle2.py", "revision = 'f6f6'\ndown_revision = 'e5e5'\n");
        AlembicCli.Output out = run("history");
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stderr()).contains("Cycle is detected in revisions (e5e5, f6f6)");
    }

    @Test
    void healthyDirectoryExitsZeroWithNothingOnStderr() {
        AlembicCli.Output out = run("history");
        assertThat(out.exitCode()).isZero();
        assertThat(out.stderr()).isEmpty();
        assertThat(out.stdout()).isEqualTo("a1a1 -> b2b2 (head), second\n<base> -> a1a1, first\n");
    }

    @Test
    void missingIniIsAConfigurationErrorOnOneLine() {
        AlembicCli.Output out = AlembicCli.migrabot(List.of("heads", "-c", dir.resolve("nope.ini").toString()));
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.stderr().lines()).singleElement().asString().startsWith("migrabot: ").contains("nope.ini");
    }

    @Test
    void missingVersionsFolderSaysWhatToCreate() throws IOException {
        try (var files = Files.list(project.versions())) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(project.versions());
        AlembicCli.Output out = run("heads");
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.stderr().lines()).singleElement().asString().contains("versions").contains("create it");
    }

    @Test
    void emptyVersionsFolderHasNoHeadsAndNoError() throws IOException {
        try (var files = Files.list(project.versions())) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        AlembicCli.Output out = run("heads");
        assertThat(out.exitCode()).isZero();
        assertThat(out.stdout()).isEmpty();
    }

    @Test
    void percentThatBreaksInterpolationNamesTheOptionAndTheFix() {
        project.write("alembic.ini", "[alembic]\nscript_location = %(here)s/migrations%04d\n");
        AlembicCli.Output out = run("heads");
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.stderr()).contains("script_location").contains("%%");
    }

    @Test
    void unknownRevisionUsesAlembicsMessage() {
        AlembicCli.Output out = run("show", "zzzz");
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.stderr()).isEqualTo("migrabot: Can't locate revision identified by 'zzzz'\n");
    }

    @Test
    void badRangeIsAUsageError() {
        AlembicCli.Output out = run("history", "-r", "a1a1");
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.stderr()).startsWith("migrabot: History range requires [start]:[end]");
    }

    @Test
    void rangeNamingCurrentExplainsThatItNeedsADatabase() {
        AlembicCli.Output out = run("history", "-r", "current:");
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.stderr()).contains("needs a database connection");
    }

    @Test
    void unknownOptionAndMissingArgumentAreOneLineUsageErrors() {
        AlembicCli.Output unknown = run("heads", "--bogus");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr().lines()).singleElement().asString().contains("--bogus").contains("--help");
        AlembicCli.Output missing = run("show");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr().lines()).singleElement().asString().contains("REV");
        AlembicCli.Output command = AlembicCli.migrabot(List.of("frobnicate"));
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.stderr().lines()).singleElement().asString().contains("frobnicate");
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[512];
        new Random(3).nextBytes(bytes);
        bytes[10] = 0;
        return bytes;
    }
}
