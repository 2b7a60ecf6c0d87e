package io.migrabot.script;

import io.migrabot.script.PyValue.Imported;
import io.migrabot.script.PyValue.Name;
import io.migrabot.script.PyValue.NoneValue;
import io.migrabot.script.PyValue.Other;
import io.migrabot.script.PyValue.Seq;
import io.migrabot.script.PyValue.Str;
import io.migrabot.script.PythonModule.Assignment;
import io.migrabot.script.PythonModule.BlockBinding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Module-level assignments and docstrings as Python binds them; see {@link PythonSyntaxErrorTest} for errors. */
class PythonModuleScannerTest {

    @Test
    void plainAssignmentBindsAString() {
        assertThat(value("revision = 'ae1027a6acf'", "revision")).isEqualTo(str("ae1027a6acf"));
    }

    @Test
    void annotatedAssignmentBindsItsValue() {
        assertThat(value("revision: str = 'ae1027a6acf'", "revision")).isEqualTo(str("ae1027a6acf"));
    }

    @Test
    void typeAnnotatedTupleDownRevisionIsReadAsTwoParents() {
        PyValue value = value("down_revision: Union[str, Sequence[str], None] = ('a', 'b')", "down_revision");
        assertThat(value).isEqualTo(tuple(str("a"), str("b")));
    }

    @Test
    void unionPipeAnnotationWithNoneValue() {
        assertThat(value("branch_labels: str | Sequence[str] | None = None", "branch_labels"))
                .isEqualTo(new NoneValue());
    }

    @Test
    void annotationWithoutValueDoesNotAssign() {
        assertThat(scan("revision: str").assignments()).isEmpty();
    }

    @Test
    void lastAssignmentWins() {
        PythonModule module = scan("revision = 'a'", "x = 1", "revision = 'b'");
        assertThat(module.assignment("revision")).contains(new Assignment("revision", 3, str("b")));
    }

    @Test
    void assignmentRecordsTheLineOfItsName() {
        assertThat(scan("", "# c", "depends_on = None").assignment("depends_on").orElseThrow().line()).isEqualTo(3);
    }

    @Test
    void chainedAssignmentGivesEveryNameTheValue() {
        PythonModule module = scan("branch_labels = depends_on = None");
        assertThat(module.assignment("branch_labels").orElseThrow().value()).isEqualTo(new NoneValue());
        assertThat(module.assignment("depends_on").orElseThrow().value()).isEqualTo(new NoneValue());
    }

    @Test
    void flatTupleUnpackingPairsNamesWithValues() {
        PythonModule module = scan("revision, down_revision = 'b', 'a'");
        assertThat(module.assignment("revision").orElseThrow().value()).isEqualTo(str("b"));
        assertThat(module.assignment("down_revision").orElseThrow().value()).isEqualTo(str("a"));
    }

    @Test
    void unpackingThatCannotBePairedBindsOther() {
        PythonModule module = scan("(revision, *rest), x.y = pairs()");
        assertThat(module.assignment("revision").orElseThrow().value()).isEqualTo(new Other("pairs()"));
        assertThat(module.assignment("rest").orElseThrow().value()).isEqualTo(new Other("pairs()"));
        assertThat(module.assignments()).doesNotContainKeys("x", "y");
    }

    @Test
    void aBraceTargetIsNotUnpacked() {
        PythonModule module = scan("{revision}, down_revision = 'a', 'b'", "[x, {y}] = z");
        assertThat(module.assignments()).containsOnlyKeys("down_revision", "x");
    }

    @Test
    void parenthesizedNameIsAPlainTarget() {
        assertThat(value("(revision) = 'a'", "revision")).isEqualTo(str("a"));
    }

    @Test
    void augmentedAssignmentMakesTheValueOther() {
        assertThat(value("revision = 'a'\nrevision += 'b'", "revision")).isEqualTo(new Other("revision + 'b'"));
    }

    @Test
    void attributeAndSubscriptTargetsBindNothing() {
        assertThat(scan("op.revision = 'a'", "d['revision'] = 'b'").assignments()).isEmpty();
    }

    @Test
    void importsBindWhatTheyImport() {
        PythonModule module = scan("import a.b", "import c.d as revision", "from .base import down_revision, x as y",
                "from m import (depends_on,)", "from n import *", "from ... import z");
        assertThat(module.assignments()).containsOnlyKeys("a", "revision", "down_revision", "y", "depends_on", "z");
        assertThat(module.assignment("a").orElseThrow().value())
                .isEqualTo(new Imported(0, "a", null, "a.b", "a"));
        assertThat(module.assignment("revision").orElseThrow().value())
                .isEqualTo(new Imported(0, "c.d", null, "c.d", "c.d"));
        assertThat(module.assignment("down_revision").orElseThrow().value())
                .isEqualTo(new Imported(1, "base", "down_revision", "base", ".base.down_revision"));
        assertThat(module.assignment("depends_on").orElseThrow().value())
                .isEqualTo(new Imported(0, "m", "depends_on", "m", "m.depends_on"));
        assertThat(module.assignment("z").orElseThrow().value()).isEqualTo(new Imported(3, "", "z", "", "...z"));
    }

    @Test
    void namesAndDottedNamesAreNamesButKeywordsAndCallsAreNot() {
        assertThat(value("x = cli.CONTRACT_BRANCH", "x")).isEqualTo(new Name("cli.CONTRACT_BRANCH"));
        assertThat(value("x = (EXPAND)", "x")).isEqualTo(new Name("EXPAND"));
        assertThat(value("x = a, b.c", "x")).isEqualTo(new Seq(Seq.Kind.TUPLE, List.of(new Name("a"), new Name("b.c"))));
        assertThat(value("x = True", "x")).isEqualTo(new Other("True"));
        assertThat(value("x = a.b()", "x")).isEqualTo(new Other("a.b()"));
        assertThat(value("x = a[0]", "x")).isEqualTo(new Other("a[0]"));
    }

    @Test
    void delRemovesABinding() {
        assertThat(scan("revision = 'a'", "x = 1", "del revision, x.y").assignments()).containsOnlyKeys("x");
    }

    @Test
    void statementsSeparatedBySemicolonsAllCount() {
        PythonModule module = scan("revision = 'b'; down_revision = 'a';");
        assertThat(module.assignments()).containsOnlyKeys("revision", "down_revision");
    }

    @Test
    void statementsInsideBlocksAreNotEvaluated() {
        PythonModule module = scan(
                "def upgrade():",
                "    revision = 'in-def'",
                "class C:",
                "    down_revision = 'in-class'",
                "if True:",
                "    branch_labels = 'in-if'",
                "else: depends_on = 'in-else'",
                "try:",
                "    x = 1",
                "except Exception:",
                "    pass",
                "with open('f') as f: y = 2",
                "for i in range(3): z = 3",
                "while False:",
                "    w = 4",
                "@decorator",
                "async def f(): v = 5",
                "if x: u = 6; t = 7");
        assertThat(module.assignments()).isEmpty();
        assertThat(module.blockBindings()).extracting(BlockBinding::name)
                .containsExactly("branch_labels", "depends_on", "x", "f", "y", "i", "z", "w", "u", "t");
    }

    @Test
    void moduleLevelStatementsAfterABlockCount() {
        PythonModule module = scan("def upgrade():", "    op.drop_table('t')", "", "revision = 'a'");
        assertThat(value(module, "revision")).isEqualTo(str("a"));
    }

    @Test
    void backslashContinuationJoinsLines() {
        assertThat(value("down_revision = \\\n    'a'", "down_revision")).isEqualTo(str("a"));
    }

    @Test
    void bracketsJoinLinesAcrossCommentsAndBlankLines() {
        PyValue value = value("down_revision = (  # the parents\n\n    'a',  # first\n        'b',\n)", "down_revision");
        assertThat(value).isEqualTo(tuple(str("a"), str("b")));
    }

    @Test
    void everyQuoteStyleGivesAString() {
        PythonModule module = scan("a = 'x'", "b = \"x\"", "c = '''x'''", "d = \"\"\"x\"\"\"");
        assertThat(module.assignments().values()).extracting(Assignment::value).containsOnly(str("x"));
    }

    @Test
    void rawAndUnicodePrefixesInAnyCaseGiveStrings() {
        PythonModule module = scan("a = r'\\d'", "b = R'\\d'", "c = u'x'", "d = U'x'");
        assertThat(module.assignments().values()).extracting(Assignment::value)
                .containsExactly(str("\\d"), str("\\d"), str("x"), str("x"));
    }

    @Test
    void bytesAndFStringsAreOther() {
        PythonModule module = scan("a = b'x'", "b = f'x'", "c = rb'x'", "d = Br'x'", "e = fR'x'", "f = Rf'x'");
        assertThat(module.assignments().values()).extracting(Assignment::value)
                .allMatch(value -> value instanceof Other);
        assertThat(value(module, "a")).isEqualTo(new Other("b'x'"));
    }

    @Test
    void adjacentLiteralsConcatenate() {
        assertThat(value("revision = 'a' \"b\" '''c'''", "revision")).isEqualTo(str("abc"));
    }

    @Test
    void adjacentLiteralsConcatenateAcrossLinesInsideParentheses() {
        assertThat(value("revision = (\n    'ab'\n    'cd'\n)", "revision")).isEqualTo(str("abcd"));
    }

    @Test
    void concatenationWithAnFStringOrPlusIsOther() {
        assertThat(value("revision = 'a' f'b'", "revision")).isEqualTo(new Other("'a' f'b'"));
        assertThat(value("revision = 'a' + 'b'", "revision")).isEqualTo(new Other("'a' + 'b'"));
    }

    @Test
    void unparenthesizedTupleIsATuple() {
        assertThat(value("down_revision = 'a', 'b'", "down_revision")).isEqualTo(tuple(str("a"), str("b")));
    }

    @Test
    void trailingCommaMakesAOneTuple() {
        assertThat(value("down_revision = 'a',", "down_revision")).isEqualTo(tuple(str("a")));
        assertThat(value("down_revision = ('a',)", "down_revision")).isEqualTo(tuple(str("a")));
        assertThat(value("down_revision = ['a', 'b',]", "down_revision"))
                .isEqualTo(new Seq(Seq.Kind.LIST, List.of(str("a"), str("b"))));
    }

    @Test
    void emptyDisplaysAreEmptySequences() {
        assertThat(value("down_revision = ()", "down_revision")).isEqualTo(tuple());
        assertThat(value("down_revision = []", "down_revision")).isEqualTo(new Seq(Seq.Kind.LIST, List.of()));
    }

    @Test
    void parenthesesAroundOneValueAreNotATuple() {
        assertThat(value("down_revision = (('a'))", "down_revision")).isEqualTo(str("a"));
        assertThat(value("down_revision = (None)", "down_revision")).isEqualTo(new NoneValue());
    }

    @Test
    void nestedSequencesKeepTheirShape() {
        assertThat(value("x = (('a', 'b'), ['c'], None)", "x"))
                .isEqualTo(tuple(tuple(str("a"), str("b")), new Seq(Seq.Kind.LIST, List.of(str("c"))), new NoneValue()));
    }

    @Test
    void setDisplayIsASetButDictIsOther() {
        assertThat(value("x = {'a', 'b'}", "x")).isEqualTo(new Seq(Seq.Kind.SET, List.of(str("a"), str("b"))));
        assertThat(value("x = {}", "x")).isEqualTo(new Other("{}"));
        assertThat(value("x = {'a': 'b'}", "x")).isEqualTo(new Other("{'a': 'b'}"));
    }

    @Test
    void comprehensionsAndStarredItemsAreOther() {
        assertThat(value("x = [r for r in revs]", "x")).isEqualTo(new Other("[r for r in revs]"));
        assertThat(value("x = ('a', *more)", "x")).isEqualTo(new Other("('a', *more)"));
        assertThat(value("x = (r for r in revs)", "x")).isEqualTo(new Other("(r for r in revs)"));
    }

    @Test
    void expressionsThatAreNotLiteralsKeepTheirSourceText() {
        PythonModule module = scan("a = REV_ID", "b = make_id()", "c = 12", "d = config.rev", "e = 'x' if y else 'z'",
                "f = True", "g = lambda a=1: a");
        assertThat(module.assignments().values()).extracting(Assignment::value).containsExactly(
                new Name("REV_ID"), new Other("make_id()"), new Other("12"), new Name("config.rev"),
                new Other("'x' if y else 'z'"), new Other("True"), new Other("lambda a=1: a"));
    }

    @Test
    void otherSourceTextDropsCommentsAndLineBreaks() {
        assertThat(value("x = (REV,  # the parent\n     'b')", "x")).isEqualTo(tuple(new Name("REV"), str("b")));
        assertThat(value("x = (REV(),  # the parent\n     'b')", "x")).isEqualTo(tuple(new Other("REV()"), str("b")));
        assertThat(value("x = f(  # call\n    a,\n    b)", "x")).isEqualTo(new Other("f(a, b)"));
    }

    @Test
    void docstringIsTheFirstStatementAfterCommentsAndCookie() {
        PythonModule module = scan("#!/usr/bin/env python", "# -*- coding: utf-8 -*-", "# Copyright 2023 Example",
                "# SPDX-License-Identifier: MIT", "", "\"\"\"Add account table", "", "Revision ID: ae1027a6acf", "\"\"\"",
                "revision = 'ae1027a6acf'");
        assertThat(module.docString()).hasValueSatisfying(doc -> {
            assertThat(doc.text()).isEqualTo("Add account table\n\nRevision ID: ae1027a6acf\n");
            assertThat(doc.line()).isEqualTo(6);
        });
    }

    @Test
    void docstringIsKeptUnstripped() {
        assertThat(scan("'''  padded  '''").docString().orElseThrow().text()).isEqualTo("  padded  ");
    }

    @Test
    void anyStatementBeforeTheStringMeansNoDocstring() {
        assertThat(scan("import sqlalchemy as sa", "'''Not a docstring'''").docString()).isEmpty();
        assertThat(scan("if True:", "    pass", "'''Not a docstring'''").docString()).isEmpty();
        assertThat(scan("x: int", "'''Not a docstring'''").docString()).isEmpty();
    }

    @Test
    void bytesAndFStringsAreNotDocstrings() {
        assertThat(scan("b'''doc'''").docString()).isEmpty();
        assertThat(scan("f'''doc'''").docString()).isEmpty();
        assertThat(scan("'''doc''' + 'more'").docString()).isEmpty();
        assertThat(scan("'''doc'''.strip()").docString()).isEmpty();
    }

    @Test
    void parenthesizedAndConcatenatedStringsAreDocstrings() {
        assertThat(scan("('doc')").docString().orElseThrow().text()).isEqualTo("doc");
        assertThat(scan("('first '", " 'second')").docString().orElseThrow().text()).isEqualTo("first second");
        assertThat(scan("'doc'; revision = 'a'").docString().orElseThrow().text()).isEqualTo("doc");
    }

    @Test
    void escapesInTheDocstringAreDecoded() {
        assertThat(scan("'''tab\\there\\\nsame line'''").docString().orElseThrow().text()).isEqualTo("tab\there" + "same line");
    }

    @Test
    void windowsAndOldMacLineEndingsAreNewlines() {
        PythonModule module = PythonModuleScanner.scan("t.py", "'''a\r\nb\rc'''\r\nrevision = 'x'\r\n");
        assertThat(module.docString().orElseThrow().text()).isEqualTo("a\nb\nc");
        assertThat(module.assignment("revision").orElseThrow().line()).isEqualTo(4);
    }

    @Test
    void formFeedBetweenStatementsIsWhitespace() {
        assertThat(value("x = 1\n\f\nrevision = 'a'", "revision")).isEqualTo(str("a"));
    }

    @Test
    void namesAreNfkcNormalisedAsPythonDoes() {
        assertThat(scan("\uFF52evision = 'a'").assignments()).containsOnlyKeys("revision");
    }

    @Test
    void emptySourceHasNothing() {
        PythonModule module = PythonModuleScanner.scan("t.py", "");
        assertThat(module.docString()).isEmpty();
        assertThat(module.assignments()).isEmpty();
    }

    static PythonModule scan(String... lines) {
        return PythonModuleScanner.scan("t.py", String.join("\n", lines) + "\n");
    }

    private static PyValue value(String source, String name) {
        return value(scan(source), name);
    }

    private static PyValue value(PythonModule module, String name) {
        return module.assignment(name).orElseThrow(() -> new AssertionError(name + " not bound")).value();
    }

    private static Str str(String value) {
        return new Str(value);
    }

    private static Seq tuple(PyValue... items) {
        return new Seq(Seq.Kind.TUPLE, List.of(items));
    }
}
