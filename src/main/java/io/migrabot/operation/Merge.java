package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.revision.AlembicMessages;
import io.migrabot.revision.RevisionException;
import io.migrabot.revision.RevisionNode;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a merge revision joining several revisions (by default all heads) into one, in the source's own format:
 * for an Alembic project the real {@code alembic merge} writes it, following the project's
 * {@code script.py.mako}; for native SQL, a {@code .sql} file with empty up and down sections.
 */
public final class Merge {
    private static final Pattern GENERATED = Pattern.compile("Generating (.+?\\.py)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Target target;

    public Merge(Target target) {
        this.target = target;
    }

    /** The new revision's id, what it merges, and the file written. */
    public record Result(String revision, List<String> merged, Path file) {
    }

    /** What {@link #run} would merge: for a person to approve when the policy asks for it. */
    public Plan plan(String message, List<String> revisions) {
        List<String> merged = merged(message, revisions);
        List<String> arguments = new ArrayList<>(revisions);
        arguments.add("-m");
        arguments.add(message);
        return Plan.of(target, "merge", arguments, target.scripts().graph().heads(), List.of(),
                List.of("write a revision that merges " + String.join(", ", merged)));
    }

    public Result run(String message, List<String> revisions) {
        List<String> parents = merged(message, revisions);
        String id = HexFormat.of().formatHex(RANDOM.generateSeed(6));
        Path file = target.scripts() instanceof AlembicScripts alembic
                ? alembicMerge(alembic, message, id, parents)
                : sqlMerge((NativeScripts) target.scripts(), message, id, parents);
        return new Result(id, parents, file);
    }

    private List<String> merged(String message, List<String> revisions) {
        target.requireSoundScripts("merge");
        if (message == null || message.isBlank() || message.length() > 200 || message.chars().anyMatch(c -> c < 0x20)) {
            throw new MigrabotException(ErrorCode.USAGE, "a merge needs a message (-m) of one line, at most 200 "
                    + "characters");
        }
        Set<String> merged = new LinkedHashSet<>();
        try {
            for (String argument : revisions.isEmpty() ? List.of("heads") : revisions) {
                for (RevisionNode node : target.scripts().graph().resolver().resolveAll(argument)) {
                    merged.add(node.id());
                }
            }
        } catch (RevisionException e) {
            throw AlembicMessages.translate(e, null, null);
        }
        if (merged.size() < 2) {
            throw new MigrabotException(ErrorCode.USAGE, "nothing to merge: " + (revisions.isEmpty() ? "the scripts "
                    + "have one head" : "the revisions given name " + merged.size()));
        }
        return new ArrayList<>(merged);
    }

    private Path alembicMerge(AlembicScripts scripts, String message, String id, List<String> parents) {
        Path template = scripts.directory().config().scriptLocation().resolve("script.py.mako");
        if (!Files.isRegularFile(template)) {
            throw new MigrabotException(ErrorCode.SCRIPT_DIRECTORY, "alembic merge writes the new revision from "
                    + template + ", which does not exist; restore it from version control (alembic init writes "
                    + "one); nothing was written");
        }
        // --message=... so that a message starting with '-' is never taken for an option
        List<String> args = new ArrayList<>(List.of("merge", "--message=" + message, "--rev-id", id));
        args.addAll(parents);
        List<String> output = new ArrayList<>(scripts.runner().run(args, 0, Progress.Listener.NONE,
                new Cancellation()).stdout());
        for (String line : output) {
            Matcher m = GENERATED.matcher(line);
            if (m.find()) {
                return Path.of(m.group(1).strip());
            }
        }
        throw new MigrabotException(ErrorCode.ALEMBIC, "alembic merge ran but did not say which file it wrote: "
                + String.join(" ", output));
    }

    private Path sqlMerge(NativeScripts scripts, String message, String id, List<String> parents) {
        String slug = message.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_|_$", "");
        Path file = scripts.directory().directory().resolve(id + "_" + (slug.isEmpty() ? "merge" : slug) + ".sql");
        String text = "-- revision: " + id + "\n-- down_revision: " + String.join(", ", parents) + "\n-- message: "
                + message + "\n\n-- migrate:up\n\n-- migrate:down\n";
        try {
            Files.writeString(file, text, java.nio.file.StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "cannot write the merge revision " + file + ": "
                    + e.getMessage(), e);
        }
        return file;
    }
}
