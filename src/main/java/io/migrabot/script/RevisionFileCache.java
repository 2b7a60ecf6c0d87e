package io.migrabot.script;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read results of revision files kept between loads of one script directory, so that a long-running process
 * (the bot, scheduled checks) re-parses only files that changed. A file counts as unchanged while its size,
 * modification time and file key (device and inode) are the same, as git's index decides; a rewrite that keeps
 * all three is not noticed until the file changes again or the process restarts.
 */
public final class RevisionFileCache {
    private final ConcurrentHashMap<Path, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(long size, long modifiedNanos, Object fileKey, AlembicRevisionFileReader.ReadResult result) {
    }

    /** The cached result for {@code file}, or null when it is not cached or has changed. */
    AlembicRevisionFileReader.ReadResult get(Path file, BasicFileAttributes attributes) {
        Entry entry = entries.get(file);
        if (entry == null || attributes == null) {
            return null;
        }
        boolean same = entry.size() == attributes.size()
                && entry.modifiedNanos() == nanos(attributes)
                && Objects.equals(entry.fileKey(), attributes.fileKey());
        return same ? entry.result() : null;
    }

    void put(Path file, BasicFileAttributes attributes, AlembicRevisionFileReader.ReadResult result) {
        if (attributes != null && attributes.fileKey() != null) {
            entries.put(file, new Entry(attributes.size(), nanos(attributes), attributes.fileKey(), result));
        }
    }

    /** Forgets files that are no longer listed. */
    void retainOnly(java.util.Collection<Path> files) {
        entries.keySet().retainAll(new java.util.HashSet<>(files));
    }

    public int size() {
        return entries.size();
    }

    private static long nanos(BasicFileAttributes attributes) {
        return attributes.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
