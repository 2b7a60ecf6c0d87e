package io.migrabot.script;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlembicIniTest {

    @TempDir
    Path root;
    private Path project;
    private Path work;
    private Path iniFile;

    @BeforeEach
    void layout() throws IOException {
        project = Files.createDirectories(root.resolve("project"));
        work = Files.createDirectories(root.resolve("work"));
        iniFile = project.resolve("alembic.ini");
    }

    /** The ini as a script directory reads it, through {@link AlembicConfig} (no pyproject.toml beside it). */
    private AlembicConfig load(String... alembicSectionLines) throws IOException {
        Files.writeString(iniFile, "[alembic]\n" + String.join("\n", alembicSectionLines) + "\n");
        return AlembicConfig.load(List.of(iniFile), "alembic", work);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertConfigurationError(Runnable action) {
        return assertThatThrownBy(action::run).isInstanceOfSatisfying(MigrabotException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
    }

    @Test
    void aRelativeIniPathIsTakenFromTheWorkingDirectoryAndShownAbsolute() throws IOException {
        Files.writeString(iniFile, "[alembic]\nscript_location = %(here)s/alembic\n");

        AlembicIni ini = AlembicIni.load(Path.of("../project/./alembic.ini"), "alembic", work);

        assertThat(ini.iniFile()).isEqualTo(iniFile);
        assertThat(ini.section()).isEqualTo("alembic");
        assertThat(ini.scriptLocation()).isEqualTo(project.resolve("alembic"));
        assertThat(ini.ini().get("alembic", "here")).contains(project.toString());
    }

    @Test
    void aMissingFileIsNamedWithAlembicsWording() {
        assertConfigurationError(() -> AlembicIni.load(Path.of("alembic.ini"), "alembic", work))
                .hasMessage("No config file '" + work.resolve("alembic.ini") + "' found, or file has no '[alembic]' "
                        + "section: " + work.resolve("alembic.ini") + " does not exist. Give the path of your "
                        + "alembic.ini (a relative path is taken from " + work + ").");
    }

    @Test
    void anIniThatIsADirectoryIsUnreadable() {
        assertConfigurationError(() -> AlembicIni.load(project, "alembic", work))
                .hasMessageContaining("Cannot read " + project + ": it is a directory");
    }

    @Test
    void aMissingSectionUsesAlembicsWordingAndListsTheSections() throws IOException {
        Files.writeString(iniFile, "[Alembic]\nscript_location = x\n");

        assertConfigurationError(() -> AlembicIni.load(iniFile, "alembic", work))
                .hasMessage("No config file '" + iniFile + "' found, or file has no '[alembic]' section: " + iniFile
                        + " has sections [Alembic]. Add a [alembic] section with script_location, or use the section "
                        + "name Alembic is run with (alembic -n NAME); section names are case-sensitive.");
    }

    @Test
    void anotherSectionCanBeTheMainOne() throws IOException {
        Files.writeString(iniFile, "[alembic]\nscript_location = a\n[tenant]\nscript_location = b\n");

        assertThat(AlembicIni.load(iniFile, "tenant", work).scriptLocation()).isEqualTo(work.resolve("b"));
    }

    @Test
    void syntaxErrorsSurfaceWhenTheFileIsLoaded() throws IOException {
        Files.writeString(iniFile, "[alembic]\nscript_location = x\n[alembic]\n");

        assertConfigurationError(() -> AlembicIni.load(iniFile, "alembic", work))
                .hasMessageContaining("section 'alembic' already exists");
    }

    @Test
    void aRelativeScriptLocationResolvesAgainstTheWorkingDirectory() throws IOException {
        assertThat(load("script_location = ./db/../migrations").scriptLocation()).isEqualTo(work.resolve("migrations"));
    }

    @Test
    void aMissingScriptLocationUsesAlembicsWordingAndSaysWhatToAdd() throws IOException {
        AlembicConfig ini = load("sqlalchemy.url = postgresql://localhost/db");

        assertConfigurationError(ini::scriptLocation)
                .hasMessage(iniFile + ", section [alembic]: No 'script_location' key found in configuration. Add "
                        + "script_location = %(here)s/alembic (the directory holding env.py) to [alembic].");
    }

    @Test
    void anEmptyScriptLocationIsAnError() throws IOException {
        AlembicConfig ini = load("script_location =");

        assertConfigurationError(ini::scriptLocation)
                .hasMessageStartingWith(iniFile + ", line 2, section [alembic], option 'script_location': the value "
                        + "is empty.");
    }

    @Test
    void aPackageResourceWhosePackageIsNotInTheProjectAsksForAFilesystemPath() throws IOException {
        AlembicConfig ini = load("script_location = myapp:migrations");

        assertConfigurationError(ini::scriptLocation)
                .hasMessage(iniFile + ", line 2, section [alembic], option 'script_location': 'myapp:migrations' is "
                        + "a package resource (package:path): No module named 'myapp' on prepend_sys_path or in the "
                        + "working directory (" + work + "), and migrabot does not run Python to find installed "
                        + "packages. Run migrabot where the package is, or use a filesystem path instead, e.g. "
                        + "%(here)s/migrations.");
    }

    @Test
    void aPackageResourceIsFoundInThePackagesDirectory() throws IOException {
        Files.createDirectories(work.resolve("myapp/db/migrations"));
        Files.writeString(work.resolve("myapp/__init__.py"), "raise SystemExit('never run')\n");
        Files.createDirectories(work.resolve("myapp/db"));
        Files.writeString(work.resolve("myapp/db/__init__.py"), "");

        assertThat(load("script_location = myapp.db:migrations").scriptLocation())
                .isEqualTo(work.resolve("myapp/db/migrations"));
    }

    @Test
    void anInterpolationErrorInScriptLocationNamesTheOption() throws IOException {
        AlembicConfig ini = load("script_location = %(here)s/50%");

        assertConfigurationError(ini::scriptLocation)
                .hasMessageContaining("option 'script_location': '%' must be followed by '%' or '(', found: '%'");
    }

    @Test
    void withoutVersionLocationsTheVersionsDirectoryOfTheScriptLocationIsUsed() throws IOException {
        AlembicConfig ini = load("script_location = %(here)s/alembic", "version_path_separator = bogus");

        assertThat(ini.versionLocationsConfigured()).isFalse();
        assertThat(ini.versionLocations()).containsExactly(project.resolve("alembic/versions"));
    }

    @Test
    void anEmptyVersionLocationsCountsAsUnset() throws IOException {
        AlembicConfig ini = load("script_location = s", "version_locations =");

        assertThat(ini.versionLocationsConfigured()).isFalse();
        assertThat(ini.versionLocations()).containsExactly(work.resolve("s/versions"));
    }

    @Test
    void withoutASeparatorVersionLocationsSplitOnCommasAndSpaces() throws IOException {
        AlembicConfig ini = load("version_locations = a, b  %(here)s/c,d");

        assertThat(ini.versionLocationsConfigured()).isTrue();
        assertThat(ini.versionLocations()).containsExactly(work.resolve("a"), work.resolve("b"),
                project.resolve("c"), work.resolve("d"));
    }

    @Test
    void theLegacySplitKeepsEmptyEntriesWhichMeanTheWorkingDirectory() throws IOException {
        assertThat(load("version_locations = a,").versionLocations()).containsExactly(work.resolve("a"), work);
    }

    @Test
    void theSpaceSeparatorDropsEmptyEntries() throws IOException {
        AlembicConfig ini = load("version_path_separator = space", "version_locations = a  b,c");

        assertThat(ini.versionLocations()).containsExactly(work.resolve("a"), work.resolve("b,c"));
    }

    @Test
    void theOsSeparatorIsThePlatformPathSeparator() throws IOException {
        AlembicConfig ini = load("version_path_separator = os",
                "version_locations = a" + File.pathSeparator + File.pathSeparator + "b");

        assertThat(ini.versionLocations()).containsExactly(work.resolve("a"), work.resolve("b"));
    }

    @Test
    void colonAndSemicolonSeparatorsAreLiteralAndKeepSpaces() throws IOException {
        assertThat(load("version_path_separator = :", "version_locations = a:b c").versionLocations())
                .containsExactly(work.resolve("a"), work.resolve("b c"));
        assertThat(load("version_path_separator = ;", "version_locations = a; b").versionLocations())
                .containsExactly(work.resolve("a"), work.resolve(" b"));
    }

    @Test
    void versionLocationsOfOnlySeparatorsFallBackToTheVersionsDirectory() throws IOException {
        AlembicConfig ini = load("script_location = s", "version_path_separator = ;", "version_locations = ;;");

        assertThat(ini.versionLocationsConfigured()).isFalse();
        assertThat(ini.versionLocations()).containsExactly(work.resolve("s/versions"));
    }

    @Test
    void versionLocationsAreNormalizedWithoutResolvingSymlinks() throws IOException {
        Path target = Files.createDirectories(root.resolve("target"));
        Files.createSymbolicLink(work.resolve("link"), target);

        assertThat(load("version_locations = link/../x/./y").versionLocations())
                .containsExactly(work.resolve("x/y"));
    }

    @Test
    void anInvalidSeparatorUsesAlembicsWording() throws IOException {
        AlembicConfig ini = load("version_path_separator = comma", "version_locations = a,b");

        assertConfigurationError(ini::versionLocations)
                .hasMessage(iniFile + ", line 2, section [alembic], option 'version_path_separator': 'comma' is not a "
                        + "valid value for version_path_separator; expected 'space', 'os', ':', ';'. Use one of "
                        + "those, e.g. version_path_separator = os, or remove the line for the legacy split on "
                        + "spaces and commas.");
    }

    @Test
    void aPackageResourceVersionLocationIsRejected() throws IOException {
        AlembicConfig ini = load("version_locations = myapp:versions");

        assertConfigurationError(ini::versionLocations)
                .hasMessageContaining("option 'version_locations': 'myapp:versions' is a package resource");
    }

    @Test
    void recursiveVersionLocationsIsTrueOnlyForTheExactValueTrue() throws IOException {
        assertThat(load("recursive_version_locations = true").recursiveVersionLocations()).isTrue();
        assertThat(load("recursive_version_locations = True").recursiveVersionLocations()).isFalse();
        assertThat(load("recursive_version_locations = yes").recursiveVersionLocations()).isFalse();
        assertThat(load("script_location = x").recursiveVersionLocations()).isFalse();
    }

    @Test
    void sourcelessIsTrueOnlyForTheExactValueTrue() throws IOException {
        assertThat(load("sourceless = true").sourceless()).isTrue();
        assertThat(load("sourceless = 1").sourceless()).isFalse();
        assertThat(load("script_location = x").sourceless()).isFalse();
    }
}
