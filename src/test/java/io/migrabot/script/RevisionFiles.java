package io.migrabot.script;

import io.migrabot.revision.Problem;
import io.migrabot.revision.ProblemKind;
import io.migrabot.revision.Revision;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading one revision file's source in tests: the revision it declares, or its problems. */
final class RevisionFiles {
    private RevisionFiles() {
    }

    /** The two lines every revision file needs. */
    static String ok(String revision, String downRevision) {
        return "revision = '" + revision + "'\ndown_revision = " + downRevision + "\n";
    }

    static AlembicRevisionFileReader.ReadResult read(String file, String source) {
        return new AlembicRevisionFileReader().read(Path.of(file), source.getBytes(StandardCharsets.UTF_8));
    }

    static Revision revision(String file, String source) {
        AlembicRevisionFileReader.ReadResult result = read(file, source);
        assertThat(result.problems()).as("problems").isEmpty();
        return result.revision().orElseThrow();
    }

    static List<Problem> problems(String file, String source) {
        AlembicRevisionFileReader.ReadResult result = read(file, source);
        assertThat(result.revision()).as("revision").isEmpty();
        return result.problems();
    }

    static List<ProblemKind> kinds(String file, String source) {
        return problems(file, source).stream().map(Problem::kind).toList();
    }
}
