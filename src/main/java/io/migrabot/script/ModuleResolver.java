package io.migrabot.script;

import io.migrabot.script.PyValue.Seq;
import io.migrabot.script.PythonModule.Assignment;
import io.migrabot.script.PythonModule.BlockBinding;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the names a revision file takes from its own project to the literals they stand for, without running
 * anything: {@code from a.b import mod} then {@code mod.NAME}, {@code from a.b.mod import NAME [as X]},
 * {@code import a.b.mod [as m]} then {@code m.NAME}, relative imports inside packages, and names assigned from
 * other module-level names, across as many modules as it takes. Modules are found as Python's path finder finds
 * them on the given roots (a package {@code a/b/__init__.py} before a module {@code a/b.py} in each root, namespace
 * packages across roots) and read with {@link PythonModuleScanner}, each file once.
 *
 * <p>What cannot be followed (a module not in the roots, a computed value, a name bound inside a block, a cycle)
 * is a {@link Resolved#failure() failure} saying so; nothing is guessed. A submodule is an attribute of its package
 * only when an import statement on the way loads it. Thread-safe: revision files are read on all cores.
 */
final class ModuleResolver {
    private final List<Path> roots;
    private final ConcurrentHashMap<Path, Scanned> scanned = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Optional<Found>> found = new ConcurrentHashMap<>();

    /** @param roots the directories modules are searched in, in Python's {@code sys.path} order */
    ModuleResolver(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    /** A resolver that finds no module: names assigned in the same file are still followed. */
    static ModuleResolver none() {
        return new ModuleResolver(List.of());
    }

    /** The bindings names are looked up in, where they are, and the package relative imports start from. */
    record Scope(PythonModule module, String location, String packageName) {
    }

    /** A literal value (str, None, or a sequence of them), or why it cannot be known; {@code files} read on the way. */
    record Resolved(PyValue value, String failure, Set<Path> files) {
        boolean ok() {
            return failure == null;
        }
    }

    /** A module found on the roots; {@code file} is null for a namespace package. */
    private record Found(String name, Path file, boolean isPackage, List<Path> path) {
    }

    private record Scanned(PythonModule module, String failure) {
    }

    /**
     * Where following a name has got to: a module (with the submodules imported on the way), or a binding; with
     * the bindings followed to get there, to find cycles.
     */
    private sealed interface Ref permits ModuleRef, ValueRef {
        List<String> path();
    }

    private record ModuleRef(Found module, String imported, List<String> path) implements Ref {
    }

    private record ValueRef(Scope scope, Assignment assignment, List<String> path) implements Ref {
    }

    /** Thrown inside one resolution to stop it with the reason; never escapes this class. */
    private static final class Unresolved extends RuntimeException {
        Unresolved(String message) {
            super(message, null, false, false);
        }
    }

    /** One resolution, collecting the files it reads. */
    private final class Walk {
        private final Set<Path> files = new LinkedHashSet<>();

        PyValue value(Scope scope, PyValue value, String shown, List<String> path) {
            if (value instanceof PyValue.Str || value instanceof PyValue.NoneValue) {
                return value;
            }
            if (value instanceof Seq seq) {
                List<PyValue> items = new ArrayList<>();
                for (PyValue item : seq.items()) {
                    items.add(value(scope, item, shown, path));
                }
                return new Seq(seq.kind(), items);
            }
            if (value instanceof PyValue.Name name) {
                return valueOf(dotted(scope, name.dotted(), path), name.dotted());
            }
            if (value instanceof PyValue.Imported imported) {
                return valueOf(importRef(scope, imported, path), imported.sourceText());
            }
            throw new Unresolved(shown + " is computed (" + ((PyValue.Other) value).sourceText() + " in "
                    + scope.location() + "), not a literal");
        }

        private PyValue valueOf(Ref ref, String shown) {
            if (ref instanceof ModuleRef module) {
                throw new Unresolved(shown + " is the module " + module.module().name() + ", not a value");
            }
            ValueRef binding = (ValueRef) ref;
            Assignment assignment = binding.assignment();
            return value(binding.scope(), assignment.value(), assignment.name() + " at " + binding.scope().location()
                    + ":" + assignment.line(), binding.path());
        }

        /** Follows {@code a.b.c}: the binding of {@code a} in {@code scope}, then attributes. */
        private Ref dotted(Scope scope, String dotted, List<String> path) {
            String[] parts = dotted.split("\\.");
            Ref ref = binding(scope, parts[0], path);
            for (int i = 1; i < parts.length; i++) {
                ref = attribute(ref, parts[i], String.join(".", Arrays.copyOf(parts, i)));
            }
            return ref;
        }

        /** The module-level binding of {@code name} in {@code scope}, followed through names and imports. */
        private Ref binding(Scope scope, String name, List<String> path) {
            List<BlockBinding> blocks = scope.module().blockBindings(name);
            if (!blocks.isEmpty()) {
                BlockBinding block = blocks.get(0);
                throw new Unresolved(name + " is " + (block.deleted() ? "deleted" : "assigned") + " inside a '"
                        + block.block() + "' block at " + scope.location() + ":" + block.line()
                        + "; migrabot cannot tell which value Python ends with");
            }
            Assignment assignment = scope.module().assignment(name).orElseThrow(() -> new Unresolved("name '" + name
                    + "' is not assigned at module level in " + scope.location()));
            String key = scope.location() + ":" + assignment.line() + " " + name;
            if (path.contains(key)) {
                throw new Unresolved("circular import: " + String.join(" -> ", path) + " -> " + key
                        + "; Python cannot import these modules either");
            }
            List<String> longer = new ArrayList<>(path);
            longer.add(key);
            PyValue value = assignment.value();
            if (value instanceof PyValue.Imported imported) {
                return importRef(scope, imported, longer);
            }
            if (value instanceof PyValue.Name other) {
                return dotted(scope, other.dotted(), longer);
            }
            return new ValueRef(scope, assignment, longer);
        }

        private Ref attribute(Ref ref, String name, String shown) {
            if (!(ref instanceof ModuleRef moduleRef)) {
                throw new Unresolved(shown + " is a value, not a module: migrabot does not follow its attribute '"
                        + name + "'");
            }
            Found module = moduleRef.module();
            Scope scope = scope(module);
            if (binds(scope, name)) {
                return binding(scope, name, ref.path());
            }
            String submodule = module.name() + "." + name;
            if ((moduleRef.imported() + ".").startsWith(submodule + ".")) {
                return new ModuleRef(find(submodule).orElseThrow(() -> notFound(submodule)), moduleRef.imported(),
                        ref.path());
            }
            throw new Unresolved("module '" + module.name() + "' (" + where(module) + ") has no module-level name '"
                    + name + "'");
        }

        /** What an import statement binds: a module, or a name (or submodule) of one. */
        private Ref importRef(Scope scope, PyValue.Imported imported, List<String> path) {
            String module = absolute(scope, imported);
            if (imported.attribute() == null) {
                find(imported.imported()).orElseThrow(() -> notFound(imported.imported()));
                return new ModuleRef(find(module).orElseThrow(() -> notFound(module)), imported.imported(), path);
            }
            Found from = find(module).orElseThrow(() -> notFound(module));
            Scope fromScope = scope(from);
            String name = imported.attribute();
            if (binds(fromScope, name) && !importsOwnSubmodule(fromScope, module, name)) {
                return binding(fromScope, name, path);
            }
            String submodule = module + "." + name;
            Optional<Found> sub = from.isPackage() ? find(submodule) : Optional.empty();
            return new ModuleRef(sub.orElseThrow(() -> new Unresolved("cannot import name '" + name + "' from '"
                    + module + "' (" + where(from) + "): it has no module-level name '" + name + "'")), submodule,
                    path);
        }

        /**
         * Whether package {@code module} binds {@code name} by {@code from . import name} (or its absolute form):
         * then the name is the submodule, which that statement loads.
         */
        private boolean importsOwnSubmodule(Scope scope, String module, String name) {
            return scope.module().assignment(name).map(a -> a.value() instanceof PyValue.Imported own
                    && name.equals(own.attribute()) && absolute(scope, own).equals(module)).orElse(false);
        }

        private static boolean binds(Scope scope, String name) {
            return scope.module().assignment(name).isPresent() || !scope.module().blockBindings(name).isEmpty();
        }

        private String absolute(Scope scope, PyValue.Imported imported) {
            if (imported.level() == 0) {
                return imported.module();
            }
            if (scope.packageName() == null) {
                throw new Unresolved(imported.sourceText() + ": attempted relative import with no known parent "
                        + "package (Alembic loads revision files outside any package)");
            }
            List<String> base = new ArrayList<>(List.of(scope.packageName().split("\\.")));
            if (imported.level() - 1 >= base.size()) {
                throw new Unresolved(imported.sourceText() + " in " + scope.location() + ": attempted relative "
                        + "import beyond top-level package");
            }
            base = base.subList(0, base.size() - (imported.level() - 1));
            String prefix = String.join(".", base);
            return imported.module().isEmpty() ? prefix : prefix + "." + imported.module();
        }

        private Scope scope(Found module) {
            if (module.file() == null) {
                return new Scope(new PythonModule(Optional.empty(), Map.of(), List.of()),
                        "namespace package " + module.name(), module.name());
            }
            files.add(module.file());
            Scanned read = scanned.computeIfAbsent(module.file(), ModuleResolver::scan);
            if (read.failure() != null) {
                throw new Unresolved(read.failure() + " (module '" + module.name() + "')");
            }
            String packageName = module.isPackage() ? module.name()
                    : module.name().contains(".") ? module.name().substring(0, module.name().lastIndexOf('.')) : "";
            return new Scope(read.module(), module.file().toString(), packageName.isEmpty() ? null : packageName);
        }

        private Unresolved notFound(String module) {
            return new Unresolved("no module named '" + module + "' in the project (searched " + roots + "); "
                    + "migrabot follows imports only into the project's own source files");
        }
    }

    /**
     * The literal {@code value} stands for in {@code scope}.
     *
     * @param shown how to name the value in a message, e.g. {@code branch_labels}
     */
    Resolved resolve(Scope scope, PyValue value, String shown) {
        Walk walk = new Walk();
        try {
            return new Resolved(walk.value(scope, value, shown, List.of()), null, Set.copyOf(walk.files));
        } catch (Unresolved e) {
            return new Resolved(null, e.getMessage(), Set.copyOf(walk.files));
        }
    }

    private static String where(Found module) {
        return module.file() == null ? "a namespace package" : module.file().toString();
    }

    /**
     * The directories of package {@code dotted} (one for a regular package, the portions of a namespace one), as
     * {@code importlib.resources.files} would see them; empty when it is not found or is a plain module.
     */
    List<Path> packageDirectories(String dotted) {
        return find(dotted).filter(Found::isPackage).map(Found::path).orElse(List.of());
    }

    /** Python's path finder: for each part, the first root holding a package, else a module, else namespace dirs. */
    private Optional<Found> find(String name) {
        Optional<Found> cached = found.get(name);
        if (cached != null) {
            return cached;
        }
        Optional<Found> result = search(name);
        found.putIfAbsent(name, result);
        return result;
    }

    private Optional<Found> search(String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        List<Path> path = roots;
        Found module = null;
        String sofar = "";
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty() || (module != null && !module.isPackage())) {
                return Optional.empty();
            }
            sofar = sofar.isEmpty() ? part : sofar + "." + part;
            module = null;
            List<Path> namespace = new ArrayList<>();
            for (Path dir : path) {
                Path init = dir.resolve(part).resolve("__init__.py");
                if (Files.isRegularFile(init)) {
                    module = new Found(sofar, init, true, List.of(dir.resolve(part)));
                    break;
                }
                Path file = dir.resolve(part + ".py");
                if (Files.isRegularFile(file)) {
                    module = new Found(sofar, file, false, List.of());
                    break;
                }
                if (Files.isDirectory(dir.resolve(part))) {
                    namespace.add(dir.resolve(part));
                }
            }
            if (module == null && namespace.isEmpty()) {
                return Optional.empty();
            }
            if (module == null) {
                module = new Found(sofar, null, true, List.copyOf(namespace));
            }
            path = module.path();
        }
        return Optional.of(module);
    }

    private static Scanned scan(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            String fileName = file.getFileName().toString();
            Charset charset = PythonSourceDecoder.charset(fileName, content);
            return new Scanned(PythonModuleScanner.scan(fileName, PythonSourceDecoder.decode(content, charset)), null);
        } catch (PythonSyntaxException e) {
            return new Scanned(null, file + ":" + e.line() + ": " + e.reason());
        } catch (CharacterCodingException e) {
            return new Scanned(null, file + " is not valid Python source text");
        } catch (IOException | SecurityException e) {
            return new Scanned(null, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
