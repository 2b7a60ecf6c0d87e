package io.migrabot.script;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.revision.Problem;
import io.migrabot.revision.ProblemKind;
import io.migrabot.revision.Revision;
import io.migrabot.revision.RevisionGraph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A folder of revisions in migrabot's native SQL format ({@code *.sql}, read in path order). Files that cannot be
 * read are problems of their own; the rest still load.
 */
public record SqlScriptDirectory(Path directory, List<SqlMigration> migrations, List<Problem> problems) {

    public SqlScriptDirectory {
        migrations = List.copyOf(migrations);
        problems = List.copyOf(problems);
    }

    /** The graph of every file's revision (duplicates included, for the graph to report). */
    public RevisionGraph graph() {
        List<Revision> revisions = new ArrayList<>();
        migrations.forEach(m -> revisions.add(m.revision()));
        return RevisionGraph.of(revisions, problems);
    }

    /** The migration of each revision id (the first file's, if two declare one). */
    public Map<String, SqlMigration> byRevision() {
        Map<String, SqlMigration> byId = new HashMap<>();
        for (SqlMigration m : migrations) {
            byId.putIfAbsent(m.revision().id(), m);
        }
        return byId;
    }

    /**
     * Revisions shipped inside migrabot (its own state tables): the files a folder's {@code index} lists, read
     * from the classpath.
     */
    public static SqlScriptDirectory fromClasspath(String folder) {
        ClassLoader loader = SqlScriptDirectory.class.getClassLoader();
        SqlMigrationReader reader = new SqlMigrationReader();
        List<SqlMigration> migrations = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (java.io.InputStream index = loader.getResourceAsStream(folder + "/index")) {
            if (index == null) {
                throw new IllegalStateException("no " + folder + "/index on the classpath");
            }
            for (String name : new String(index.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (name.isBlank()) {
                    continue;
                }
                try (java.io.InputStream in = loader.getResourceAsStream(folder + "/" + name.strip())) {
                    if (in == null) {
                        throw new IllegalStateException(folder + "/index lists " + name + ", which is missing");
                    }
                    SqlMigrationReader.Result result = reader.read("classpath:" + folder + "/" + name.strip(),
                            in.readAllBytes());
                    problems.addAll(result.problems());
                    result.migration().ifPresent(migrations::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + folder + " from the classpath", e);
        }
        return new SqlScriptDirectory(Path.of(folder), migrations, problems);
    }

    public static SqlScriptDirectory load(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "the SQL migrations folder " + dir + " does not "
                    + "exist; create it or fix 'directory' under the target's migrations");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList();
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        SqlMigrationReader reader = new SqlMigrationReader();
        List<SqlMigration> migrations = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            SqlMigrationReader.Result result;
            try {
                result = Files.isRegularFile(file) ? reader.read(file.toString(), Files.readAllBytes(file))
                        : new SqlMigrationReader.Result(Optional.empty(), List.of(new Problem(
                        ProblemKind.UNREADABLE_FILE, file.toString(), "cannot read " + file.getFileName()
                        + ": it is not a regular file")));
            } catch (IOException e) {
                result = new SqlMigrationReader.Result(Optional.empty(), List.of(new Problem(
                        ProblemKind.UNREADABLE_FILE, file.toString(), "cannot read " + file.getFileName() + ": "
                        + e.getMessage())));
            }
            problems.addAll(result.problems());
            result.migration().ifPresent(migrations::add);
        }
        return new SqlScriptDirectory(dir, migrations, problems);
    }
}
