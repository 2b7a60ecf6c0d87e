package io.migrabot.script;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs the system Python, which has configparser and Alembic, for differential tests. A missing interpreter
 * fails the test: these tests are the evidence that the Java port agrees with Python, so they must not skip.
 */
final class Python {

    static final Path INTERPRETER = Path.of("/usr/bin/python3");

    private Python() {
    }

    /** Runs {@code python3 -c script args...} in {@code workingDirectory} and returns its standard output. */
    static String run(Path workingDirectory, String script, List<String> args)
            throws IOException, InterruptedException {
        assertThat(INTERPRETER).as("differential tests need Python 3 with Alembic at %s", INTERPRETER).isExecutable();
        List<String> command = new ArrayList<>(List.of(INTERPRETER.toString(), "-c", script));
        command.addAll(args);
        Path stdout = Files.createTempFile("python", ".out");
        Path stderr = Files.createTempFile("python", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            // UTF-8 mode: configparser then decodes files as UTF-8, as IniFile does, whatever the locale.
            builder.environment().put("PYTHONUTF8", "1");
            builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
            Process process = builder.start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("python3 did not finish within 60 s");
            }
            if (process.exitValue() != 0) {
                fail("python3 exited with " + process.exitValue() + ":\n" + Files.readString(stderr));
            }
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
