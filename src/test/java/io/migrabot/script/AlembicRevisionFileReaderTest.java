package io.migrabot.script;

import io.migrabot.revision.Problem;
import io.migrabot.revision.ProblemKind;
import io.migrabot.revision.Revision;
import io.migrabot.script.AlembicRevisionFileReader.ReadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.migrabot.script.RevisionFiles.kinds;
import static io.migrabot.script.RevisionFiles.ok;
import static io.migrabot.script.RevisionFiles.problems;
import static io.migrabot.script.RevisionFiles.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alembic's reading of a revision module, and the problems reported instead of Alembic's exceptions. */
class AlembicRevisionFileReaderTest {

    private static final String FILE = "versions/1975ea83b712_add_account.py";

    private static final String TEMPLATE = String.join("\n",
            "\"\"\"add account table",
            "",
            "Revision ID: 1975ea83b712",
            "Revises: 3c4ff4c5a8b1",
            "Create Date: 2023-01-05 10:00:00.123456",
            "",
            "\"\"\"",
            "from typing import Sequence, Union",
            "",
            "from alembic import op",
            "import sqlalchemy as sa",
            "",
            "",
            "# revision identifiers, used by Alembic.",
            "revision: str = '1975ea83b712'",
            "down_revision: Union[str, None] = '3c4ff4c5a8b1'",
            "branch_labels: Union[str, Sequence[str], None] = None",
            "depends_on: Union[str, Sequence[str], None] = None",
            "",
            "",
            "def upgrade() -> None:",
            "    op.create_table('account', sa.Column('id', sa.Integer, primary_key=True))",
            "",
            "",
            "def downgrade() -> None:",
            "    op.drop_table('account')",
            "");

    @Test
    void alembicTemplateFileIsReadCompletely() {
        Revision revision = revision(FILE, TEMPLATE);
        assertThat(revision).isEqualTo(new Revision("1975ea83b712", List.of("3c4ff4c5a8b1"), List.of(), List.of(),
                "add account table\n\nRevision ID: 1975ea83b712\nRevises: 3c4ff4c5a8b1\n"
                        + "Create Date: 2023-01-05 10:00:00.123456", FILE));
        assertThat(revision.doc()).isEqualTo("add account table");
        assertThat(AlembicRevisionFileReader.createDate(revision.longDoc())).isEqualTo("2023-01-05 10:00:00.123456");
    }

    @Test
    void pathIsThePathTheCallerGave() {
        assertThat(revision("/srv/app/alembic/versions/x.py", ok("a", "None")).path())
                .isEqualTo("/srv/app/alembic/versions/x.py");
    }

    @Test
    void missingRevisionFallsBackToAHexFileName() {
        assertThat(revision("versions/ae1027a6acf.py", "down_revision = None\n").id()).isEqualTo("ae1027a6acf");
    }

    @Test
    void missingRevisionWithADescriptiveFileNameIsReportedInAlembicsWords() {
        assertThat(problems(FILE, "down_revision = None\n")).containsExactly(new Problem(ProblemKind.MISSING_REVISION,
                FILE, "Could not determine revision id from filename 1975ea83b712_add_account.py. Be sure the "
                        + "'revision' variable is declared inside the script (please see 'Upgrading from Alembic 0.1 "
                        + "to 0.2' in the documentation)."));
    }

    @Test
    void revisionAssignedFromAnotherModuleLevelNameTakesItsValue() {
        String source = "REV_ID = 'a'\nPARENT = REV_ID\n\n\n\n\nrevision = PARENT\ndown_revision = None\n";
        assertThat(revision("versions/file.py", source).id()).isEqualTo("a");
    }

    @Test
    void revisionThatIsNotALiteralNamesTheLineAndTheSource() {
        String source = "\n\n\n\n\n\nrevision = REV_ID\ndown_revision = None\n";
        assertThat(problems("versions/file.py", source)).containsExactly(
                new Problem(ProblemKind.UNRESOLVED_NAME, "versions/file.py:7", "revision = REV_ID: name 'REV_ID' is "
                        + "not assigned at module level in versions/file.py"));
        assertThat(problems("versions/file.py", "revision = uuid4().hex\ndown_revision = None\n")).containsExactly(
                new Problem(ProblemKind.NOT_A_LITERAL, "versions/file.py:1", "revision = uuid4().hex is not a literal"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"None", "('a',)", "['a']"})
    void revisionThatIsNotAStringIsABadValue(String value) {
        assertThat(problems(FILE, "revision = " + value + "\ndown_revision = None\n")).singleElement()
                .satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(ProblemKind.BAD_VALUE);
                    assertThat(p.location()).isEqualTo(FILE + ":1");
                    assertThat(p.message()).endsWith("is not a string");
                });
    }

    @Test
    void missingDownRevisionIsReportedLikeAlembicsAttributeError() {
        assertThat(problems(FILE, "revision = 'a'\n")).containsExactly(new Problem(ProblemKind.MISSING_DOWN_REVISION,
                FILE, "module '1975ea83b712_add_account_py' has no attribute 'down_revision'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"None", "''", "()", "[]", "\"\"\"\"\"\""})
    void emptyDownRevisionMeansBase(String value) {
        Revision revision = revision(FILE, ok("a", value));
        assertThat(revision.downRevisions()).isEmpty();
        assertThat(revision.isBase()).isTrue();
    }

    @Test
    void stringDownRevisionIsOneParent() {
        assertThat(revision(FILE, ok("b", "'a'")).downRevisions()).containsExactly("a");
    }

    @Test
    void typeAnnotatedTupleDownRevisionIsReadAsTwoParents() {
        Revision revision = revision(FILE,
                "revision: str = 'c'\ndown_revision: Union[str, Sequence[str], None] = ('a', 'b')\n");
        assertThat(revision.downRevisions()).containsExactly("a", "b");
        assertThat(revision.isMergePoint()).isTrue();
    }

    @Test
    void listAndBareTupleDownRevisionsKeepTheirOrder() {
        assertThat(revision(FILE, ok("c", "['b', 'a']")).downRevisions()).containsExactly("b", "a");
        assertThat(revision(FILE, ok("c", "'b', 'a'")).downRevisions()).containsExactly("b", "a");
        assertThat(revision(FILE, ok("c", "('b',)")).downRevisions()).containsExactly("b");
    }

    @Test
    void aTupleHoldingAnEmptyIdKeepsItAsAlembicDoes() {
        assertThat(revision(FILE, ok("c", "('',)")).downRevisions()).containsExactly("");
    }

    @Test
    void downRevisionSetIsABadValue() {
        assertThat(problems(FILE, ok("c", "{'a', 'b'}"))).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ProblemKind.BAD_VALUE);
            assertThat(p.message()).startsWith("down_revision = {'a', 'b'} is a set");
        });
    }

    @Test
    void downRevisionElementsMustBeStrings() {
        assertThat(problems(FILE, ok("c", "('a', None)"))).containsExactly(new Problem(ProblemKind.BAD_VALUE,
                FILE + ":2", "down_revision = ('a', None) holds None, which is not a string"));
        assertThat(problems(FILE, ok("c", "('a', PARENT)"))).containsExactly(new Problem(ProblemKind.UNRESOLVED_NAME,
                FILE + ":2", "down_revision = ('a', PARENT): name 'PARENT' is not assigned at module level in "
                + FILE));
    }

    @Test
    void branchLabelsAndDependsOnAreOptional() {
        Revision revision = revision(FILE, ok("a", "None"));
        assertThat(revision.branchLabels()).isEmpty();
        assertThat(revision.dependsOn()).isEmpty();
    }

    @Test
    void branchLabelsAndDependsOnTakeAStringATupleAListOrASet() {
        assertThat(revision(FILE, ok("a", "None") + "branch_labels = 'x'\ndepends_on = 'd'\n"))
                .extracting(Revision::branchLabels, Revision::dependsOn)
                .containsExactly(List.of("x"), List.of("d"));
        assertThat(revision(FILE, ok("a", "None") + "branch_labels = ('x', 'y')\ndepends_on = ['d', 'e']\n"))
                .extracting(Revision::branchLabels, Revision::dependsOn)
                .containsExactly(List.of("x", "y"), List.of("d", "e"));
        assertThat(revision(FILE, ok("a", "None") + "branch_labels = {'x', 'x'}\ndepends_on = {'d'}\n"))
                .extracting(Revision::branchLabels, Revision::dependsOn)
                .containsExactly(List.of("x"), List.of("d"));
    }

    @Test
    void aLoneEmptyDependencyIsNoDependencyAsInAlembic() {
        assertThat(revision(FILE, ok("a", "None") + "depends_on = ''\n").dependsOn()).isEmpty();
        assertThat(revision(FILE, ok("a", "None") + "depends_on = ('',)\n").dependsOn()).isEmpty();
    }

    @Test
    void branchLabelsThatCannotBeDeterminedAreLeftOutWithAWarningAndTheRevisionKept() {
        AlembicRevisionFileReader.ReadResult result = RevisionFiles.read(FILE, ok("a", "None")
                + "branch_labels = ('known', LABEL, label())\ndepends_on = DEPENDENCY\n");
        assertThat(result.problems()).isEmpty();
        assertThat(result.revision().orElseThrow().branchLabels()).containsExactly("known");
        assertThat(result.revision().orElseThrow().dependsOn()).isEmpty();
        assertThat(result.warnings()).containsExactly(
                new Problem(ProblemKind.UNKNOWN_BRANCH_LABELS, FILE + ":3", "branch_labels = ('known', LABEL, "
                        + "label()): name 'LABEL' is not assigned at module level in " + FILE),
                new Problem(ProblemKind.UNKNOWN_BRANCH_LABELS, FILE + ":3", "branch_labels = ('known', LABEL, "
                        + "label()): label() is not a literal"),
                new Problem(ProblemKind.UNKNOWN_DEPENDENCIES, FILE + ":4", "depends_on = DEPENDENCY: name "
                        + "'DEPENDENCY' is not assigned at module level in " + FILE));
    }

    @Test
    void allProblemsOfAFileAreReportedTogether() {
        assertThat(kinds(FILE, "revision = make_id()\nbranch_labels = (None,)\n")).containsExactly(
                ProblemKind.NOT_A_LITERAL, ProblemKind.MISSING_DOWN_REVISION, ProblemKind.BAD_VALUE);
    }

    @Test
    void idsAndParentsTheGraphRefusesAreReadAsWrittenForTheGraphToReport() {
        Revision r = revision(FILE, ok("a-b", "'a-b'") + "depends_on = 'a-b'\n");
        assertThat(r.id()).isEqualTo("a-b");
        assertThat(r.downRevisions()).containsExactly("a-b");
        assertThat(r.dependsOn()).containsExactly("a-b");
    }

    @Test
    void longDocIsTheDocstringStrippedAsPythonStrips() {
        assertThat(revision(FILE, "'''\u00a0\n  Title\n\n  body  \n\t'''\n" + ok("a", "None")).longDoc())
                .isEqualTo("Title\n\n  body");
    }

    @Test
    void fileWithoutDocstringHasAnEmptyLongDoc() {
        assertThat(revision(FILE, "import sqlalchemy as sa\n'''late'''\n" + ok("a", "None")).longDoc()).isEmpty();
    }

    @Test
    void createDateIsTheRawTextAfterTheColon() {
        assertThat(AlembicRevisionFileReader.createDate("t\n\n    Create Date:  2023-01-05 10:00:00  \nx"))
                .isEqualTo("2023-01-05 10:00:00");
        assertThat(AlembicRevisionFileReader.createDate("t\n\nRevision ID: a")).isEmpty();
        assertThat(AlembicRevisionFileReader.createDate("Not a Create Date: here")).isEmpty();
    }

    @Test
    void syntaxErrorIsReportedAtFileAndLine() {
        assertThat(problems(FILE, ok("a", "None") + "\ndef upgrade():\n    op.execute('x)\n")).containsExactly(
                new Problem(ProblemKind.SYNTAX_ERROR, FILE + ":5", "unterminated string literal (detected at line 5)"));
    }

    @Test
    void invalidUtf8IsNotText() {
        byte[] content = {'r', 'e', 'v', '=', (byte) 0xC3, '(', '\n'};
        assertThat(new AlembicRevisionFileReader().read(Path.of(FILE), content).problems()).containsExactly(
                new Problem(ProblemKind.NOT_TEXT, FILE, "1975ea83b712_add_account.py is not valid UTF-8 text"));
    }

    @Test
    void nulBytesAreNotText() {
        assertThat(problems(FILE, ok("a", "None") + "\0")).containsExactly(
                new Problem(ProblemKind.NOT_TEXT, FILE, "1975ea83b712_add_account.py contains NUL bytes"));
    }

    @Test
    void latin1CodingDeclarationIsHonoured() {
        byte[] content = ("# -*- coding: latin-1 -*-\n'''Caf\u00e9'''\n" + ok("a", "None"))
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(read(content).revision()).hasValueSatisfying(r -> assertThat(r.longDoc()).isEqualTo("Caf\u00e9"));
    }

    @Test
    void codingDeclarationOnLineTwoCountsOnlyAfterACommentOrBlankLine() {
        byte[] afterShebang = ("#!/usr/bin/env python\n# vim: set fileencoding=latin-1 :\n'''\u00e9'''\n"
                + ok("a", "None")).getBytes(StandardCharsets.ISO_8859_1);
        byte[] afterCode = ("import os\n# coding: latin-1\n" + ok("a", "None") + "x = '\u00e9'\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(read(afterShebang).revision()).isPresent();
        assertThat(read(afterCode).problems()).extracting(Problem::kind).containsExactly(ProblemKind.NOT_TEXT);
    }

    @Test
    void unknownEncodingIsASyntaxError() {
        assertThat(problems(FILE, "# coding: klingon\n" + ok("a", "None"))).containsExactly(
                new Problem(ProblemKind.SYNTAX_ERROR, FILE + ":1", "unknown encoding: klingon"));
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() {
        byte[] text = ("'''doc'''\n" + ok("a", "None")).getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[text.length + 3];
        content[0] = (byte) 0xEF;
        content[1] = (byte) 0xBB;
        content[2] = (byte) 0xBF;
        System.arraycopy(text, 0, content, 3, text.length);
        assertThat(read(content).revision()).hasValueSatisfying(r -> assertThat(r.longDoc()).isEqualTo("doc"));
    }

    @Test
    void resultHoldsEitherARevisionOrProblems() {
        Problem problem = new Problem(ProblemKind.NOT_TEXT, FILE, "x");
        Revision revision = new Revision("a", List.of(), List.of(), List.of(), "", FILE);
        assertThatThrownBy(() -> new ReadResult(Optional.empty(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReadResult(Optional.of(revision), List.of(problem)))
                .isInstanceOf(IllegalArgumentException.class);
    }


    private static ReadResult read(byte[] content) {
        return new AlembicRevisionFileReader().read(Path.of(FILE), content);
    }
}
