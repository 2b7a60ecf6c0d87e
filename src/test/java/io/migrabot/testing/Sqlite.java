package io.migrabot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** SQLite database files for tests, made the way an application makes them (a first statement creates the file). */
public final class Sqlite {
    private Sqlite() {
    }

    /** A database file at {@code file}, made by running {@code statements} (none: an empty database). */
    public static Path create(Path file, String... statements) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                s.execute("PRAGMA user_version = 1"); // writes the header, so the file is a database from now on
                for (String statement : statements) {
                    s.execute(statement);
                }
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot create " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** The URL SQLAlchemy (an Alembic project's env.py) takes for the file. */
    public static String sqlalchemyUrl(Path file) {
        return "sqlite:///" + file.toAbsolutePath();
    }

    /** The first column of every row {@code sql} returns, sorted. */
    public static TreeSet<String> rows(Path file, String sql) {
        return new TreeSet<>(column(file, sql));
    }

    /** The first column of every row {@code sql} returns, in order. */
    public static List<String> column(Path file, String sql) {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=2");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(sql + " on " + file, e);
        }
        return rows;
    }

    /** The tables of the file, migrabot's and SQLite's own left out. */
    public static TreeSet<String> tables(Path file) {
        return rows(file, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
                + "ESCAPE '\\'");
    }
}
