package io.migrabot.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The records of a backup folder: one {@code <backup>.json} beside each backup file, newest first when listed. */
final class BackupStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A record's name: its backup's, which ends in one of these, and ".json". */
    private static final java.util.Set<String> SUFFIXES = java.util.Set.of(".dump.json", ".sqlite.json");

    private BackupStore() {
    }

    /** What a backup file of a target of this kind ends in: a pg_dump archive, or a copy of a SQLite file. */
    static String extension(io.migrabot.config.TargetKind kind) {
        return switch (kind) {
            case POSTGRESQL -> ".dump";
            case SQLITE -> ".sqlite";
        };
    }

    /** What verifies a backup file of the kind its name says. */
    static String verification(Path file) {
        return file.getFileName().toString().endsWith(extension(io.migrabot.config.TargetKind.SQLITE))
                ? "PRAGMA integrity_check" : "pg_restore --list";
    }

    static void write(BackupRecord r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", r.id()).put("target", r.target()).put("created", r.created().toString())
                .put("file", r.file().getFileName().toString()).put("size", r.size()).put("sha256", r.sha256())
                .put("duration_ms", r.duration().toMillis()).put("verified", r.verified()).put("reason", r.reason());
        ArrayNode heads = node.putArray("heads");
        r.heads().forEach(heads::add);
        Path file = r.file().resolveSibling(r.file().getFileName() + ".json");
        try {
            Path temporary = Files.createTempFile(file.getParent(), ".record", ".tmp");
            Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.BACKUP, "cannot write the backup record " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Every readable record in {@code directory} for {@code target}, newest first; unreadable ones are skipped. */
    static List<BackupRecord> list(Path directory, String target) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<BackupRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> SUFFIXES.stream().anyMatch(f.getFileName().toString()::endsWith)).toList()) {
                BackupRecord r = read(file);
                if (r != null && r.target().equals(target)) {
                    records.add(r);
                }
            }
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.BACKUP, "cannot list backups in " + directory + ": "
                    + e.getMessage(), e);
        }
        records.sort(Comparator.comparing(BackupRecord::created).reversed());
        return records;
    }

    private static BackupRecord read(Path file) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            String name = n.path("file").asText();
            if (name.isEmpty() || !Path.of(name).getFileName().toString().equals(name)) {
                return null; // a record naming a file outside its folder is not one of ours: never restored or deleted
            }
            List<String> heads = new ArrayList<>();
            n.path("heads").forEach(h -> heads.add(h.asText()));
            return new BackupRecord(n.path("id").asText(), n.path("target").asText(),
                    Instant.parse(n.path("created").asText()), heads,
                    file.resolveSibling(name), n.path("size").asLong(), n.path("sha256").asText(),
                    Duration.ofMillis(n.path("duration_ms").asLong()), n.path("verified").asBoolean(),
                    n.path("reason").asText());
        } catch (IOException | RuntimeException e) {
            return null; // a damaged record does not hide the others; its dump can still be restored by hand
        }
    }

    static void delete(BackupRecord r) throws IOException {
        Files.deleteIfExists(r.file());
        Files.deleteIfExists(r.file().resolveSibling(r.file().getFileName() + ".json"));
    }
}
