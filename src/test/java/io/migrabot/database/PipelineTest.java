package io.migrabot.database;

import io.migrabot.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Statements sent together: the count of those done, the failing one's error, and nothing run after it. */
class PipelineTest {
    private Postgres.Database db;

    @BeforeEach
    void database() {
        db = Postgres.create("pipeline");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    /**
     * In both protocols. With the simple one, the server goes on with the next query after an error, so sending the
     * transactions together would run the second after the first failed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "?preferQueryMode=simple"})
    void countsWhatCompletedAndRunsNothingAfterAFailure(String options) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.url() + options, db.user(), "")) {
            Pipeline pipeline = new Pipeline(connection);
            Pipeline.Outcome outcome = pipeline.run(List.of("BEGIN", "CREATE TABLE a (id int)", "COMMIT",
                    "BEGIN", "CREATE TABLE b (id int)", "SELECT 1 / 0", "COMMIT",
                    "BEGIN", "CREATE TABLE c (id int)", "COMMIT"));
            assertThat(outcome.completed()).isEqualTo(5);
            assertThat(outcome.error().getSQLState()).isEqualTo("22012");
            assertThat(pipeline.inTransaction()).isTrue();
            connection.createStatement().execute("ROLLBACK");
            assertThat(pipeline.inTransaction()).isFalse();
        }
        assertThat(db.queryOne("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class "
                + "WHERE relname IN ('a', 'b', 'c')")).isEqualTo("a");
    }
}
