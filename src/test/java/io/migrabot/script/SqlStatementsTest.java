package io.migrabot.script;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlStatementsTest {
    private static List<SqlStatements.Statement> split(String sql) throws SqlStatements.UnterminatedException {
        return SqlStatements.split(sql, 1);
    }

    private static List<String> sql(String text) throws SqlStatements.UnterminatedException {
        return split(text).stream().map(SqlStatements.Statement::sql).toList();
    }

    @Test
    void splitsAtTopLevelSemicolonsAndKeepsStartLines() throws Exception {
        List<SqlStatements.Statement> s = split("CREATE TABLE a (id int);\n\n-- note\nCREATE TABLE b (id int);\n");
        assertThat(s).extracting(SqlStatements.Statement::sql)
                .containsExactly("CREATE TABLE a (id int)", "-- note\nCREATE TABLE b (id int)");
        assertThat(s).extracting(SqlStatements.Statement::line).containsExactly(1, 4);
    }

    @Test
    void semicolonsInStringsIdentifiersAndCommentsDoNotSplit() throws Exception {
        assertThat(sql("INSERT INTO t VALUES ('a;b', 'it''s;'); SELECT \"odd;name\" FROM t -- x; y\n;"
                + " /* a; /* nested; */ b; */ SELECT 1"))
                .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s;')", "SELECT \"odd;name\" FROM t -- x; y",
                        "/* a; /* nested; */ b; */ SELECT 1");
    }

    @Test
    void escapeStringsHonourBackslashes() throws Exception {
        assertThat(sql("SELECT E'a\\';b'; SELECT 'c\\'; SELECT 2")).containsExactly("SELECT E'a\\';b'",
                "SELECT 'c\\'", "SELECT 2");
    }

    @Test
    void dollarQuotedBodiesAreOneStatement() throws Exception {
        String function = "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql";
        assertThat(sql(function + "; DO $$ BEGIN PERFORM 1; END $$; SELECT $1"))
                .containsExactly(function, "DO $$ BEGIN PERFORM 1; END $$", "SELECT $1");
    }

    @Test
    void commentOnlyAndEmptyPiecesAreDropped() throws Exception {
        assertThat(sql("-- nothing here\n;;  \n/* still nothing */;")).isEmpty();
    }

    @Test
    void unterminatedQuotesAndCommentsNameTheirLine() {
        assertThatThrownBy(() -> split("SELECT 1;\nSELECT 'open")).hasMessage(
                "unterminated string starting on line 2");
        assertThatThrownBy(() -> split("\n\nDO $x$ BEGIN")).hasMessage(
                "unterminated dollar-quoted string $x$ starting on line 3");
        assertThatThrownBy(() -> split("/* /* */")).hasMessage("unterminated comment starting on line 1");
    }

    @Test
    void lineNumbersStartAtTheGivenFirstLine() throws Exception {
        assertThat(SqlStatements.split("\nSELECT 1", 10)).extracting(SqlStatements.Statement::line)
                .containsExactly(11);
    }
}
