package io.migrabot.operation;

import io.migrabot.revision.RevisionNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What a changing operation would do if it ran now: the heads it starts from, the revisions it would run, the
 * version-table changes (for a stamp), and a fingerprint of all of it including the revision files' bytes. An
 * approval is given to a fingerprint; if anything changed by the time it runs (another upgrade, edited files), the
 * fingerprint differs and the approved run is refused.
 *
 * @param arguments what was asked, as typed
 * @param changes   version-table changes in words, for a stamp; empty otherwise
 */
public record Plan(String target, String operation, List<String> arguments, List<String> heads,
                   List<String> revisions, List<String> changes, String fingerprint) {

    public Plan {
        arguments = List.copyOf(arguments);
        heads = List.copyOf(heads);
        revisions = List.copyOf(revisions);
        changes = List.copyOf(changes);
    }

    public boolean nothingToDo() {
        return revisions.isEmpty() && changes.isEmpty() && !operation.equals("restore");
    }

    static Plan of(Target target, String operation, List<String> arguments, List<String> heads,
                   List<RevisionNode> steps, List<String> changes) {
        MessageDigest digest = sha256();
        for (List<String> part : List.of(List.of(target.name(), operation), arguments, heads, changes)) {
            update(digest, String.join("\u0000", part) + "\u0001");
        }
        for (RevisionNode step : steps) {
            update(digest, step.id() + "\u0000");
            String file = step.revision().path();
            if (file != null) {
                try {
                    digest.update(Files.readAllBytes(Path.of(file)));
                } catch (IOException | java.nio.file.InvalidPathException e) {
                    update(digest, "unreadable: " + e.getClass().getSimpleName());
                }
            }
        }
        return new Plan(target.name(), operation, arguments, heads, steps.stream().map(RevisionNode::id).toList(),
                changes, HexFormat.of().formatHex(digest.digest()));
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
