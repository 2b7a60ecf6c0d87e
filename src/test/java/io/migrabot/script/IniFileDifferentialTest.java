package io.migrabot.script;

import io.migrabot.testing.Python;
import io.migrabot.testing.Json;
import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Reads tricky ini texts with {@link IniFile} and with Python's configparser (as Alembic sets it up) and expects the
 * same sections, option names and interpolated values — or, where Python fails, a failure quoting Python's message.
 */
class IniFileDifferentialTest {

    private static final String CONFIGPARSER = String.join("\n",
            "import configparser, json, os, sys",
            "result = {}",
            "for path in sys.argv[1:]:",
            "    parser = configparser.ConfigParser(defaults={'here': os.path.abspath(os.path.dirname(path))})",
            "    try:",
            "        parser.read(path)",
            "    except configparser.Error as e:",
            "        result[path] = {'error': str(e)}",
            "        continue",
            "    sections = {}",
            "    for name in ['DEFAULT'] + parser.sections():",
            "        options = {}",
            "        for option in (parser.defaults() if name == 'DEFAULT' else parser.options(name)):",
            "            try:",
            "                options[option] = {'value': parser.get(name, option)}",
            "            except configparser.Error as e:",
            "                options[option] = {'error': str(e)}",
            "        sections[name] = options",
            "    result[path] = {'sections': sections}",
            "print(json.dumps(result))");

    private record Case(String name, String directory, String text) {
    }

    private static final List<Case> CASES = List.of(
            new Case("alembic template", "template", """
                    # A generic, single database configuration.

                    [alembic]
                    # path to migration scripts
                    script_location = %(here)s/alembic

                    # template used to generate migration file names; The default value is %%(rev)s_%%(slug)s
                    file_template = %%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s
                    prepend_sys_path = .
                    # version_locations = %(here)s/bar:%(here)s/bat:%(here)s/alembic/versions
                    version_path_separator = os  # Use os.pathsep.
                    sqlalchemy.url = driver://user:pass@localhost/dbname

                    [post_write_hooks]
                    # hooks = black
                    # black.type = console_scripts

                    [loggers]
                    keys = root,sqlalchemy,alembic

                    [handler_console]
                    class = StreamHandler
                    args = (sys.stderr,)
                    level = NOTSET

                    [formatter_generic]
                    format = %%(levelname)-5.5s [%%(name)s] %%(message)s
                    datefmt = %%H:%%M:%%S
                    """),
            new Case("unescaped logging formats", "logging", lines("[formatter_generic]",
                    "format = %(levelname)-5.5s [%(name)s] %(message)s", "datefmt = %H:%M:%S")),
            new Case("multi-line values", "multiline", lines("[s]", "a = first", "    second", "", "    third", "", "",
                    "b =", "  x", "  # comment inside", "    ; another", "  y", "c = v", "   ", "\t", "d = tab",
                    "\tcontinued", "e = last", "", "  ")),
            new Case("comments and inline markers", "comments", lines("# top", "; also", "   # indented, before any "
                    + "section", "[s]", "  # indented comment", "a = b # not a comment", "c = d ; nor this",
                    "e=#value", "f = ;value", "   ;indented comment after an option")),
            new Case("delimiters and keys", "delimiters", lines("[s]", "a:b=c", "d = e:f",
                    "url = postgresql://u:p@h:5432/db", "key : value", "k=", "k2 :", "x==y",
                    "  spaced key  =  spaced value  ", "Mixed_Case.Key = V", "tabbed\t=\tvalue\t")),
            new Case("unicode whitespace and text", "unicode", lines("[s]", "\u00a0nbsp\u00a0=\u00a0v\u00a0",
                    "ideo\u3000=\u3000w", "\u2028sep = x", "emoji = \uD83D\uDE00 \u00e9", "form\ffeed = 1",
                    "nel = a\u0085")),
            new Case("section header quirks", "headers", lines("[a] trailing text", "x = 1", "[ spaced ]", "y = 2",
                    "[b]c]", "z = 3", "[default]", "w = 4", "[Alembic]", "v = 5", "  [indented]", "u = 6")),
            new Case("indentation decides continuation", "indent", lines("[s]", "  a = 1", "b = 2", "    c = 3",
                    "  d = 4", "      more", "e = 5")),
            new Case("DEFAULT section", "defaults", lines("[DEFAULT]", "base = %(here)s/db", "Shared = default",
                    "[s]", "shared = own", "path = %(BASE)s/x", "[DEFAULT]", "extra = 1", "[t]",
                    "only = %(shared)s")),
            new Case("DEFAULT overrides here", "override", lines("[DEFAULT]", "here = /elsewhere", "[s]",
                    "loc = %(here)s/m")),
            new Case("interpolation that works", "interpolation", lines("[s]", "pct = 100%%",
                    "both = %%(here)s is %(here)s", "ref = %(pct)s done", "nested = %(ref)s!", "plain = %(p)s",
                    "p = no percent", "fmt = %%04d", "multi = a %(p)s", "  b %%")),
            new Case("interpolation errors", "broken", lines("[s]", "num = %04d", "trail = 50%", "badref = %(name",
                    "wrongtype = %(p)d", "missing = %(nope)s/x", "self = %(self)s", "a = %(b)s", "b = %(a)s",
                    "p = ok", "quoted = it's %(nope)s")),
            new Case("interpolation depth", "depth", depthChain()),
            new Case("here with percent, quote and space", "it's 100%", lines("[s]", "loc = %(here)s/m",
                    "plain = fine")),
            new Case("line endings", "endings", "[s]\r\na = 1\r\n  cont\r\nb = 2\rc = 3"),
            new Case("empty file", "empty", ""),
            new Case("only comments", "only-comments", lines("# nothing", "", "; here")),
            new Case("duplicate section", "dup-section", lines("[s]", "a = 1", "[t]", "[s]")),
            new Case("duplicate section after line 9", "dup-late", lines("[s]", "", "", "", "", "", "", "", "", "",
                    "[t]", "[s]   # again")),
            new Case("duplicate option differing in case", "dup-option", lines("[s]", "a = 1", "A = 2")),
            new Case("duplicate option across DEFAULT sections", "dup-default", lines("[DEFAULT]", "x = 1", "[s]",
                    "[DEFAULT]", "x = 2")),
            new Case("quote in duplicate section name", "dup-quote", lines("[it's]", "a = 1", "[it's]")),
            new Case("missing section header", "no-header", lines("", "# comment", "a = 1")),
            new Case("plain text", "text", lines("just text")),
            new Case("empty brackets are not a header", "brackets", lines("[]", "a = 1")),
            new Case("byte order mark", "bom", "\ufeff[alembic]\nscript_location = x\n"),
            new Case("options without value", "no-value", lines("[s]", "a = 1", "novalue", "b = 2", "   ",
                    "= empty key", "[t]", "also bad")),
            new Case("duplicate wins over earlier bad line", "bad-then-dup", lines("[s]", "bad line", "a = 1",
                    "a = 2")),
            new Case("empty key twice", "empty-keys", lines("[s]", "= 1", ": 2")));

    private static final String TEMPLATES = String.join("\n",
            "import alembic, glob, json, os",
            "print(json.dumps(sorted(glob.glob(os.path.join(os.path.dirname(alembic.__file__),",
            "                                               'templates', '*', 'alembic.ini.mako')))))");

    @TempDir
    static Path root;
    /** {@link #CASES} and the alembic.ini templates of the installed Alembic. */
    private static final List<Case> allCases = new ArrayList<>(CASES);
    private static Map<String, Object> python;

    @BeforeAll
    static void runConfigparser() throws Exception {
        List<Object> templates = Json.array(Json.parse(Python.eval(root, TEMPLATES, List.of())));
        assertThat(templates).as("Alembic's alembic.ini templates").isNotEmpty();
        for (Object template : templates) {
            Path path = Path.of((String) template);
            allCases.add(new Case("Alembic template " + path.getParent().getFileName(),
                    "template-" + path.getParent().getFileName(), Files.readString(path)));
        }
        List<String> files = new ArrayList<>();
        for (Case c : allCases) {
            Path file = file(c);
            Files.createDirectories(file.getParent());
            Files.writeString(file, c.text(), StandardCharsets.UTF_8);
            files.add(file.toString());
        }
        python = Json.object(Json.parse(Python.eval(root, CONFIGPARSER, files)));
    }

    @TestFactory
    Stream<DynamicTest> agreesWithPythonConfigparser() {
        return allCases.stream().map(c -> dynamicTest(c.name(), () -> compare(file(c),
                Json.object(python.get(file(c).toString())))));
    }

    private static void compare(Path file, Map<String, Object> expected) {
        Map<String, String> defaults = Map.of("here", file.getParent().toString());
        if (expected.containsKey("error")) {
            assertThatThrownBy(() -> IniFile.read(file, defaults))
                    .isInstanceOfSatisfying(MigrabotException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION))
                    .hasMessageContaining((String) expected.get("error"));
            return;
        }
        IniFile ini = IniFile.read(file, defaults);
        Map<String, Object> sections = Json.object(expected.get("sections"));
        assertThat(ini.sections()).containsExactlyElementsOf(sections.keySet().stream().skip(1).toList());
        sections.forEach((section, optionsJson) -> {
            Map<String, Object> options = Json.object(optionsJson);
            assertThat(ini.options(section)).as("options of [%s]", section).containsExactlyElementsOf(options.keySet());
            long failing = options.values().stream().filter(o -> Json.object(o).containsKey("error")).count();
            assertThat(ini.interpolationProblems(section)).as("problems in [%s]", section).hasSize((int) failing);
            options.forEach((option, outcome) -> {
                Map<String, Object> result = Json.object(outcome);
                if (result.containsKey("error")) {
                    assertThatThrownBy(() -> ini.get(section, option)).as("[%s] %s", section, option)
                            .isInstanceOf(MigrabotException.class)
                            .hasMessageContaining((String) result.get("error"));
                } else {
                    assertThat(ini.get(section, option)).as("[%s] %s", section, option)
                            .contains((String) result.get("value"));
                }
            });
        });
    }

    private static Path file(Case c) {
        return root.resolve(c.directory()).resolve("alembic.ini");
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    /** c0 refers to c1, ..., c9 to c10: c1 resolves in 10 steps, c0 would need 11. */
    private static String depthChain() {
        List<String> lines = new ArrayList<>(List.of("[s]"));
        IntStream.range(0, 10).forEach(i -> lines.add("c" + i + " = %(c" + (i + 1) + ")s"));
        lines.add("c10 = end%%");
        return lines(lines.toArray(String[]::new));
    }
}
