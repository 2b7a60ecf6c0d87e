package io.migrabot.script;

import io.migrabot.revision.Problem;
import io.migrabot.revision.ProblemKind;
import io.migrabot.revision.Revision;
import io.migrabot.script.PyValue.Seq;
import io.migrabot.script.PythonModule.Assignment;
import io.migrabot.script.PythonModule.BlockBinding;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one Alembic revision file without running it, giving what Alembic 1.8 gets by importing the module
 * ({@code Script._from_filename}, {@code Revision.__init__}): the id ({@code revision}, or the legacy file name
 * rule), the parents ({@code down_revision}), {@code branch_labels}, {@code depends_on} and the stripped docstring.
 * Instead of raising at the first error as Alembic does, it reports every problem it finds in the file.
 *
 * <p>Values must be literals, or names that lead to literals: a name assigned at module level in the same file, or
 * imported from the project's own modules, is followed by {@link ModuleResolver}; a call or expression is reported
 * as {@link ProblemKind#NOT_A_LITERAL} even where Python could compute it. So is each binding or {@code del} of one
 * of the four names inside a module-level {@code if}, {@code try}, {@code with}, {@code for}, {@code while} (...)
 * block, at any depth but outside def and class bodies, even where Python's result is plain (an {@code if False:}
 * block, an assignment the module repeats later): which of those statements run is not known without running the
 * file. For {@code revision} and {@code down_revision} these are problems, and the file gives no revision; for
 * {@code branch_labels} and {@code depends_on} they are warnings ({@link ProblemKind#UNKNOWN_BRANCH_LABELS},
 * {@link ProblemKind#UNKNOWN_DEPENDENCIES}), and the revision is kept without the values that could not be
 * determined. A {@code down_revision} set, or a non-string element of a tuple or list, is
 * {@link ProblemKind#BAD_VALUE} although Alembic sometimes accepts one. See {@link PythonModuleScanner} for which
 * statements are understood. Whether the file name looks like a revision file is the caller's business.
 *
 * <p>Stateless (the module cache is the {@link ModuleResolver}'s): one instance may be shared between threads.
 */
public final class AlembicRevisionFileReader {

    /**
     * Either the revision the file declares, or the (non-empty) problems that prevent reading it; with warnings
     * about what could not be read but does not stop the revision from loading (branch labels or dependencies it
     * could not determine, left out of the revision).
     *
     * @param importsFiles whether reading followed imports into other files, whose changes the result depends on
     */
    public record ReadResult(Optional<Revision> revision, List<Problem> problems, List<Problem> warnings,
                             boolean importsFiles) {
        public ReadResult {
            Objects.requireNonNull(revision, "revision");
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            if (revision.isPresent() != problems.isEmpty()) {
                throw new IllegalArgumentException("a result holds either a revision or problems");
            }
        }

        /** A result without warnings that read no other file. */
        public ReadResult(Optional<Revision> revision, List<Problem> problems) {
            this(revision, problems, List.of(), false);
        }
    }

    private static final Pattern LEGACY_REVISION = Pattern.compile("([a-f0-9]+)\\.py$");
    private static final Pattern CREATE_DATE = Pattern.compile("^[ \\t]*Create Date:(.*)$", Pattern.MULTILINE);
    private static final Pattern NON_WORD = Pattern.compile("\\W", Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * @param path    where the file is; its string form becomes {@link Revision#path()} and problem locations,
     *                its file name is used for the legacy revision id rule
     * @param content the file's bytes
     * @return the revision, or every problem found; bad content never makes this throw
     */
    public ReadResult read(Path path, byte[] content) {
        return read(path, content, ModuleResolver.none());
    }

    /**
     * Like {@link #read(Path, byte[])}, following names the file imports from modules {@code modules} finds.
     */
    ReadResult read(Path path, byte[] content, ModuleResolver modules) {
        String location = path.toString();
        String fileName = path.getFileName() == null ? location : path.getFileName().toString();
        if (new String(content, StandardCharsets.ISO_8859_1).indexOf(0) >= 0) { // a vectorised search, unlike a loop
            return failed(new Problem(ProblemKind.NOT_TEXT, location, fileName + " contains NUL bytes"));
        }
        try {
            Charset charset = PythonSourceDecoder.charset(fileName, content);
            String source;
            try {
                source = PythonSourceDecoder.decode(content, charset);
            } catch (CharacterCodingException e) {
                return failed(new Problem(ProblemKind.NOT_TEXT, location,
                        fileName + " is not valid " + charset.name() + " text"));
            }
            return new FileReading(location, fileName, PythonModuleScanner.scan(fileName, source), modules).result();
        } catch (PythonSyntaxException e) {
            return failed(new Problem(ProblemKind.SYNTAX_ERROR, location + ":" + e.line(), e.reason()));
        }
    }

    /**
     * The value of the {@code Create Date:} line Alembic's default template writes into the docstring, trimmed;
     * empty when there is none.
     */
    public static String createDate(String longDoc) {
        Matcher line = CREATE_DATE.matcher(longDoc);
        return line.find() ? line.group(1).strip() : "";
    }

    private static ReadResult failed(Problem problem) {
        return new ReadResult(Optional.empty(), List.of(problem));
    }

    /** One file's module attributes checked as Alembic uses them, collecting problems as it goes. */
    private static final class FileReading {
        private final String location;
        private final String fileName;
        private final PythonModule module;
        private final ModuleResolver modules;
        private final List<Problem> problems = new ArrayList<>();
        private final List<Problem> warnings = new ArrayList<>();
        private boolean importsFiles;

        FileReading(String location, String fileName, PythonModule module, ModuleResolver modules) {
            this.location = location;
            this.fileName = fileName;
            this.module = module;
            this.modules = modules;
        }

        ReadResult result() {
            String id = revisionId();
            List<String> parents = downRevisions();
            List<String> branchLabels = optionalStrings("branch_labels", ProblemKind.UNKNOWN_BRANCH_LABELS);
            List<String> dependsOn = optionalStrings("depends_on", ProblemKind.UNKNOWN_DEPENDENCIES);
            if (!problems.isEmpty()) {
                return new ReadResult(Optional.empty(), problems, warnings, importsFiles);
            }
            // Alembic drops a lone empty depends_on entry: its dependencies are then falsy and never resolved.
            List<String> dependencies = dependsOn.equals(List.of("")) ? List.of() : dependsOn;
            String longDoc = module.docString().map(doc -> pythonStrip(doc.text())).orElse("");
            return new ReadResult(Optional.of(new Revision(id, parents, branchLabels, dependencies, longDoc, location)),
                    List.of(), warnings, importsFiles);
        }

        /**
         * A {@code revision} or {@code down_revision} assignment with its value followed through names and imports
         * to a literal; empty after reporting why the value cannot be known.
         */
        private Optional<Assignment> resolved(Assignment assignment) {
            return followed(assignment, assignment.value(), ProblemKind.UNRESOLVED_NAME, problems)
                    .map(value -> new Assignment(assignment.name(), assignment.line(), value));
        }

        /**
         * {@code value} (the assignment's, or one item of it) followed through names and imports to a literal, as
         * it is when there is nothing to follow; empty after reporting, as {@code kind} in {@code into}, why it
         * cannot be known. The revision file has no package, so its relative imports fail, as in Python.
         */
        private Optional<PyValue> followed(Assignment assignment, PyValue value, ProblemKind kind, List<Problem> into) {
            if (!refersToNames(value)) {
                return Optional.of(value);
            }
            ModuleResolver.Resolved resolved = modules.resolve(new ModuleResolver.Scope(module, location, null),
                    value, assignment.name());
            // also a failure that read no file (no such module yet): it must be read again, not cached
            importsFiles |= !resolved.files().isEmpty() || !resolved.ok();
            if (!resolved.ok()) {
                into.add(new Problem(kind, location + ":" + assignment.line(), assignment.name() + " = "
                        + render(assignment.value()) + ": " + resolved.failure()));
                return Optional.empty();
            }
            return Optional.of(resolved.value());
        }

        private static boolean refersToNames(PyValue value) {
            if (value instanceof Seq seq) {
                return seq.items().stream().anyMatch(FileReading::refersToNames);
            }
            return value instanceof PyValue.Name || value instanceof PyValue.Imported;
        }

        private String revisionId() {
            boolean boundInBlocks = boundInBlocks("revision");
            Optional<Assignment> declared = module.assignment("revision");
            if (declared.isEmpty() && boundInBlocks) {
                return null;
            }
            if (declared.isEmpty()) {
                Matcher legacy = LEGACY_REVISION.matcher(fileName);
                if (legacy.lookingAt()) {
                    return legacy.group(1);
                }
                problems.add(new Problem(ProblemKind.MISSING_REVISION, location,
                        "Could not determine revision id from filename " + fileName + ". Be sure the 'revision' "
                                + "variable is declared inside the script (please see 'Upgrading from Alembic 0.1 "
                                + "to 0.2' in the documentation)."));
                return null;
            }
            Optional<Assignment> resolved = resolved(declared.get());
            if (resolved.isEmpty()) {
                return null;
            }
            Assignment revision = resolved.get();
            if (revision.value() instanceof PyValue.Other) {
                notALiteral(revision);
                return null;
            }
            if (!(revision.value() instanceof PyValue.Str id)) {
                problem(ProblemKind.BAD_VALUE, revision, "revision = " + render(revision.value()) + " is not a string");
                return null;
            }
            return id.value();
        }

        private List<String> downRevisions() {
            boolean boundInBlocks = boundInBlocks("down_revision");
            Optional<Assignment> declared = module.assignment("down_revision");
            if (declared.isEmpty() && boundInBlocks) {
                return null;
            }
            if (declared.isEmpty()) {
                String moduleId = NON_WORD.matcher(fileName).replaceAll("_");
                problems.add(new Problem(ProblemKind.MISSING_DOWN_REVISION, location,
                        "module '" + moduleId + "' has no attribute 'down_revision'"));
                return null;
            }
            Optional<Assignment> resolved = resolved(declared.get());
            if (resolved.isEmpty()) {
                return null;
            }
            PyValue value = resolved.get().value();
            if (value instanceof PyValue.Str s && s.value().isEmpty()) {
                return List.of();
            }
            return strings(resolved.get(), false);
        }

        /**
         * {@code branch_labels} or {@code depends_on}: what cannot be determined (a value bound in a block, a name
         * that cannot be followed, an expression) is left out with a warning of {@code unknown} kind, keeping the
         * revision; a value of the wrong type is still a problem.
         */
        private List<String> optionalStrings(String attribute, ProblemKind unknown) {
            if (boundInBlocks(attribute, unknown, warnings)) {
                return List.of();
            }
            Optional<Assignment> declared = module.assignment(attribute);
            if (declared.isEmpty()) {
                return List.of();
            }
            Assignment assignment = declared.get();
            PyValue value = assignment.value();
            if (value instanceof Seq seq) {
                List<PyValue> known = new ArrayList<>();
                for (PyValue item : seq.items()) {
                    known(assignment, item, unknown).ifPresent(known::add);
                }
                value = new Seq(seq.kind(), known);
            } else {
                Optional<PyValue> known = known(assignment, value, unknown);
                if (known.isEmpty()) {
                    return List.of();
                }
                value = known.get();
            }
            List<String> strings = strings(new Assignment(attribute, assignment.line(), value), true);
            return strings == null ? List.of() : strings;
        }

        /** One value (or item) of an optional attribute, followed to a literal; empty after a warning. */
        private Optional<PyValue> known(Assignment assignment, PyValue value, ProblemKind unknown) {
            if (value instanceof PyValue.Other other) {
                warnings.add(new Problem(unknown, location + ":" + assignment.line(), assignment.name() + " = "
                        + render(assignment.value()) + ": " + other.sourceText() + " is not a literal"));
                return Optional.empty();
            }
            return followed(assignment, value, unknown, warnings);
        }

        /**
         * Reports each binding of {@code attribute} inside a block Python runs, which may change the value the
         * module-level assignments give (or make up for a missing one); true if there is one.
         */
        private boolean boundInBlocks(String attribute) {
            return boundInBlocks(attribute, ProblemKind.NOT_A_LITERAL, problems);
        }

        private boolean boundInBlocks(String attribute, ProblemKind kind, List<Problem> into) {
            List<BlockBinding> bindings = module.blockBindings(attribute);
            for (BlockBinding binding : bindings) {
                String article = "aeiou".indexOf(binding.block().charAt(0)) >= 0 ? "an" : "a";
                into.add(new Problem(kind, location + ":" + binding.line(),
                        attribute + (binding.deleted() ? " is deleted" : " is assigned") + " inside " + article
                                + " '" + binding.block() + "' block at line " + binding.line()
                                + "; migrabot cannot tell which value Python ends with"));
            }
            return !bindings.isEmpty();
        }

        /**
         * The strings a value stands for, as Alembic's {@code to_tuple} sees it: None is none, a str is one, a
         * tuple or list holds several, and so does a set where allowed (duplicates dropped, source order kept).
         * Null after recording a problem.
         */
        private List<String> strings(Assignment assignment, boolean setAllowed) {
            PyValue value = assignment.value();
            if (value instanceof PyValue.Str s) {
                return List.of(s.value());
            }
            if (value instanceof PyValue.NoneValue) {
                return List.of();
            }
            if (value instanceof PyValue.Other) {
                notALiteral(assignment);
                return null;
            }
            Seq seq = (Seq) value;
            PyValue notString = null;
            for (PyValue item : seq.items()) {
                if (item instanceof PyValue.Other) {
                    notALiteral(assignment);
                    return null;
                }
                if (notString == null && !(item instanceof PyValue.Str)) {
                    notString = item;
                }
            }
            if (notString != null) {
                problem(ProblemKind.BAD_VALUE, assignment, assignment.name() + " = " + render(seq) + " holds "
                        + render(notString) + ", which is not a string");
                return null;
            }
            if (seq.kind() == Seq.Kind.SET && !setAllowed) {
                problem(ProblemKind.BAD_VALUE, assignment, assignment.name() + " = " + render(seq) + " is a set, "
                        + "which has no order; Alembic cannot take the parents from it reliably");
                return null;
            }
            List<String> strings = new ArrayList<>(seq.items().size());
            for (PyValue item : seq.items()) {
                String string = ((PyValue.Str) item).value();
                if (seq.kind() != Seq.Kind.SET || !strings.contains(string)) { // a set keeps the first of equal items
                    strings.add(string);
                }
            }
            return strings;
        }

        private void notALiteral(Assignment assignment) {
            problem(ProblemKind.NOT_A_LITERAL, assignment,
                    assignment.name() + " = " + render(assignment.value()) + " is not a literal");
        }

        private void problem(ProblemKind kind, Assignment where, String message) {
            problems.add(new Problem(kind, location + ":" + where.line(), message));
        }
    }

    /** A value as Python would print it, close enough for a message. */
    private static String render(PyValue value) {
        if (value instanceof PyValue.Str s) {
            return "'" + s.value().replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
        }
        if (value instanceof PyValue.Other other) {
            return other.sourceText();
        }
        if (value instanceof PyValue.Name name) {
            return name.dotted();
        }
        if (value instanceof PyValue.Imported imported) {
            return imported.sourceText();
        }
        if (value instanceof Seq seq) {
            String items = seq.items().stream().map(AlembicRevisionFileReader::render).collect(Collectors.joining(", "));
            switch (seq.kind()) {
                case LIST: return "[" + items + "]";
                case SET: return "{" + items + "}";
                default: return "(" + items + (seq.items().size() == 1 ? ",)" : ")");
            }
        }
        return "None";
    }

    /** Python's {@code str.strip()}: removes what {@code str.isspace()} calls whitespace, NBSP included. */
    static String pythonStrip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPythonSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isPythonSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }
}
