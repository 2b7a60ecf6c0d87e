package io.migrabot.database;

import io.migrabot.ErrorCode;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wording of database failures by SQLSTATE. The test servers trust every local login, so a refused password
 * cannot be produced against them; the driver's SQLException is built here instead.
 */
class DatabaseExceptionTest {
    private static DatabaseException of(String state, String message) {
        return DatabaseException.of("shop", "jdbc:postgresql://db:5432/shop", "reading the version",
                new RuntimeException(new SQLException(message, state)));
    }

    @Test
    void refusedPasswordNamesTheTargetAndWhatToCheck() {
        DatabaseException e = of("28P01", "FATAL: password authentication failed for user \"migrabot\"");
        assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_AUTHENTICATION);
        assertThat(e.getMessage()).isEqualTo("target shop (jdbc:postgresql://db:5432/shop) refused the login while "
                + "reading the version: FATAL: password authentication failed for user \"migrabot\". Check the user "
                + "and the password variable in the configuration.");
    }

    @Test
    void connectionFailuresAndMissingDatabasesAreUnreachable() {
        assertThat(of("08001", "Connection refused").code()).isEqualTo(ErrorCode.DATABASE_UNREACHABLE);
        assertThat(of("3D000", "database \"shop\" does not exist").code()).isEqualTo(ErrorCode.DATABASE_UNREACHABLE);
        assertThat(of("57P03", "the database system is starting up").code()).isEqualTo(ErrorCode.DATABASE_UNREACHABLE);
    }

    @Test
    void otherFailuresCarryTheirSqlStateAndOnlyTheFirstLine() {
        DatabaseException e = of("42501", "permission denied for table alembic_version\n  Where: somewhere");
        assertThat(e.code()).isEqualTo(ErrorCode.DATABASE);
        assertThat(e.sqlState()).isEqualTo("42501");
        assertThat(e.getMessage()).endsWith("reading the version failed: permission denied for table "
                + "alembic_version (SQLSTATE 42501)");
    }
}
