package io.migrabot.script;

import io.migrabot.testing.Python;
import io.migrabot.testing.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutates the {@code differential/same} files at random (fixed seed) and checks the scanner against CPython on
 * each mutant: it only ever throws {@link PythonSyntaxException}; it never calls valid Python a syntax error; and
 * where the mutant runs, every literal it reads equals what Python binds, unless it reports a block binding of that
 * name (a block Python runs may have changed the value). (The reverse, finding every error Python finds, is not
 * expected: the scanner is not a parser.) Fails if {@code /usr/bin/python3} is missing.
 * For a deeper search run it with, say, {@code -Dmutants=20000 -Dseed=7}.
 */
class ScannerFuzzDifferentialTest {

    private static final int MUTANTS = Integer.getInteger("mutants", 600);
    private static final String PALETTE = "'\"\\()[]{}#,:;=+ \t\n\fx0_\u00e9\u00a0$";
    private static final List<String> NAMES = List.of("revision", "down_revision", "branch_labels", "depends_on");

    /** For each file: whether it compiles, and if it runs, the four attributes and the stripped docstring. */
    private static final String PROBE = """
            import json, sys, types, warnings
            warnings.simplefilter("ignore")
            MISSING = object()

            def plain(v):
                if v is MISSING:
                    return "<missing>"
                if isinstance(v, (set, frozenset)):
                    return sorted(v) if all(isinstance(x, str) for x in v) else "<other>"
                if isinstance(v, (tuple, list)):
                    return [plain(x) for x in v]
                return v if v is None or isinstance(v, str) else "<other>"

            for path in sys.argv[1:]:
                out = {"file": path}
                source = open(path, "rb").read()
                try:
                    code = compile(source, path, "exec")
                except (SyntaxError, ValueError) as e:
                    out["error"] = getattr(e, "lineno", None)
                    print(json.dumps(out))
                    continue
                ns = {"__name__": "fuzzed"}
                try:
                    exec(code, ns)
                    out["values"] = [plain(ns.get(n, MISSING)) for n in
                                     ("revision", "down_revision", "branch_labels", "depends_on")]
                    out["doc"] = (ns.get("__doc__") or "").strip()
                except BaseException as e:
                    out["exec_error"] = type(e).__name__
                print(json.dumps(out))
            """;

    @TempDir
    Path dir;

    @Test
    void mutantsNeverGetAFalseSyntaxErrorOrAWrongValue() throws Exception {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(getClass().getResource("differential/same").toURI()))) {
            for (Path file : files.sorted().collect(Collectors.toList())) {
                seeds.add(Files.readString(file));
            }
        }
        Random random = new Random(Long.getLong("seed", 20240501L));
        List<Path> mutants = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            String source = seeds.get(random.nextInt(seeds.size()));
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                source = mutate(source, random);
            }
            mutants.add(Files.write(dir.resolve("m" + i + ".py"), source.getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, Map<String, Object>> python = runPython(mutants);

        List<String> disagreements = new ArrayList<>();
        for (Path mutant : mutants) {
            String source = Files.readString(mutant);
            Map<String, Object> expected = python.get(mutant.toString());
            PythonModule module;
            try {
                module = PythonModuleScanner.scan("m.py", source);
            } catch (PythonSyntaxException e) {
                if (!expected.containsKey("error")) {
                    disagreements.add("false syntax error " + e.getMessage() + " in\n" + source);
                }
                continue;
            }
            if (expected.containsKey("values")) {
                List<?> values = (List<?>) expected.get("values");
                for (int i = 0; i < NAMES.size(); i++) {
                    if (!module.blockBindings(NAMES.get(i)).isEmpty()) {
                        continue;
                    }
                    Optional<PythonModule.Assignment> bound = module.assignment(NAMES.get(i));
                    Object ours = bound.isEmpty() ? "<missing>" : plain(followed(module, bound.get().value()));
                    Object theirs = values.get(i);
                    if (!"<other>".equals(ours) && !"<other>".equals(theirs) && !Objects.equals(ours, theirs)) {
                        disagreements.add(NAMES.get(i) + ": ours " + ours + ", python " + theirs + " in\n" + source);
                    }
                }
                String doc = module.docString().map(d -> AlembicRevisionFileReader.pythonStrip(d.text())).orElse("");
                if (!doc.equals(expected.get("doc"))) {
                    disagreements.add("doc: ours " + doc + ", python " + expected.get("doc") + " in\n" + source);
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    private static String mutate(String source, Random random) {
        if (source.isEmpty()) {
            return String.valueOf(PALETTE.charAt(random.nextInt(PALETTE.length())));
        }
        int at = random.nextInt(source.length());
        int lineStart = source.lastIndexOf('\n', at) + 1;
        int lineEnd = source.indexOf('\n', at) < 0 ? source.length() : source.indexOf('\n', at) + 1;
        switch (random.nextInt(6)) {
            case 0: return source.substring(0, at) + source.substring(at + 1);
            case 1: return source.substring(0, at) + PALETTE.charAt(random.nextInt(PALETTE.length())) + source.substring(at);
            case 2: return source.substring(0, lineEnd) + source.substring(lineStart, lineEnd) + source.substring(lineEnd);
            case 3: return source.substring(0, lineStart) + source.substring(lineEnd);
            case 4: return source.substring(0, lineStart) + "    " + source.substring(lineStart);
            default:
                return at + 1 < source.length()
                        ? source.substring(0, at) + source.charAt(at + 1) + source.charAt(at) + source.substring(at + 2)
                        : source;
        }
    }

    /** The value with names bound in the same module followed, as the reader follows them; Other when it cannot. */
    private static PyValue followed(PythonModule module, PyValue value) {
        ModuleResolver.Resolved resolved = ModuleResolver.none().resolve(new ModuleResolver.Scope(module, "m.py",
                null), value, "value");
        return resolved.ok() ? resolved.value() : new PyValue.Other(resolved.failure());
    }

    /** A scanned value as the probe prints it. */
    private static Object plain(PyValue value) {
        if (value instanceof PyValue.Str s) {
            return s.value();
        }
        if (value instanceof PyValue.Seq seq) {
            List<Object> items = seq.items().stream().map(ScannerFuzzDifferentialTest::plain)
                    .collect(Collectors.toList());
            if (seq.kind() == PyValue.Seq.Kind.SET) {
                return items.stream().allMatch(item -> item instanceof String)
                        ? items.stream().map(String.class::cast).distinct().sorted().collect(Collectors.toList())
                        : "<other>";
            }
            return items;
        }
        return value instanceof PyValue.Other ? "<other>" : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> runPython(List<Path> files) throws IOException, InterruptedException {
        List<String> args = files.stream().map(Path::toString).toList();
        Map<String, Map<String, Object>> byFile = new HashMap<>();
        for (String line : Python.eval(Path.of("."), PROBE, args).split("\n")) {
            Map<String, Object> result = (Map<String, Object>) Json.parse(line);
            byFile.put((String) result.get("file"), result);
        }
        return byFile;
    }
}
