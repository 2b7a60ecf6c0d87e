package io.migrabot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the system Python with Alembic installed (Debian's python3-alembic), for differential tests. A machine
 * without it fails these tests instead of skipping them: CI installs it, and a skipped comparison proves nothing.
 */
public final class Python {
    public static final Path INTERPRETER = Path.of("/usr/bin/python3");

    private Python() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code /usr/bin/python3 args...} in {@code workDir} with {@code stdin}, hash seed fixed. */
    public static Result run(Path workDir, String stdin, List<String> args) {
        assertThat(INTERPRETER).as("Debian python3 with python3-alembic is needed (apt-get install alembic)")
                .exists();
        List<String> command = new ArrayList<>();
        command.add(INTERPRETER.toString());
        command.addAll(args);
        return exec(workDir, stdin, command);
    }

    /** Runs {@code python3 -c script args...}, requires exit status 0, and returns standard output. */
    public static String eval(Path workDir, String script, List<String> args) {
        List<String> all = new ArrayList<>(List.of("-c", script));
        all.addAll(args);
        Result result = run(workDir, "", all);
        assertThat(result.exitCode()).as("python3 exit status; stderr:%n%s", result.stderr()).isZero();
        return result.stdout();
    }

    /** Runs any command, hash seed fixed, and waits up to two minutes. */
    public static Result exec(Path workDir, String stdin, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().put("PYTHONHASHSEED", "0");
        // UTF-8 mode: configparser decodes files as UTF-8 and stdout is UTF-8, whatever the locale.
        pb.environment().put("PYTHONUTF8", "1");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().put("COLUMNS", "10000");
        try {
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    /** Copies a test resource to a file, for scripts Python runs. */
    public static Path resource(String name, Path dir) {
        try (InputStream in = Python.class.getResourceAsStream("/" + name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            Path target = dir.resolve(Path.of(name).getFileName().toString());
            Files.write(target, in.readAllBytes());
            return target;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
