package io.migrabot.cli;

import io.migrabot.revision.Revision;
import io.migrabot.testing.AlembicProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code migrabot graph -o FILE}: the picture of the script directory, written to a file. */
class GraphCommandTest {
    @TempDir
    Path dir;
    private AlembicProject project;

    @BeforeEach
    void project() {
        project = AlembicProject.create(dir);
        project.revision(0, new Revision("a1a1", List.of(), List.of(), List.of(), "first", ""),
                AlembicProject.Style.CLASSIC);
        project.revision(1, new Revision("b2b2", List.of("a1a1"), List.of(), List.of(), "second", ""),
                AlembicProject.Style.ANNOTATED);
    }

    @Test
    void writesAPngOfTheScriptDirectory() throws IOException {
        Path png = dir.resolve("graph.png");
        AlembicCli.Output out = AlembicCli.migrabot(List.of("graph", "-c", project.ini().toString(), "-o", png.toString()));
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(out.stdout()).startsWith(png + ": ");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getHeight()).isPositive();
    }

    @Test
    void anOutputThatCannotBeWrittenIsOneLineWithExitStatusTwo() {
        Path png = dir.resolve("no/such/dir/graph.png");
        AlembicCli.Output out = AlembicCli.migrabot(List.of("graph", "-c", project.ini().toString(), "-o", png.toString()));
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.stderr()).startsWith("migrabot: cannot write the picture " + png).doesNotContain("\tat ");
    }

    /** A DISPLAY that names no reachable X server would make AWT fail, unless migrabot runs headless. */
    @Test
    void drawsInAProcessWhoseDisplayCannotBeReached() throws Exception {
        Path png = dir.resolve("graph.png");
        ProcessBuilder main = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.migrabot.Main",
                "graph", "-c", project.ini().toString(), "-o", png.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile());
        main.environment().put("DISPLAY", "127.0.0.1:99");
        main.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = main.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("output.txt"))).isZero();
        assertThat(ImageIO.read(png.toFile())).isNotNull();
    }
}
