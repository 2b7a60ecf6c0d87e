package io.migrabot.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Makes a file or folder read-only for this process, even as root (who ignores permission bits): the immutable
 * attribute ({@code chattr +i}) then, which {@link #close()} takes away again. Skips the test where neither works.
 */
public final class ReadOnly implements AutoCloseable {
    private final Path path;
    private final boolean immutable;

    private ReadOnly(Path path, boolean immutable) {
        this.path = path;
        this.immutable = immutable;
    }

    public static ReadOnly make(Path path) throws IOException {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "r-xr-xr-x"
                : "r--r--r--"));
        if (Files.isWritable(path)) { // root
            Assumptions.assumeTrue(chattr("+i", path) == 0, "chattr +i is not available to make " + path
                    + " read-only for root");
            return new ReadOnly(path, true);
        }
        return new ReadOnly(path, false);
    }

    private static int chattr(String flag, Path path) {
        return Python.exec(path.getParent(), "", List.of("chattr", flag, path.toString())).exitCode();
    }

    @Override
    public void close() throws IOException {
        if (immutable) {
            chattr("-i", path);
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x"
                : "rw-r--r--"));
    }
}
