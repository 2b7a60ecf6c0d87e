package io.migrabot.script;

import io.migrabot.revision.Problem;
import io.migrabot.revision.ProblemKind;
import io.migrabot.revision.Revision;
import io.migrabot.script.PythonModule.BlockBinding;
import org.junit.jupiter.api.Test;


import static io.migrabot.script.RevisionFiles.kinds;
import static io.migrabot.script.RevisionFiles.ok;
import static io.migrabot.script.RevisionFiles.problems;
import static io.migrabot.script.RevisionFiles.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Names bound inside module-level blocks Python runs at import time ({@code if}, {@code try}, {@code with},
 * {@code for}, {@code while}, ...): the {@link BlockBinding}s the scanner lists, and the problems the reader makes of
 * those of {@code revision}, {@code down_revision}, {@code branch_labels} and {@code depends_on}.
 */
class BlockBindingTest {

    private static final String FILE = "versions/1975ea83b712_add_account.py";
    private static final String CANNOT_TELL = "migrabot cannot tell which value Python ends with";

    @Test
    void blockBindingsNameTheInnermostBlockAndTheLine() {
        PythonModule module = scan(
                "revision = 'a1'",
                "down_revision = 'x'",
                "if os.environ.get('LEGACY'):",
                "    down_revision = 'y'",
                "elif a:",
                "    while b:",
                "        try:",
                "            revision = compute()",
                "        except ImportError:",
                "            revision = 'a1'",
                "        finally:",
                "            depends_on = None",
                "else:",
                "    branch_labels = 'z'");
        assertThat(module.assignment("down_revision").orElseThrow().value()).isEqualTo(new PyValue.Str("x"));
        assertThat(module.blockBindings()).containsExactly(
                new BlockBinding("down_revision", 4, "if", false), new BlockBinding("revision", 8, "try", false),
                new BlockBinding("revision", 10, "except", false), new BlockBinding("depends_on", 12, "finally", false),
                new BlockBinding("branch_labels", 14, "else", false));
    }

    @Test
    void everyAssignmentFormInABlockIsABinding() {
        PythonModule module = scan(
                "if a:",
                "    revision: str = 'a'",
                "    down_revision += 'b'",
                "    branch_labels = depends_on = None",
                "    (x, [y, *z]), w.attr, v[0] = f()",
                "    u: int");
        assertThat(module.blockBindings()).extracting(BlockBinding::name)
                .containsExactly("revision", "down_revision", "branch_labels", "depends_on", "x", "y", "z");
    }

    @Test
    void headerTargetsAreBindingsOfTheirBlock() {
        PythonModule module = scan(
                "for revision, (a, *b) in pairs(): pass",
                "with open('f') as down_revision, lock, open('g') as (c, d): pass",
                "with (open('f') as branch_labels, open('g') as e): pass",
                "try:",
                "    pass",
                "except (KeyError, ValueError) as depends_on:",
                "    pass",
                "try: pass",
                "except* OSError as g: pass",
                "for h.i in j: pass",
                "if (k := 1): pass");
        assertThat(module.blockBindings()).containsExactly(
                new BlockBinding("revision", 1, "for", false), new BlockBinding("a", 1, "for", false),
                new BlockBinding("b", 1, "for", false), new BlockBinding("down_revision", 2, "with", false),
                new BlockBinding("c", 2, "with", false), new BlockBinding("d", 2, "with", false),
                new BlockBinding("branch_labels", 3, "with", false), new BlockBinding("e", 3, "with", false),
                new BlockBinding("depends_on", 6, "except", false), new BlockBinding("g", 9, "except", false));
    }

    @Test
    void importsDelAndDefinitionsInABlockAreBindings() {
        PythonModule module = scan(
                "try:",
                "    from ._ids import REVISION as revision, down_revision",
                "    import a.b as branch_labels, c.d",
                "    from m import *",
                "except ImportError:",
                "    del depends_on, x.y",
                "    def f(): pass",
                "    @decorator",
                "    class C: pass");
        assertThat(module.blockBindings()).containsExactly(
                new BlockBinding("revision", 2, "try", false), new BlockBinding("down_revision", 2, "try", false),
                new BlockBinding("branch_labels", 3, "try", false), new BlockBinding("c", 3, "try", false),
                new BlockBinding("depends_on", 6, "except", true), new BlockBinding("f", 7, "except", false),
                new BlockBinding("C", 9, "except", false));
    }

    @Test
    void defAndClassBodiesInsideBlocksBindNoModuleNames() {
        PythonModule module = scan(
                "if True:",
                "    def upgrade():",
                "        revision = 'local'",
                "        for down_revision in x:",
                "            with y as depends_on: branch_labels = 1",
                "    class C:",
                "        revision = 'attribute'",
                "        if x:",
                "            down_revision = 'attribute'",
                "    async def g(): revision = 'local'",
                "    class D: down_revision = 'attribute'",
                "    depends_on = 'bound'");
        assertThat(module.blockBindings()).containsExactly(new BlockBinding("upgrade", 2, "if", false),
                new BlockBinding("C", 6, "if", false), new BlockBinding("g", 10, "if", false),
                new BlockBinding("D", 11, "if", false), new BlockBinding("depends_on", 12, "if", false));
    }

    @Test
    void aLambdaColonDoesNotEndABlockHeader() {
        PythonModule module = scan("if lambda: y: revision = 'a'", "with d[1:2] as e: pass");
        assertThat(module.blockBindings()).containsExactly(new BlockBinding("revision", 1, "if", false),
                new BlockBinding("e", 2, "with", false));
    }

    @Test
    void matchCaseBodiesAreBlocksButCapturePatternsAreNotSeen() {
        PythonModule module = scan("match x:", "    case [revision]:", "        down_revision = revision");
        assertThat(module.blockBindings()).containsExactly(new BlockBinding("down_revision", 3, "case", false));
    }

    @Test
    void modulesWithoutBlocksHaveNoBlockBindings() {
        assertThat(scan("revision = 'a'", "down_revision = None").blockBindings()).isEmpty();
    }

    @Test
    void parentReassignedInsideAnIfIsReportedWhereItIsAssigned() {
        String source = "import os\nrevision = 'a1'\ndown_revision = 'x'\nif os.environ.get('LEGACY'):\n"
                + "    down_revision = 'y'\n";
        assertThat(problems(FILE, source)).containsExactly(new Problem(ProblemKind.NOT_A_LITERAL, FILE + ":5",
                "down_revision is assigned inside an 'if' block at line 5; migrabot cannot tell which value Python "
                        + "ends with"));
        assertThat(problems(FILE, source).get(0).describe()).isEqualTo(FILE + ":5: down_revision is assigned inside "
                + "an 'if' block at line 5; migrabot cannot tell which value Python ends with. migrabot reads revision "
                + "files without running them: write the value as a string, a tuple or list of strings, or None, "
                + "assigned at module level and not inside an if, try, with, for or while block.");
    }

    @Test
    void revisionOnlyAssignedInsideTryAndExceptIsReportedTwiceAndNotAsMissing() {
        String source = "try:\n    revision = compute()\nexcept ImportError:\n    revision = 'a1'\n"
                + "down_revision = None\n";
        assertThat(problems("versions/ae1027a6acf.py", source)).extracting(Problem::location, Problem::message)
                .containsExactly(
                        tuple("versions/ae1027a6acf.py:2", "revision is assigned inside a 'try' block at line 2; "
                                + "migrabot cannot tell which value Python ends with"),
                        tuple("versions/ae1027a6acf.py:4", "revision is assigned inside an 'except' block at line 4; "
                                + "migrabot cannot tell which value Python ends with"));
    }

    @Test
    void downRevisionOnlyAssignedInBlocksIsNotReportedAsMissing() {
        assertThat(kinds(FILE, "revision = 'a'\nif x:\n    down_revision = None\nelse:\n    down_revision = 'b'\n"))
                .containsExactly(ProblemKind.NOT_A_LITERAL, ProblemKind.NOT_A_LITERAL);
    }

    @Test
    void everyBindingFormInABlockIsReported() {
        String source = ok("a", "None") + String.join("\n",
                "with ctx() as (revision, x):",
                "    for branch_labels in y:",
                "        if z: depends_on: str = 'd'",
                "        down_revision, w = 'b', 1",
                "while q:",
                "    revision += 'x'",
                "    revision = down_revision = None",
                "try:",
                "    from ._ids import revision",
                "    import m as down_revision",
                "except ImportError as branch_labels:",
                "    del depends_on",
                "");
        assertThat(problems(FILE, source)).extracting(Problem::location, Problem::message).containsExactly(
                tuple(FILE + ":3", "revision is assigned inside a 'with' block at line 3; " + CANNOT_TELL),
                tuple(FILE + ":8", "revision is assigned inside a 'while' block at line 8; " + CANNOT_TELL),
                tuple(FILE + ":9", "revision is assigned inside a 'while' block at line 9; " + CANNOT_TELL),
                tuple(FILE + ":11", "revision is assigned inside a 'try' block at line 11; " + CANNOT_TELL),
                tuple(FILE + ":6", "down_revision is assigned inside a 'for' block at line 6; " + CANNOT_TELL),
                tuple(FILE + ":9", "down_revision is assigned inside a 'while' block at line 9; " + CANNOT_TELL),
                tuple(FILE + ":12", "down_revision is assigned inside a 'try' block at line 12; " + CANNOT_TELL));
        // branch_labels and depends_on that cannot be determined are warnings: the revision would be kept
        assertThat(RevisionFiles.read(FILE, source).warnings()).extracting(Problem::location, Problem::message)
                .containsExactly(
                tuple(FILE + ":4", "branch_labels is assigned inside a 'for' block at line 4; " + CANNOT_TELL),
                tuple(FILE + ":13", "branch_labels is assigned inside an 'except' block at line 13; " + CANNOT_TELL),
                tuple(FILE + ":5", "depends_on is assigned inside an 'if' block at line 5; " + CANNOT_TELL),
                tuple(FILE + ":14", "depends_on is deleted inside an 'except' block at line 14; " + CANNOT_TELL));
    }

    @Test
    void defAndClassBodiesAndOtherNamesInBlocksAreIgnored() {
        Revision revision = revision(FILE, String.join("\n",
                "try:",
                "    import json",
                "except ImportError:",
                "    json = None",
                "if TYPE_CHECKING:",
                "    from typing import Sequence",
                "    def helper():",
                "        revision = 'local'",
                "    class Model:",
                "        down_revision = 'attribute'",
                "def upgrade():",
                "    for depends_on in x:",
                "        branch_labels = 'local'",
                "class Other:",
                "    if x: revision = 'attribute'",
                ok("a", "'b'")));
        assertThat(revision.id()).isEqualTo("a");
        assertThat(revision.downRevisions()).containsExactly("b");
    }

    @Test
    void aTopLevelProblemIsStillReportedBesideABlockBinding() {
        assertThat(kinds(FILE, "revision = REV\nif x:\n    revision = 'a'\ndown_revision = None\n"))
                .containsExactly(ProblemKind.NOT_A_LITERAL, ProblemKind.UNRESOLVED_NAME);
    }

    private static PythonModule scan(String... lines) {
        return PythonModuleScannerTest.scan(lines);
    }
}
