package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.revision.RevisionNode;

import io.migrabot.script.AlembicConfig;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Names everything an expected schema depends on, as SHA-256 in hex: each revision's id and file content (not its
 * path, so a moved checkout keeps its cache), the source kind, for Alembic its {@code alembic.ini} and
 * {@code env.py} (they shape the offline SQL), the version table left out of the models, and the kind and version
 * of the shadow database (PostgreSQL's major version, whose deparsers write the definitions; SQLite's). Every field is length-prefixed, so no two
 * different inputs run together into the same bytes.
 */
final class ScriptsFingerprint {
    /** Changed whenever what a build does changes, so models built the old way are not reused. */
    private static final String VERSION = "migrabot expected schema 1";

    private final MessageDigest digest;

    private ScriptsFingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String of(Target target, int serverVersion) {
        ScriptsFingerprint f = new ScriptsFingerprint();
        f.add(VERSION);
        f.add(target.scripts() instanceof AlembicScripts ? "alembic" : "sql");
        f.add(target.database().kind().name().toLowerCase(java.util.Locale.ROOT) + " " + serverVersion);
        f.add(target.versionTable().displayName());
        if (target.scripts() instanceof AlembicScripts alembic) {
            AlembicConfig config = alembic.directory().config();
            config.ini().ifPresent(ini -> f.add(read(ini.iniFile())));
            config.toml().ifPresent(toml -> f.add(read(toml.file())));
            f.add(read(config.scriptLocation().resolve("env.py")));
        }
        List<RevisionNode> nodes = new ArrayList<>(target.scripts().graph().nodes());
        nodes.sort(Comparator.comparing(RevisionNode::id));
        for (RevisionNode node : nodes) {
            f.add(node.id());
            f.add(read(Path.of(node.revision().path())));
        }
        return HexFormat.of().formatHex(f.digest.digest());
    }

    private void add(String text) {
        add(text.getBytes(StandardCharsets.UTF_8));
    }

    private void add(byte[] bytes) {
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.SCRIPT_DIRECTORY, "cannot read " + file + " to tell whether its "
                    + "expected schema changed: " + e.getMessage(), e);
        }
    }
}
