package io.migrabot.script;

import io.migrabot.testing.Python;
import io.migrabot.testing.Json;
import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Loads configs with {@link AlembicConfig} (an ini alone) and with the real Alembic's {@code ScriptDirectory.from_config}, both with
 * the same working directory, and expects the same script directory, version locations and {@code sourceless} — or,
 * where Alembic fails, a failure quoting Alembic's (or configparser's) message.
 */
class AlembicIniDifferentialTest {

    private static final String ALEMBIC = String.join("\n",
            "import json, os, sys",
            "from alembic.config import Config",
            "from alembic.script import ScriptDirectory",
            "result = {}",
            "for path in sys.argv[1:]:",
            "    try:",
            "        script = ScriptDirectory.from_config(Config(path))",
            "        result[path] = {'dir': os.path.abspath(script.dir),",
            "                        'versions': list(script._version_locations),",
            "                        'configured': bool(script.version_locations),",
            "                        'sourceless': script.sourceless}",
            "    except Exception as e:",
            "        result[path] = {'error': str(e)}",
            "print(json.dumps(result))");

    private record Case(String name, String text) {
    }

    private static final List<Case> CASES = List.of(
            new Case("script_location under here", "script_location = %(here)s/alembic"),
            new Case("relative script_location", "script_location = migrations"),
            new Case("script_location with dot segments", "script_location = ./sub/../migrations"),
            new Case("script_location from DEFAULT", "[DEFAULT]\nscript_location = %(here)s/alembic\n[alembic]"),
            new Case("absolute script_location with ..", "script_location = %(here)s/../here-up/alembic"),
            new Case("legacy split on commas and spaces", "script_location = %(here)s/alembic\n"
                    + "version_locations = %(here)s/a, %(here)s/b  %(here)s/c,d"),
            new Case("legacy split keeps a trailing empty entry", "script_location = migrations\n"
                    + "version_locations = a,"),
            new Case("legacy split does not split lines", "script_location = migrations\n"
                    + "version_locations =\n    a\n    b"),
            new Case("os separator", "script_location = migrations\nversion_path_separator = os\n"
                    + "version_locations = %(here)s/a:%(here)s/b::c"),
            new Case("space separator", "script_location = migrations\nversion_path_separator = space\n"
                    + "version_locations = a  b /abs/x"),
            new Case("semicolon separator keeps spaces", "script_location = migrations\n"
                    + "version_path_separator = ;\nversion_locations = a; b;;"),
            new Case("only separators falls back to versions", "script_location = migrations\n"
                    + "version_path_separator = :\nversion_locations = ::"),
            new Case("empty version_locations ignores the separator", "script_location = migrations\n"
                    + "version_locations =\nversion_path_separator = bogus"),
            new Case("invalid separator", "script_location = migrations\nversion_path_separator = bogus\n"
                    + "version_locations = a"),
            new Case("empty separator", "script_location = migrations\nversion_path_separator =\n"
                    + "version_locations = a"),
            new Case("missing script_location", "sqlalchemy.url = postgresql://localhost/db"),
            new Case("missing section", null),
            new Case("sourceless true", "script_location = migrations\nsourceless = true"),
            new Case("sourceless True is false", "script_location = migrations\nsourceless = True"),
            new Case("bad percent in script_location", "script_location = %(here)s/%04d"),
            new Case("package resource in the working directory", "script_location = pkgres:migrations"),
            new Case("package resource of a subpackage, two levels", "script_location = pkgres.sub:mig:deeper"),
            new Case("package resource version location", "script_location = migrations\n"
                    + "version_locations = pkgres:versions"),
            new Case("package resource on prepend_sys_path", "prepend_sys_path = lib\n"
                    + "script_location = libpkg:migrations"),
            new Case("package resource of a missing package", "script_location = nosuchpkg:migrations"));

    @TempDir
    static Path root;
    private static Path work;
    private static Map<String, Object> alembic;

    @BeforeAll
    static void runAlembic() throws Exception {
        work = Files.createDirectories(root.resolve("work"));
        Files.createDirectories(work.resolve("migrations"));
        Files.createDirectories(work.resolve("sub"));
        Files.createDirectories(root.resolve("here-up/alembic"));
        for (String pkg : List.of("pkgres", "pkgres/sub", "lib/libpkg")) {
            Files.createDirectories(work.resolve(pkg));
            Files.writeString(work.resolve(pkg + "/__init__.py"), "");
        }
        for (String dir : List.of("pkgres/migrations", "pkgres/versions", "pkgres/sub/mig/deeper",
                "lib/libpkg/migrations")) {
            Files.createDirectories(work.resolve(dir));
        }
        List<String> files = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            Path file = file(i);
            Files.createDirectories(file.getParent().resolve("alembic"));
            String text = CASES.get(i).text();
            Files.writeString(file, text == null ? "[other]\nscript_location = x\n" : ensureSection(text) + "\n");
            files.add(file.toString());
        }
        alembic = Json.object(Json.parse(Python.eval(work, ALEMBIC, files)));
    }

    @TestFactory
    Stream<DynamicTest> agreesWithAlembicScriptDirectory() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            Path file = file(i);
            tests.add(dynamicTest(CASES.get(i).name(), () -> compare(file, Json.object(alembic.get(file.toString())))));
        }
        return tests.stream();
    }

    private static void compare(Path file, Map<String, Object> expected) {
        if (expected.containsKey("error")) {
            assertThatThrownBy(() -> {
                AlembicConfig ini = AlembicConfig.load(List.of(file), "alembic", work);
                ini.scriptLocation();
                ini.versionLocations();
            }).isInstanceOfSatisfying(MigrabotException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                    .hasMessageContaining((String) expected.get("error"));
            return;
        }
        AlembicConfig ini = AlembicConfig.load(List.of(file), "alembic", work);
        assertThat(ini.scriptLocation()).isEqualTo(Path.of((String) expected.get("dir")));
        assertThat(ini.versionLocations()).containsExactlyElementsOf(
                Json.array(expected.get("versions")).stream().map(v -> Path.of((String) v)).toList());
        assertThat(ini.versionLocationsConfigured()).isEqualTo(expected.get("configured"));
        assertThat(ini.sourceless()).isEqualTo(expected.get("sourceless"));
    }

    private static String ensureSection(String text) {
        return text.contains("[alembic]") ? text : "[alembic]\n" + text;
    }

    private static Path file(int index) {
        return root.resolve("case" + index).resolve("alembic.ini");
    }
}
