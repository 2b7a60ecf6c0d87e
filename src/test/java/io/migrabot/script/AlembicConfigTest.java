package io.migrabot.script;

import io.migrabot.MigrabotException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Alembic 1.16's configuration rules (alembic/config.py: {@code _inis_from_config}, {@code get_alembic_option},
 * {@code _get_toml_config_value}, {@code get_version_locations_list}, {@code get_prepend_sys_paths_list},
 * {@code _get_file_separator_char}), written as fixtures since the Alembic installed here is 1.8.
 */
class AlembicConfigTest {
    @TempDir
    Path dir;

    private AlembicConfig load(String... files) {
        return AlembicConfig.load(Arrays.stream(files).map(Path::of).toList(), "alembic", dir);
    }

    private void write(String file, String text) {
        try {
            Files.writeString(dir.resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void pyprojectListsAndHereAreReadWithoutAnIni() {
        write("pyproject.toml", """
                [tool.alembic]
                script_location = "%(here)s/migrations"
                version_locations = ["%(here)s/a", "b", "100%%"]
                prepend_sys_path = ["."]
                recursive_version_locations = true
                """);
        AlembicConfig config = load();
        assertThat(config.ini()).isEmpty();
        assertThat(config.scriptLocation()).isEqualTo(dir.resolve("migrations"));
        assertThat(config.versionLocations()).containsExactly(dir.resolve("a"), dir.resolve("b"), dir.resolve("100%"));
        assertThat(config.prependSysPath()).containsExactly(dir);
        assertThat(config.recursiveVersionLocations()).isTrue();
        assertThat(config.sourceless()).isFalse();
    }

    @Test
    void theIniWinsForWhatItSetsAndThePyprojectGivesTheRest() {
        write("pyproject.toml", "[tool.alembic]\nscript_location = \"%(here)s/from_toml\"\nsourceless = true\n"
                + "version_locations = [\"t\"]\n");
        write("alembic.ini", "[alembic]\nscript_location = %(here)s/from_ini\nversion_locations =\n");
        AlembicConfig config = load("alembic.ini", "pyproject.toml");
        assertThat(config.scriptLocation()).isEqualTo(dir.resolve("from_ini"));
        assertThat(config.sourceless()).isTrue();
        assertThat(config.versionLocations()).as("an empty ini value falls through").containsExactly(dir.resolve("t"));
        assertThat(load().scriptLocation()).as("both found in the working directory").isEqualTo(dir.resolve("from_ini"));
    }

    @Test
    void anIniWithOnlyRuntimeSettingsLeavesTheSourceSettingsToThePyproject() {
        write("pyproject.toml", "[tool.alembic]\nscript_location = \"migrations\"\n");
        write("alembic.ini", "[loggers]\nkeys = root\n");
        assertThat(load().scriptLocation()).isEqualTo(dir.resolve("migrations"));
    }

    @Test
    void pathSeparatorSplitsAndStripsAndSupersedesVersionPathSeparator() {
        write("alembic.ini", "[alembic]\nscript_location = s\npath_separator = newline\nversion_path_separator = ;\n"
                + "version_locations =\n  a\n  b ; c\nprepend_sys_path = x\n  y\n");
        AlembicConfig config = load();
        assertThat(config.versionLocations()).containsExactly(dir.resolve("a"), dir.resolve("b ; c"));
        assertThat(config.prependSysPath()).containsExactly(dir.resolve("x"), dir.resolve("y"));
        write("alembic.ini", "[alembic]\nscript_location = s\npath_separator = os\nversion_locations = a"
                + File.pathSeparator + " b\nprepend_sys_path = p" + File.pathSeparator + "q\n");
        assertThat(load().versionLocations()).containsExactly(dir.resolve("a"), dir.resolve("b"));
        assertThat(load().prependSysPath()).containsExactly(dir.resolve("p"), dir.resolve("q"));
    }

    @Test
    void prependSysPathWithoutASeparatorSplitsOnSpacesCommasAndColons() {
        write("alembic.ini", "[alembic]\nscript_location = s\nprepend_sys_path = a, b c:d\n");
        assertThat(load().prependSysPath()).containsExactly(dir.resolve("a"), dir.resolve("b"), dir.resolve("c"),
                dir.resolve("d"));
    }

    @Test
    void anInvalidPathSeparatorIsNamedInAlembic116Words() {
        write("alembic.ini", "[alembic]\nscript_location = s\npath_separator = comma\nversion_locations = a,b\n");
        assertThatThrownBy(() -> load().versionLocations()).isInstanceOf(MigrabotException.class)
                .hasMessageContaining("option 'path_separator': 'comma' is not a valid value for path_separator; "
                        + "expected 'space', 'newline', 'os', ':', ';'.");
    }

    @Test
    void aPyprojectWithoutToolAlembicIsOneLine() {
        write("pyproject.toml", "[project]\nname = \"x\"\n");
        assertThatThrownBy(() -> load("pyproject.toml")).isInstanceOf(MigrabotException.class)
                .hasMessage(dir.resolve("pyproject.toml") + " has no [tool.alembic] table: No 'script_location' "
                        + "key found in configuration. Add [tool.alembic] with script_location = "
                        + "\"%(here)s/migrations\" (the directory holding env.py)");
        assertThatThrownBy(this::load).isInstanceOf(MigrabotException.class).hasMessageStartingWith(
                dir.resolve("pyproject.toml") + " has no [tool.alembic] table, and there is no "
                        + dir.resolve("alembic.ini") + ": No 'script_location' key found in configuration.");
    }

    @Test
    void aMalformedTomlFileIsOneLineWithItsLine() {
        write("pyproject.toml", "[tool.alembic]\nscript_location = \"migrations\"\nversion_locations = [\"a\"\n");
        assertThatThrownBy(this::load).isInstanceOf(MigrabotException.class)
                .hasMessageStartingWith(dir.resolve("pyproject.toml") + ":")
                .hasMessageContaining(": not valid TOML: ")
                .hasMessageEndingWith(". Fix the file (Alembic cannot read it either).")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void wrongTomlTypesAreRefusedWithTheFix() {
        write("pyproject.toml", "[tool.alembic]\nscript_location = \"m\"\nversion_locations = \"a\"\n"
                + "sourceless = \"true\"\n");
        AlembicConfig config = load();
        assertThatThrownBy(config::versionLocations).hasMessageContaining("[tool.alembic] version_locations: "
                + "expected a list of strings, e.g. version_locations = [\"%(here)s/path\"] (Alembic would take "
                + "each character of a string as a path of its own).");
        assertThatThrownBy(config::sourceless).hasMessageContaining("boolean value expected for TOML parameter "
                + "'sourceless'");
        write("pyproject.toml", "[tool]\nalembic = 3\n");
        assertThatThrownBy(this::load).hasMessageContaining("tool.alembic is not a table");
        write("pyproject.toml", "[tool.alembic]\nscript_location = \"%(root)s/m\"\n");
        assertThatThrownBy(() -> load().scriptLocation()).hasMessageContaining("refers to %(root)s; only %(here)s "
                + "is known");
    }

    @Test
    void cTakesOneIniAndOnePyproject() {
        assertThatThrownBy(() -> load("a.ini", "b.ini")).hasMessage("only one ini file may be indicated");
        assertThatThrownBy(() -> load("pyproject.toml", "x/pyproject.toml"))
                .hasMessage("pyproject.toml indicated more than once");
        assertThatThrownBy(() -> load("pyproject.toml")).hasMessageContaining("pyproject.toml does not exist");
        assertThatThrownBy(() -> AlembicConfig.load(List.of(), "alembic", dir))
                .hasMessageContaining("No config file").hasMessageContaining("alembic.ini");
    }
}
