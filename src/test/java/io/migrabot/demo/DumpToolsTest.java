package io.migrabot.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the demo looks for pg_dump and pg_restore, and which it takes: one new enough for the server. */
class DumpToolsTest {
    @TempDir
    Path dir;

    @Test
    void takesTheFirstFolderOfThePathWhosePgDumpIsNewEnough() throws IOException {
        Path old = tools("old", 13);
        Path fresh = tools("fresh", 16);
        Map<String, String> path = Map.of("PATH", dir.resolve("empty") + ":" + old + ":" + fresh);
        assertThat(DumpTools.find(path, 14)).contains(new DumpTools.Found(fresh, 16));
        assertThat(DumpTools.find(path, 13)).contains(new DumpTools.Found(old, 13));
    }

    @Test
    void theVariableNamesTheOnlyFolderLookedIn() throws IOException {
        Path chosen = tools("chosen", 14);
        Path other = tools("other", 17);
        assertThat(DumpTools.find(Map.of(DumpTools.VARIABLE, chosen.toString(), "PATH", other.toString()), 14))
                .contains(new DumpTools.Found(chosen, 14));
        assertThat(DumpTools.find(Map.of(DumpTools.VARIABLE, dir.resolve("none").toString(), "PATH",
                other.toString()), 14)).isEmpty();
        assertThat(DumpTools.where(Map.of(DumpTools.VARIABLE, "/opt/pg"))).isEqualTo(DumpTools.VARIABLE + "=/opt/pg");
    }

    @Test
    void aFolderWithoutPgRestoreOrWithAPgDumpThatFailsIsPassedOver() throws IOException {
        Path lonely = tools("lonely", 15);
        Files.delete(lonely.resolve("pg_restore"));
        Path broken = Files.createDirectories(dir.resolve("broken"));
        script(broken.resolve("pg_dump"), "echo 'segmentation fault' >&2; exit 139");
        script(broken.resolve("pg_restore"), "exit 0");
        // what may be found after them is the machine's own, in /usr/lib/postgresql
        assertThat(DumpTools.find(Map.of("PATH", lonely + ":" + broken), 14).map(DumpTools.Found::folder))
                .isNotEqualTo(Optional.of(lonely)).isNotEqualTo(Optional.of(broken));
    }

    /** A folder whose pg_dump says it is of {@code major}, beside a pg_restore. */
    private Path tools(String name, int major) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        script(folder.resolve("pg_dump"), "echo 'pg_dump (PostgreSQL) " + major + ".2'");
        script(folder.resolve("pg_restore"), "echo 'pg_restore (PostgreSQL) " + major + ".2'");
        return folder;
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
