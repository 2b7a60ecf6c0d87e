package io.migrabot.script;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IniFileTest {

    private static final String SOURCE = "/project/alembic.ini";

    @TempDir
    Path dir;

    private static IniFile ini(String... lines) {
        return IniFile.parse(String.join("\n", lines) + "\n", SOURCE, Map.of("here", "/project"));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertConfigurationError(Runnable action) {
        return assertThatThrownBy(action::run).isInstanceOfSatisfying(MigrabotException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION));
    }

    @Test
    void sectionNamesAreCaseSensitiveAndOptionNamesAreLowercased() {
        IniFile ini = ini("[Alembic]", "Script_Location = x", "[alembic]", "SCRIPT_LOCATION = y");

        assertThat(ini.sections()).containsExactly("Alembic", "alembic");
        assertThat(ini.get("Alembic", "script_location")).contains("x");
        assertThat(ini.get("alembic", "Script_Location")).contains("y");
        assertThat(ini.options("alembic")).containsExactly("script_location", "here");
    }

    @Test
    void everySectionInheritsTheDefaultSectionButHasSectionIgnoresIt() {
        IniFile ini = ini("[DEFAULT]", "shared = d", "only = d", "[s]", "shared = s");

        assertThat(ini.get("s", "shared")).contains("s");
        assertThat(ini.get("s", "only")).contains("d");
        assertThat(ini.get(IniFile.DEFAULT_SECTION, "shared")).contains("d");
        assertThat(ini.hasSection(IniFile.DEFAULT_SECTION)).isFalse();
        assertThat(ini.options("s")).containsExactly("shared", "here", "only");
        assertThat(ini.options(IniFile.DEFAULT_SECTION)).containsExactly("here", "shared", "only");
    }

    @Test
    void theFilesDefaultSectionCanOverrideTheGivenDefaults() {
        IniFile ini = ini("[DEFAULT]", "here = /elsewhere", "[s]", "loc = %(here)s/m");

        assertThat(ini.get("s", "loc")).contains("/elsewhere/m");
    }

    @Test
    void theFirstEqualsOrColonSeparatesKeyFromValue() {
        IniFile ini = ini("[s]", "a:b = c", "url = postgresql://u:p@h/db", "k : v", "empty =");

        assertThat(ini.get("s", "a")).contains("b = c");
        assertThat(ini.get("s", "url")).contains("postgresql://u:p@h/db");
        assertThat(ini.get("s", "k")).contains("v");
        assertThat(ini.get("s", "empty")).contains("");
    }

    @Test
    void whitespaceAroundKeysAndValuesIsStrippedAsPythonDefinesIt() {
        IniFile ini = ini("[s]", "  spaced key \t=  spaced value\t ", "\u00a0nbsp\u00a0=\u00a0v\u00a0");

        assertThat(ini.get("s", "spaced key")).contains("spaced value");
        assertThat(ini.get("s", "nbsp")).contains("v");
    }

    @Test
    void fullLineCommentsAreSkippedWhereverTheyAreIndented() {
        IniFile ini = ini("# top", "  ; indented", "[s]", "a = 1", "  # inside the value", "  more", "\t; last");

        assertThat(ini.get("s", "a")).contains("1\nmore");
    }

    @Test
    void inlineCommentMarkersStayInTheValue() {
        IniFile ini = ini("[s]", "version_path_separator = os  # Use os.pathsep.", "b = x ; y");

        assertThat(ini.get("s", "version_path_separator")).contains("os  # Use os.pathsep.");
        assertThat(ini.get("s", "b")).contains("x ; y");
    }

    @Test
    void deeperIndentedLinesContinueTheValueEvenWhenTheyLookLikeOptionsOrHeaders() {
        IniFile ini = ini("[s]", "locations =", "    a", "    b = c", "    [d]", "next = 1");

        assertThat(ini.get("s", "locations")).contains("\na\nb = c\n[d]");
        assertThat(ini.options("s")).containsExactly("locations", "next", "here");
    }

    @Test
    void emptyLinesInsideAValueAreKeptAndTrailingOnesDropped() {
        IniFile ini = ini("[s]", "a = first", "", "   ", "  second", "", "", "b = 2");

        assertThat(ini.get("s", "a")).contains("first\n\n\nsecond");
    }

    @Test
    void lineEndingsAreUniversal() {
        IniFile ini = IniFile.parse("[s]\r\na = 1\r\n  cont\rb = 2", SOURCE, Map.of());

        assertThat(ini.get("s", "a")).contains("1\ncont");
        assertThat(ini.get("s", "b")).contains("2");
    }

    @Test
    void rawAndLineShowTheValueAsWrittenAndWhereItStarts() {
        IniFile ini = ini("[s]", "", "num = %%04d");

        assertThat(ini.raw("s", "num")).contains("%%04d");
        assertThat(ini.get("s", "num")).contains("%04d");
        assertThat(ini.line("s", "num")).hasValue(3);
        assertThat(ini.line("s", "here")).isEmpty();
        assertThat(ini.hasOption("s", "NUM")).isTrue();
        assertThat(ini.get("s", "absent")).isEmpty();
    }

    @Test
    void optionWithoutValueIsAParsingErrorListingEveryBadLine() {
        assertConfigurationError(() -> ini("[s]", "a = 1", "novalue", "b = 2", "also bad"))
                .hasMessageStartingWith(SOURCE + ", line 3: Source contains parsing errors: '" + SOURCE + "'")
                .hasMessageContaining("\n\t[line  3]: 'novalue\\n'\n\t[line  5]: 'also bad\\n'")
                .hasMessageContaining("does not accept an option without a value");
    }

    @Test
    void duplicateSectionNamesTheLineAndSuggestsMerging() {
        assertConfigurationError(() -> ini("[alembic]", "a = 1", "[alembic]"))
                .hasMessage(SOURCE + ", line 3: While reading from '" + SOURCE + "' [line  3]: section 'alembic' "
                        + "already exists. Merge the two [alembic] sections into one; configparser, which Alembic "
                        + "uses, rejects a section that appears twice in a file.");
    }

    @Test
    void duplicateOptionIsDetectedWhateverItsCase() {
        assertConfigurationError(() -> ini("[s]", "a = 1", "A = 2"))
                .hasMessageContaining("While reading from '" + SOURCE + "' [line  3]: option 'a' in section 's' "
                        + "already exists")
                .hasMessageContaining("Remove one of the two 'a' lines in [s]");
    }

    @Test
    void anOptionBeforeAnySectionIsAMissingSectionHeaderError() {
        assertConfigurationError(() -> ini("# comment", "script_location = x"))
                .hasMessage(SOURCE + ", line 2: File contains no section headers.\nfile: '" + SOURCE + "', line: 2\n"
                        + "'script_location = x\\n'. Put a section header such as [alembic] before the first option.");
    }

    @Test
    void aByteOrderMarkHidesTheFirstHeaderAndTheAdviceSaysSo() {
        assertConfigurationError(() -> ini("\ufeff[alembic]"))
                .hasMessageContaining("'\\ufeff[alembic]\\n'")
                .hasMessageContaining("save it as UTF-8 without BOM");
    }

    @Test
    void percentWithoutEscapeNamesOptionAndSuggestsDoublePercent() {
        IniFile ini = ini("[alembic]", "script_location = x", "version_num_format = %04d");

        assertConfigurationError(() -> ini.get("alembic", "version_num_format"))
                .hasMessage(SOURCE + ", line 3, section [alembic], option 'version_num_format': '%' must be followed "
                        + "by '%' or '(', found: '%04d'. Write %% for a literal percent sign, e.g. %%04d.");
    }

    @Test
    void theSuggestedEscapeDoublesOnlyStrayPercentSigns() {
        IniFile ini = ini("[s]", "datefmt = %H:%M:%%S %(here)s", "trail = 50%");

        assertConfigurationError(() -> ini.get("s", "datefmt")).hasMessageEndingWith("e.g. %%H:%%M:%%S.");
        assertConfigurationError(() -> ini.get("s", "trail"))
                .hasMessageContaining("found: '%'. Write %% for a literal percent sign, e.g. %%.");
    }

    @Test
    void doublePercentIsALiteralPercentAndHereIsTheGivenDirectory() {
        IniFile ini = ini("[s]", "a = 100%% of %(here)s", "b = %%(here)s");

        assertThat(ini.get("s", "a")).contains("100% of /project");
        assertThat(ini.get("s", "b")).contains("%(here)s");
    }

    @Test
    void referencesLookInTheSectionThenDefaultIgnoringCase() {
        IniFile ini = ini("[DEFAULT]", "base = /db", "[s]", "name = app", "path = %(BASE)s/%(Name)s");

        assertThat(ini.get("s", "path")).contains("/db/app");
    }

    @Test
    void aSubstitutedValueIsInterpolatedAgainOnlyWhenItContainsPercent() {
        IniFile ini = ini("[s]", "pct = 100%%", "ref = %(pct)s done", "nested = %(ref)s!");

        assertThat(ini.get("s", "nested")).contains("100% done!");
    }

    @Test
    void missingReferenceQuotesConfigparserAndNamesTheKey() {
        IniFile ini = ini("[s]", "url = %(DB_HOST)s/x");

        assertConfigurationError(() -> ini.get("s", "url"))
                .hasMessage(SOURCE + ", line 2, section [s], option 'url': Bad value substitution: option 'url' in "
                        + "section 's' contains an interpolation key 'db_host' which is not a valid option name. "
                        + "Raw value: '%(DB_HOST)s/x'. Define 'db_host' in [s] or [DEFAULT], or write %% for a "
                        + "literal percent sign.");
    }

    @Test
    void malformedReferenceIsABadInterpolationVariableReference() {
        IniFile ini = ini("[formatter_generic]", "format = %(levelname)-5.5s");

        assertConfigurationError(() -> ini.get("formatter_generic", "format"))
                .hasMessageContaining("bad interpolation variable reference '%(levelname)-5.5s'")
                .hasMessageContaining("Write a reference as %(name)s");
    }

    @Test
    void referencesDeeperThanTenLevelsHitTheRecursionLimit() {
        IniFile ini = ini("[s]", "c0 = %(c1)s", "c1 = %(c2)s", "c2 = %(c3)s", "c3 = %(c4)s", "c4 = %(c5)s",
                "c5 = %(c6)s", "c6 = %(c7)s", "c7 = %(c8)s", "c8 = %(c9)s", "c9 = %(c10)s", "c10 = end%%");

        assertThat(ini.get("s", "c1")).contains("end%");
        assertConfigurationError(() -> ini.get("s", "c0"))
                .hasMessageContaining("Recursion limit exceeded in value substitution: option 'c0' in section 's' "
                        + "contains an interpolation key which cannot be substituted in 10 steps. Raw value: "
                        + "'%(c1)s'");
    }

    @Test
    void selfReferenceIsALoop() {
        IniFile ini = ini("[s]", "a = %(b)s", "b = %(a)s");

        assertConfigurationError(() -> ini.get("s", "a")).hasMessageContaining("refer to each other in a loop");
    }

    @Test
    void interpolationFailsOnlyWhenTheBrokenOptionIsRead() {
        IniFile ini = ini("[alembic]", "script_location = %(here)s/alembic", "version_num_format = %04d");

        assertThat(ini.get("alembic", "script_location")).contains("/project/alembic");
    }

    @Test
    void interpolationProblemsListsEveryBrokenOptionIncludingInheritedOnes() {
        IniFile ini = ini("[DEFAULT]", "inherited = %(nope)s", "[alembic]", "fine = %(here)s",
                "version_num_format = %04d", "[other]", "x = 5%");

        assertThat(ini.interpolationProblems("alembic")).containsExactly(
                SOURCE + ", line 5, section [alembic], option 'version_num_format': '%' must be followed by '%' or "
                        + "'(', found: '%04d'. Write %% for a literal percent sign, e.g. %%04d.",
                SOURCE + ", line 2, section [alembic] (from [DEFAULT]), option 'inherited': Bad value substitution: "
                        + "option 'inherited' in section 'alembic' contains an interpolation key 'nope' which is not "
                        + "a valid option name. Raw value: '%(nope)s'. Define 'nope' in [alembic] or [DEFAULT], or "
                        + "write %% for a literal percent sign.");
    }

    @Test
    void interpolationProblemsIsEmptyForACleanSection() {
        assertThat(ini("[alembic]", "a = %%04d", "b = %(a)s").interpolationProblems("alembic")).isEmpty();
    }

    @Test
    void anUnknownSectionIsAConfigurationErrorListingTheSections() {
        IniFile ini = ini("[alembic]", "a = 1");

        assertConfigurationError(() -> ini.get("Alembic", "a"))
                .hasMessage(SOURCE + ": No section: 'Alembic'. Section names are case-sensitive; the file has "
                        + "[alembic].");
        assertConfigurationError(() -> ini.interpolationProblems("nope")).hasMessageContaining("No section: 'nope'");
    }

    @Test
    void messagesQuoteLikePython() {
        assertConfigurationError(() -> ini("[it's]", "[it's]"))
                .hasMessageContaining("section \"it's\" already exists");
    }

    @Test
    void readNamesTheAbsolutePathOfAMissingFile() {
        Path missing = dir.resolve("sub/../nope.ini");

        assertConfigurationError(() -> IniFile.read(missing, Map.of()))
                .hasMessage("Cannot read " + dir.resolve("nope.ini") + ": no such file. Check the path.");
    }

    @Test
    void readRejectsADirectory() {
        assertConfigurationError(() -> IniFile.read(dir, Map.of()))
                .hasMessage("Cannot read " + dir + ": it is a directory. Point migrabot at the ini file itself.");
    }

    @Test
    void readRejectsTextThatIsNotUtf8() throws Exception {
        Path file = Files.write(dir.resolve("latin1.ini"), new byte[]{'[', 's', ']', '\n', 'a', '=', (byte) 0xe9});

        assertConfigurationError(() -> IniFile.read(file, Map.of()))
                .hasMessage("Cannot read " + file + ": it is not valid UTF-8 text. Save it as UTF-8.");
    }

    @Test
    void readUsesTheNormalizedAbsolutePathAsSource() throws Exception {
        Files.writeString(dir.resolve("alembic.ini"), "[s]\na = 1\n");

        IniFile ini = IniFile.read(dir.resolve("x/../alembic.ini"), Map.of());

        assertThat(ini.source()).isEqualTo(dir.resolve("alembic.ini").toString());
        assertThat(ini.get("s", "a")).contains("1");
    }
}
