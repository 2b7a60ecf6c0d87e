package io.migrabot.script;

import io.migrabot.testing.Python;
import io.migrabot.testing.Json;
import io.migrabot.revision.Problem;
import io.migrabot.revision.ProblemKind;
import io.migrabot.revision.Revision;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.script.AlembicRevisionFileReader.ReadResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares the reader with real Python and real Alembic on tricky files: {@code differential/same/*} must give
 * identical values, {@code differential/both-fail/*} must fail in both (with Alembic's message or Python's line
 * where there is one), {@code differential/stricter/*} load in Alembic but are refused here on purpose, or, where
 * only branch labels or dependencies cannot be determined, loaded with a warning and without them. A few
 * byte-level cases (CRLF, Latin-1, BOM, NUL, bad UTF-8) are made here. Requires {@code /usr/bin/python3} with
 * Alembic installed: without it the test fails, it does not skip.
 */
class AlembicDifferentialTest {


    /** Prints one JSON object per file: the module attributes, and what Alembic's Script makes of them. */
    private static final String PROBE = """
            import importlib.util, json, os, re, sys, types, warnings
            warnings.simplefilter("ignore")
            from alembic.script.base import Script
            from alembic.util import to_tuple

            def plain(v):
                if isinstance(v, (set, frozenset)):
                    return sorted(v)
                if isinstance(v, (tuple, list)):
                    return [plain(x) for x in v]
                return v

            def failure(e):
                message = e.msg if isinstance(e, SyntaxError) else str(e)
                return [type(e).__name__, message, getattr(e, "lineno", None)]

            for path in sys.argv[1:]:
                directory, name = os.path.split(path)
                out = {"file": name}
                try:
                    spec = importlib.util.spec_from_file_location(re.sub(r"\\W", "_", name), path)
                    m = importlib.util.module_from_spec(spec)
                    spec.loader.exec_module(m)
                    out["module"] = plain([getattr(m, "revision", None), m.down_revision,
                                           getattr(m, "branch_labels", None), getattr(m, "depends_on", None),
                                           (m.__doc__ or "").strip()])
                except BaseException as e:
                    out["module_error"] = failure(e)
                try:
                    s = Script._from_filename(types.SimpleNamespace(sourceless=False), directory, name)
                    deps = list(to_tuple(s.dependencies, ())) if s.dependencies else []
                    out["alembic"] = [s.revision, list(s._versioned_down_revisions), list(s._orig_branch_labels),
                                      deps, s.longdoc]
                except BaseException as e:
                    out["alembic_error"] = failure(e)
                print(json.dumps(out))
            """;

    private static final Set<String> PYTHON_SYNTAX_ERRORS = Set.of("SyntaxError", "IndentationError", "TabError");

    @TempDir
    static Path versions;

    @TestFactory
    Stream<DynamicTest> readerAgreesWithPythonAndAlembic() throws Exception {
        Map<Path, String> category = new HashMap<>();
        for (String kind : List.of("same", "both-fail", "stricter")) {
            try (Stream<Path> files = Files.list(resource(kind))) {
                for (Path file : files.sorted().collect(Collectors.toList())) {
                    category.put(Files.copy(file, versions.resolve(file.getFileName())), kind);
                }
            }
        }
        byte[] template = Files.readAllBytes(resource("same").resolve("1975ea83b712_add_account_table.py"));
        String crlf = new String(template, StandardCharsets.UTF_8).replace("\n", "\r\n")
                .replace("1975ea83b712", "c1c1");
        category.put(write("c1c1_crlf.py", crlf.getBytes(StandardCharsets.UTF_8)), "same");
        category.put(write("c2c2_latin1.py", ("# vim: set fileencoding=iso-8859-1 :\n'''Caf\u00e9 \u00bd'''\n"
                + "revision = 'c2c2'\ndown_revision = 'c1c1'\n").getBytes(StandardCharsets.ISO_8859_1)), "same");
        category.put(write("c3c3_bom.py", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "'''BOM'''\nrevision = 'c3c3'\ndown_revision = None\n".getBytes(StandardCharsets.UTF_8))), "same");
        category.put(write("c4c4_nul.py", "revision = 'c4c4'\ndown_revision = None\0\n"
                .getBytes(StandardCharsets.UTF_8)), "both-fail");
        category.put(write("c5c5_not_utf8.py", "revision = 'c5c5'\ndown_revision = 'caf\u00e9'\n"
                .getBytes(StandardCharsets.ISO_8859_1)), "both-fail");

        List<Path> files = new ArrayList<>(category.keySet());
        files.sort(null);
        Map<String, Map<String, Object>> python = runPython(files);
        assertThat(python).hasSize(files.size());
        return files.stream().map(file -> DynamicTest.dynamicTest(category.get(file) + "/" + file.getFileName(), () -> {
            String name = file.getFileName().toString();
            Map<String, Object> expected = python.get(name);
            ReadResult ours = new AlembicRevisionFileReader().read(file, Files.readAllBytes(file));
            switch (category.get(file)) {
                case "same": assertSame(file, expected, ours); break;
                case "both-fail": assertBothFail(expected, ours); break;
                default: assertStricter(expected, ours);
            }
        }));
    }

    private static void assertSame(Path file, Map<String, Object> python, ReadResult ours) throws IOException {
        assertThat(ours.problems()).as("our problems").isEmpty();
        assertThat(python).as("python").containsKeys("module", "alembic");
        Revision revision = ours.revision().orElseThrow();
        assertThat(Arrays.asList(revision.id(), revision.downRevisions(), revision.branchLabels(),
                revision.dependsOn(), revision.longDoc())).as("as Alembic sees it").isEqualTo(python.get("alembic"));
        assertThat(revision.path()).isEqualTo(file.toString());

        byte[] content = Files.readAllBytes(file);
        PythonModule module = PythonModuleScanner.scan(file.getFileName().toString(),
                PythonSourceDecoder.decode(content, PythonSourceDecoder.charset("f", content)));
        List<Object> attributes = new ArrayList<>();
        for (String name : List.of("revision", "down_revision", "branch_labels", "depends_on")) {
            attributes.add(module.assignment(name).map(a -> plain(followed(module, file, a.value()))).orElse(null));
        }
        attributes.add(module.docString().map(d -> AlembicRevisionFileReader.pythonStrip(d.text())).orElse(""));
        assertThat(attributes).as("module attributes").isEqualTo(python.get("module"));
    }

    /**
     * Alembic refuses the file; migrabot must too, in the reader or, for what the graph checks (self-loops, illegal
     * characters), in the graph built from the one revision.
     */
    private static void assertBothFail(Map<String, Object> python, ReadResult read) {
        assertThat(python).as("python").containsKey("alembic_error");
        List<Problem> problems = read.revision().map(r -> RevisionGraph.of(List.of(r)).problems())
                .orElse(read.problems());
        ReadResult ours = new ReadResult(Optional.empty(), problems);
        assertThat(ours.problems()).as("our problems").isNotEmpty();
        List<?> error = (List<?>) python.get("alembic_error");
        String type = (String) error.get(0);
        if (ours.problems().get(0).kind() == ProblemKind.NOT_TEXT) {
            assertThat(type).isIn("SyntaxError", "ValueError");
        } else if (PYTHON_SYNTAX_ERRORS.contains(type)) {
            assertThat(ours.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(ProblemKind.SYNTAX_ERROR);
                assertThat(p.location()).endsWith(":" + error.get(2));
            });
        } else if (type.equals("TypeError") || type.equals("NameError")) {
            assertThat(ours.problems()).extracting(Problem::kind)
                    .containsAnyOf(ProblemKind.BAD_VALUE, ProblemKind.NOT_A_LITERAL, ProblemKind.UNRESOLVED_NAME);
        } else {
            assertThat(ours.problems()).extracting(Problem::message).contains((String) error.get(1));
        }
    }

    private static void assertStricter(Map<String, Object> python, ReadResult ours) {
        assertThat(python).as("python").containsKey("alembic");
        List<Problem> refused = new ArrayList<>(ours.problems());
        refused.addAll(ours.warnings());
        assertThat(refused).isNotEmpty().extracting(Problem::kind).allMatch(kind -> Set.of(ProblemKind.NOT_A_LITERAL,
                ProblemKind.BAD_VALUE, ProblemKind.UNKNOWN_BRANCH_LABELS, ProblemKind.UNKNOWN_DEPENDENCIES)
                .contains(kind));
    }

    /** A value with the names it refers to in the same file replaced by theirs. */
    private static PyValue followed(PythonModule module, Path file, PyValue value) {
        ModuleResolver.Resolved resolved = ModuleResolver.none().resolve(new ModuleResolver.Scope(module,
                file.toString(), null), value, "value");
        assertThat(resolved.failure()).as("following names").isNull();
        return resolved.value();
    }

    /** A scanned value the way the probe prints the module attribute. */
    private static Object plain(PyValue value) {
        if (value instanceof PyValue.Str s) {
            return s.value();
        }
        if (value instanceof PyValue.Seq seq) {
            List<Object> items = seq.items().stream().map(AlembicDifferentialTest::plain).collect(Collectors.toList());
            if (seq.kind() == PyValue.Seq.Kind.SET) {
                items = items.stream().distinct().sorted().collect(Collectors.toList());
            }
            return items;
        }
        if (value instanceof PyValue.Other other) {
            throw new AssertionError("not a literal: " + other.sourceText());
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> runPython(List<Path> files) throws Exception {
        List<String> args = files.stream().map(Path::toString).toList();
        Map<String, Map<String, Object>> byFile = new HashMap<>();
        for (String line : Python.eval(Path.of("."), PROBE, args).split("\n")) {
            Map<String, Object> result = (Map<String, Object>) Json.parse(line);
            byFile.put((String) result.get("file"), result);
        }
        return byFile;
    }

    private static Path resource(String directory) throws URISyntaxException {
        return Path.of(AlembicDifferentialTest.class.getResource("differential/" + directory).toURI());
    }

    private static Path write(String name, byte[] content) throws IOException {
        return Files.write(versions.resolve(name), content);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
