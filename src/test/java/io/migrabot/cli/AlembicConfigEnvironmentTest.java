package io.migrabot.cli;

import io.migrabot.testing.AlembicProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ALEMBIC_CONFIG} names the default configuration file of its kind, for migrabot's read-only commands as
 * for {@code alembic}: both run as processes with the variable set, on a project whose ini has another name.
 */
class AlembicConfigEnvironmentTest {
    @TempDir
    Path root;

    @Test
    void theFileAlembicConfigNamesIsReadAsAlembicReadsIt() throws Exception {
        AlembicProject project = AlembicProject.create(root);
        project.revision("a1", List.of(), "pass", "pass");
        project.revision("b2", List.of("a1"), "pass", "pass");
        project.revision("c3", List.of("a1"), "pass", "pass");
        Files.move(project.ini(), root.resolve("deploy.ini"));
        Map<String, String> env = Map.of("ALEMBIC_CONFIG", "deploy.ini");

        String alembic = run(List.of("alembic", "heads"), env);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String migrabot = run(List.of(java, "-cp", System.getProperty("java.class.path"), "io.migrabot.Main",
                "heads"), env);
        assertThat(alembic).contains("b2 (head)").contains("c3 (head)");
        assertThat(migrabot.lines().sorted().toList()).isEqualTo(alembic.lines().sorted().toList());
    }

    @Test
    void aFileOfTheSameKindGivenWithDashCWins() {
        List<Path> given = List.of(Path.of("mine.ini"));
        assertThat(ScriptOptions.withEnvironment(given, "deploy.ini")).containsExactly(Path.of("mine.ini"));
        assertThat(ScriptOptions.withEnvironment(given, "conf/pyproject.toml"))
                .containsExactly(Path.of("mine.ini"), Path.of("conf/pyproject.toml"));
        assertThat(ScriptOptions.withEnvironment(List.of(Path.of("pyproject.toml")), "deploy.ini"))
                .containsExactly(Path.of("pyproject.toml"), Path.of("deploy.ini"));
        assertThat(ScriptOptions.withEnvironment(given, "")).isSameAs(given);
        assertThat(ScriptOptions.withEnvironment(given, null)).isSameAs(given);
    }

    private String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().remove("ALEMBIC_CONFIG");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", command, output).isZero();
        return output;
    }
}
