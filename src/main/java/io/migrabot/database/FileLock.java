package io.migrabot.database;

import io.migrabot.ErrorCode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One operation at a time on a SQLite target, which has no advisory locks: an exclusive lock (fcntl, through
 * {@link FileChannel#tryLock}) on a lock file beside the database ({@code <file>.migrabot-lock}), which works across
 * the processes of one machine and is released by the system when its holder dies. The holder writes what runs,
 * by whom and since when into the file, which a refused operation reads for its "busy: ..." line. The file stays
 * after the lock is released: deleting it would let two processes lock two different files of the same name.
 */
final class FileLock implements OperationLock {
    static final String SUFFIX = ".migrabot-lock";

    /**
     * The lock files this process holds, with their holder's line. POSIX locks belong to the process, and closing any
     * channel on a file releases them all, so a second operation in this process must not even open the file while
     * the first holds it: it is refused from here instead.
     */
    private static final ConcurrentHashMap<Path, String> HELD = new ConcurrentHashMap<>();

    private final TargetDatabase database;
    private final Path file;
    private final Clock clock;

    FileLock(TargetDatabase database, Clock clock) {
        this.database = database;
        Path target = database.file().toAbsolutePath().normalize();
        this.file = target.resolveSibling(target.getFileName() + SUFFIX);
        this.clock = clock;
    }

    @Override
    public <T> T withLock(String operation, String who, Supplier<T> body) {
        SqliteFiles.requireExists(database.connection(), "taking the operation lock"); // make no lock file for none
        String line = TargetLock.printable(operation + " by " + who, 200) + "|" + clock.instant() + "\n";
        String held = HELD.putIfAbsent(file, line);
        if (held != null) {
            throw TargetLock.busy(database.connection().name(), describe(held));
        }
        try (FileChannel channel = open()) {
            java.nio.channels.FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                // this process holds it through another spelling of the path (a link): busy all the same
                lock = null;
            }
            if (lock == null) {
                throw TargetLock.busy(database.connection().name(), holder(channel));
            }
            try {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
                return body.get();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new DatabaseException(ErrorCode.DATABASE, "target " + database.connection().name() + ": the "
                    + "operation lock " + file + " cannot be taken (" + reason(e) + "). migrabot keeps it beside the "
                    + "database, and SQLite writes its journal there too: make the folder writable for this user",
                    "", e);
        } finally {
            HELD.remove(file);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : String.valueOf(e.getMessage());
    }

    private FileChannel open() throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** What the holder wrote: "upgrade by alice since 2026-12-03 13:50 UTC", if it has written it yet. */
    private static Optional<String> holder(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(512);
            int read = channel.read(buffer, 0);
            return describe(read <= 0 ? "" : new String(buffer.array(), 0, read, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty(); // the lock itself still counts
        }
    }

    private static Optional<String> describe(String line) {
        try {
            String text = line.strip();
            int bar = text.lastIndexOf('|');
            if (bar < 0) {
                return Optional.empty();
            }
            Instant since = Instant.parse(text.substring(bar + 1));
            return Optional.of(text.substring(0, bar) + " since " + TargetLock.since(since.atOffset(ZoneOffset.UTC)));
        } catch (RuntimeException e) {
            return Optional.empty(); // a lock file being written, or damaged: the lock itself still counts
        }
    }
}
