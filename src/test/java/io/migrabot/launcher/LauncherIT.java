package io.migrabot.launcher;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bin/migrabot}, the README's way to run migrabot, on the jar {@code package} has just built: it chooses a
 * Java (25 or newer for its ahead-of-time cache, else any from 17), keeps a cache per command, and prints nothing but
 * the command's output, on the first run that records the cache as on the runs that use it.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path CACHES = ROOT.resolve("target/cds");
    private static final List<String> HEADS = List.of("heads", "-c", "examples/shop/alembic.ini");

    @TempDir
    Path dir;

    @Test
    void startsOnJava17AndUsesItsClassArchiveFromTheSecondRun() throws Exception {
        Path java17 = Path.of(System.getProperty("java.home"), "bin", "java");
        Assumptions.assumeTrue(Runtime.version().feature() < 25, "the tests' own Java is the newer one");
        Run first = migrabot(Map.of("MIGRABOT_JAVA", java17.toString()), HEADS);
        assertThat(first.stderr()).isEmpty();
        assertThat(first.exitCode()).isZero();
        assertThat(first.stdout().lines()).hasSize(2).allMatch(l -> l.endsWith("(head)"));
        assertThat(caches(java17).resolve("heads.jsa")).isRegularFile().isNotEmptyFile();

        Run second = migrabot(Map.of("MIGRABOT_JAVA", java17.toString()), HEADS);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void onJava25MakesTheAheadOfTimeCacheAfterTheFirstRunAndAnswersTheSameWithIt() throws Exception {
        Optional<Path> java25 = java25();
        Assumptions.assumeTrue(java25.isPresent(), "no Java 25 on this machine");
        Map<String, String> env = Map.of("MIGRABOT_JAVA", java25.get().toString());
        Run recording = migrabot(env, HEADS);
        assertThat(recording.stderr()).isEmpty();
        assertThat(recording.exitCode()).isZero();

        Path cache = caches(java25.get()).resolve("heads.aot");
        Instant until = Instant.now().plus(Duration.ofMinutes(2));
        Path making = cache.resolveSibling("heads.aot.making"); // removed last, after the cache is in place
        while ((!Files.exists(cache) || Files.exists(making)) && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(cache).as("made in the background after the first run").isRegularFile().isNotEmptyFile();
        try (Stream<Path> left = Files.list(cache.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("heads.aot", "made");
        }
        assertThat(migrabot(env, HEADS)).isEqualTo(recording);
    }

    @Test
    void javaOlderThan17IsOneLineNamingWhatToInstall() throws Exception {
        Path home = Files.createDirectories(dir.resolve("jdk11/bin"));
        Files.writeString(dir.resolve("jdk11/release"), "JAVA_VERSION=\"11.0.2\"\n");
        Path java = home.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho should not run\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run run = migrabot(Map.of("MIGRABOT_JAVA", java.toString()), HEADS);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("migrabot: " + java + " is Java 11; migrabot needs Java 17 or newer (25 "
                + "starts faster): install one, or name it in MIGRABOT_JAVA\n");
    }

    @Test
    void aJavaThatIsNotThereIsOneLine() throws Exception {
        Run run = migrabot(Map.of("MIGRABOT_JAVA", dir.resolve("nowhere/java").toString()), HEADS);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).isEqualTo("migrabot: no Java found at " + dir.resolve("nowhere/java")
                + ": install Java 17 or newer (25 starts faster)\n");
    }

    /** The folder of bin/migrabot's caches for {@code java}: one per Java, named after its real path. */
    private static Path caches(Path java) throws IOException {
        return CACHES.resolve(java.toRealPath().toString().replace('/', '_'));
    }

    /** A Java 25 or newer where bin/migrabot looks for one: the JDKs under /usr/lib/jvm and /opt/java. */
    private static Optional<Path> java25() throws IOException {
        List<Path> homes = new ArrayList<>();
        for (String parent : List.of("/usr/lib/jvm", "/opt/java")) {
            Path p = Path.of(parent);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.forEach(homes::add);
                }
            }
        }
        for (Path home : homes) {
            Path release = home.resolve("release");
            if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))) {
                Optional<String> version = Files.readAllLines(release).stream()
                        .filter(l -> l.startsWith("JAVA_VERSION=\"")).findFirst();
                if (version.isPresent() && Integer.parseInt(version.get().replaceAll("^JAVA_VERSION=\"(\\d+).*", "$1"))
                        >= 25) {
                    return Optional.of(home.resolve("bin/java"));
                }
            }
        }
        return Optional.empty();
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run migrabot(Map<String, String> environment, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/migrabot").toString()));
        command.addAll(args);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("MIGRABOT_JAVA_OPTS");
        builder.environment().remove("MIGRABOT_CDS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("bin/migrabot ended").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
