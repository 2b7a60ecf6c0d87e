package io.migrabot.script;

import io.migrabot.script.PyValue.Seq;
import io.migrabot.script.PythonModule.Assignment;
import io.migrabot.script.PythonModule.BlockBinding;
import io.migrabot.script.PythonModule.DocString;
import io.migrabot.script.PythonToken.Kind;
import io.migrabot.script.PythonTokenizer.LogicalLine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.migrabot.script.PythonTokens.closing;
import static io.migrabot.script.PythonTokens.indexOfName;
import static io.migrabot.script.PythonTokens.isAugmentedAssign;
import static io.migrabot.script.PythonTokens.sourceText;
import static io.migrabot.script.PythonTokens.split;
import static io.migrabot.script.PythonTokens.splitAssignment;
import static io.migrabot.script.PythonTokens.unwrapBrackets;
import static io.migrabot.script.PythonTokens.unwrapParentheses;

/**
 * Finds, without running it, what a Python module's top-level simple statements bind: the docstring (the first
 * statement, when it is a str literal expression) and the names assigned at indentation 0, last binding winning.
 * Understood: {@code x = v}, {@code x: T = v}, chained {@code x = y = v}, unpacking (paired when both sides are
 * flat, otherwise {@link PyValue.Other}), augmented assignment ({@code Other}), {@code import}/{@code from ...
 * import} (the bound names become {@link PyValue.Imported}) and {@code del}. A value that is a name or a dotted
 * name ({@code cli.CONTRACT_BRANCH}) is a {@link PyValue.Name}, for {@link ModuleResolver} to follow.
 *
 * <p>Blocks Python runs at import time ({@code if}, {@code elif}, {@code else}, {@code try}, {@code except},
 * {@code finally}, {@code with}, {@code for}, {@code while}, {@code match}, at any depth) are not evaluated: which
 * of their statements run is unknown. The names they bind or delete are listed as {@link BlockBinding}s instead:
 * those of the statements above and of {@code for} targets, {@code with ... as} and {@code except ... as}, and the
 * names of functions and classes defined there. Bodies of {@code def} and {@code class} bind no module names and
 * are skipped.
 *
 * <p>Limits: names bound by a module-level {@code def} or {@code class}, by {@code :=}, by {@code match} patterns
 * or by {@code from m import *} are not seen. Syntax errors are those {@link PythonTokenizer} finds plus a few in
 * the statements read here; anything needing a full parser (a bad expression inside a function) goes unnoticed.
 */
final class PythonModuleScanner {

    private static final Set<String> COMPOUND_KEYWORDS = Set.of(
            "if", "elif", "else", "while", "for", "try", "except", "finally", "with", "def", "class", "async");

    /** Names the tokenizer gives as NAME tokens that are not names a module can bind. */
    private static final Set<String> KEYWORDS = Set.of("True", "False", "None", "lambda", "not", "await", "yield",
            "and", "or", "if", "else", "in", "is");

    private final String fileName;
    private final Map<String, Assignment> assignments = new LinkedHashMap<>();
    private final List<BlockBinding> blockBindings = new ArrayList<>();
    /** The keyword of the run block whose statements are being read; null for module-level statements. */
    private String block;

    /** An open block header: its line's indentation depth and its keyword. */
    private record Header(int depth, String keyword) {
        boolean definition() {
            return keyword.equals("def") || keyword.equals("class");
        }
    }

    private PythonModuleScanner(String fileName) {
        this.fileName = fileName;
    }

    /**
     * @param fileName used in error messages only
     * @throws PythonSyntaxException when the source is not valid Python as far as this scanner can tell
     */
    static PythonModule scan(String fileName, String source) {
        return new PythonModuleScanner(fileName).module(PythonTokenizer.tokenize(fileName, source));
    }

    private PythonModule module(List<LogicalLine> lines) {
        Optional<DocString> docString = Optional.empty();
        boolean first = true;
        Deque<Header> headers = new ArrayDeque<>();
        for (LogicalLine line : lines) {
            while (!headers.isEmpty() && headers.peek().depth() >= line.depth()) {
                headers.pop();
            }
            boolean compound = isCompound(line.tokens());
            if (line.depth() == 0 && !compound) {
                for (List<PythonToken> statement : statements(line.line(), line.tokens())) {
                    if (first) {
                        docString = docString(statement);
                        first = false;
                    }
                    bind(statement);
                }
                continue;
            }
            first = false;
            if (insideDefinition(headers)) {
                continue;
            }
            block = headers.isEmpty() ? null : headers.peek().keyword();
            if (!compound) {
                statements(line.line(), line.tokens()).forEach(this::bind);
            } else if (!line.tokens().get(0).isOp("@")) {
                headers.push(new Header(line.depth(), header(line)));
            }
            block = null;
        }
        return new PythonModule(docString, assignments, blockBindings);
    }

    private static boolean insideDefinition(Deque<Header> headers) {
        for (Header header : headers) {
            if (header.definition()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCompound(List<PythonToken> tokens) {
        PythonToken head = tokens.get(0);
        return (head.kind() == Kind.NAME && COMPOUND_KEYWORDS.contains(head.text())) || head.isOp("@")
                || tokens.get(tokens.size() - 1).isOp(":");
    }

    /**
     * Reads a block header (not a decorator) outside def and class bodies, with a body written on the same line
     * unless it is a def or class; returns its keyword ({@code async} skipped).
     */
    private String header(LogicalLine line) {
        List<PythonToken> tokens = line.tokens();
        int at = tokens.get(0).isName("async") && tokens.size() > 1 ? 1 : 0;
        String keyword = tokens.get(at).text();
        int colon = headerColon(line);
        if (colon <= at) {
            throw new PythonSyntaxException(fileName, line.line(), "invalid syntax");
        }
        List<PythonToken> head = tokens.subList(at + 1, colon);
        if (keyword.equals("def") || keyword.equals("class")) {
            if (block != null && !head.isEmpty() && head.get(0).kind() == Kind.NAME) {
                put(head.get(0), new PyValue.Other(keyword + " " + head.get(0).text()));
            }
            return keyword;
        }
        block = keyword;
        String text = sourceText(head);
        if (keyword.equals("for") && indexOfName(head, "in") > 0) {
            bindTarget(head.subList(0, indexOfName(head, "in")), new PyValue.Other(text), text);
        } else if (keyword.equals("with") || keyword.equals("except")) {
            for (List<PythonToken> item : split(unwrapBrackets(head), ",")) {
                int as = indexOfName(item, "as");
                if (as >= 0 && as + 1 < item.size()) {
                    bindTarget(item.subList(as + 1, item.size()), new PyValue.Other(text), text);
                }
            }
        }
        if (colon + 1 < tokens.size()) {
            statements(line.line(), tokens.subList(colon + 1, tokens.size())).forEach(this::bind);
        }
        return keyword;
    }

    /** The index of the colon ending a block header; a {@code lambda}'s colon is skipped. */
    private int headerColon(LogicalLine line) {
        List<PythonToken> tokens = line.tokens();
        int lambdas = 0;
        for (int i = 0; i < tokens.size(); i++) {
            PythonToken token = tokens.get(i);
            if (token.isOpening()) {
                i = closing(tokens, i);
            } else if (token.isName("lambda")) {
                lambdas++;
            } else if (token.isOp(":")) {
                if (lambdas == 0) {
                    return i;
                }
                lambdas--;
            }
        }
        throw new PythonSyntaxException(fileName, line.line(), "expected ':'");
    }

    /** The simple statements of a logical line, split at {@code ;} (which may end the line). */
    private List<List<PythonToken>> statements(int line, List<PythonToken> tokens) {
        List<List<PythonToken>> statements = split(tokens, ";");
        if (statements.size() > 1 && statements.get(statements.size() - 1).isEmpty()) {
            statements.remove(statements.size() - 1);
        }
        if (anyEmpty(statements)) {
            throw new PythonSyntaxException(fileName, line, "invalid syntax");
        }
        return statements;
    }

    private Optional<DocString> docString(List<PythonToken> statement) {
        List<PythonToken> expression = unwrapParentheses(statement);
        if (expression.isEmpty() || !allStrings(expression)) {
            return Optional.empty();
        }
        return concatenation(expression) instanceof PyValue.Str doc
                ? Optional.of(new DocString(doc.value(), expression.get(0).line()))
                : Optional.empty();
    }

    private void bind(List<PythonToken> statement) {
        PythonToken head = statement.get(0);
        if (head.isName("import") || head.isName("from")) {
            bindImports(statement);
        } else if (head.isName("del")) {
            for (List<PythonToken> target : split(unwrapBrackets(statement.subList(1, statement.size())), ",")) {
                List<PythonToken> name = unwrapParentheses(target);
                if (name.size() == 1 && name.get(0).kind() == Kind.NAME) {
                    unbind(name.get(0));
                }
            }
        } else {
            bindAssignment(statement);
        }
    }

    private void bindAssignment(List<PythonToken> statement) {
        List<List<PythonToken>> parts = splitAssignment(statement);
        if (parts.size() == 1) {
            if (statement.size() > 2 && statement.get(0).kind() == Kind.NAME && isAugmentedAssign(statement.get(1))) {
                String op = statement.get(1).text();
                String text = statement.get(0).text() + " " + op.substring(0, op.length() - 1) + " "
                        + sourceText(statement.subList(2, statement.size()));
                put(statement.get(0), new PyValue.Other(text));
            }
            return;
        }
        for (List<PythonToken> part : parts) {
            if (part.isEmpty()) {
                throw new PythonSyntaxException(fileName, statement.get(0).line(), "invalid syntax");
            }
        }
        List<PythonToken> valueTokens = parts.get(parts.size() - 1);
        PyValue value = value(valueTokens);
        for (List<PythonToken> target : parts.subList(0, parts.size() - 1)) {
            bindTarget(target, value, sourceText(valueTokens));
        }
    }

    /** Binds a name ({@code x}, {@code (x)}, {@code x: T}) or the names of a tuple or list target. */
    private void bindTarget(List<PythonToken> target, PyValue value, String valueText) {
        List<PythonToken> name = unwrapParentheses(target);
        if (!name.isEmpty() && name.get(0).kind() == Kind.NAME && (name.size() == 1 || name.get(1).isOp(":"))) {
            put(name.get(0), value);
        } else {
            unpack(target, value, valueText);
        }
    }

    /** Binds the names of a tuple or list target; pairs them with the values when both sides are flat. */
    private void unpack(List<PythonToken> target, PyValue value, String valueText) {
        List<List<PythonToken>> elements = split(unwrapBrackets(target), ",");
        if (elements.get(elements.size() - 1).isEmpty()) {
            elements.remove(elements.size() - 1);
        }
        boolean paired = value instanceof Seq seq && seq.kind() != Seq.Kind.SET && seq.items().size() == elements.size()
                && elements.stream().allMatch(e -> e.size() == 1 && e.get(0).kind() == Kind.NAME);
        for (int i = 0; i < elements.size(); i++) {
            List<PythonToken> element = elements.get(i);
            if (paired) {
                put(element.get(0), ((Seq) value).items().get(i));
            } else if (element.size() == 1 && element.get(0).kind() == Kind.NAME) {
                put(element.get(0), new PyValue.Other(valueText));
            } else if (element.size() == 2 && element.get(0).isOp("*") && element.get(1).kind() == Kind.NAME) {
                put(element.get(1), new PyValue.Other(valueText));
            } else if (!element.isEmpty() && (element.get(0).isOp("(") || element.get(0).isOp("["))
                    && closing(element, 0) == element.size() - 1) {
                unpack(element, new PyValue.Other(valueText), valueText);
            }
        }
    }

    /** {@code import a.b as c, d} binds c and d; {@code from m import (a as b, c)} binds b and c. */
    private void bindImports(List<PythonToken> statement) {
        boolean from = statement.get(0).isName("from");
        int names = 1;
        String module = "";
        if (from) {
            while (names < statement.size() && !statement.get(names).isName("import")) {
                names++;
            }
            module = sourceText(statement.subList(1, names)).replace(" ", "");
            names++;
        }
        int level = 0;
        while (level < module.length() && module.charAt(level) == '.') {
            level++;
        }
        String fromModule = module.substring(level);
        String prefix = module.endsWith(".") ? module : module + ".";
        for (List<PythonToken> item : split(unwrapBrackets(statement.subList(Math.min(names, statement.size()),
                statement.size())), ",")) {
            if (item.isEmpty() || item.get(0).isOp("*")) {
                continue;
            }
            int as = item.size() - 2;
            boolean renamed = as > 0 && item.get(as).isName("as");
            String imported = sourceText(renamed ? item.subList(0, as) : item).replace(" ", "");
            PythonToken bound = renamed ? item.get(as + 1) : item.get(0);
            PyValue value;
            if (from) {
                value = new PyValue.Imported(level, fromModule, imported, fromModule, prefix + imported);
            } else {
                value = new PyValue.Imported(0, renamed ? imported : bound.text(), null, imported,
                        renamed ? imported : bound.text());
            }
            put(bound, value);
        }
    }

    private void put(PythonToken name, PyValue value) {
        if (block == null) {
            assignments.put(name.text(), new Assignment(name.text(), name.line(), value));
        } else {
            blockBindings.add(new BlockBinding(name.text(), name.line(), block, false));
        }
    }

    private void unbind(PythonToken name) {
        if (block == null) {
            assignments.remove(name.text());
        } else {
            blockBindings.add(new BlockBinding(name.text(), name.line(), block, true));
        }
    }

    /** The value of an expression: a str, None, a (dotted) name, a tuple/list/set display of those, or {@code Other}. */
    private PyValue value(List<PythonToken> tokens) {
        List<List<PythonToken>> items = split(tokens, ",");
        if (items.size() > 1) {
            return sequence(Seq.Kind.TUPLE, tokens, items);
        }
        if (allStrings(tokens)) {
            return concatenation(tokens);
        }
        if (tokens.size() == 1 && tokens.get(0).isName("None")) {
            return new PyValue.NoneValue();
        }
        if (isDottedName(tokens)) {
            return new PyValue.Name(sourceText(tokens).replace(" ", ""));
        }
        PythonToken open = tokens.get(0);
        if (!open.isOpening() || closing(tokens, 0) != tokens.size() - 1) {
            return new PyValue.Other(sourceText(tokens));
        }
        List<PythonToken> inner = tokens.subList(1, tokens.size() - 1);
        if (open.isOp("(")) {
            PyValue parenthesized = inner.isEmpty() ? new Seq(Seq.Kind.TUPLE, List.of()) : value(inner);
            return parenthesized instanceof PyValue.Other ? new PyValue.Other(sourceText(tokens)) : parenthesized;
        }
        if (inner.isEmpty()) {
            return open.isOp("[") ? new Seq(Seq.Kind.LIST, List.of()) : new PyValue.Other(sourceText(tokens));
        }
        boolean dict = false;
        for (PythonToken t : inner) {
            dict |= t.isOp(":") || t.isOp("**");
        }
        if (open.isOp("{") && dict) {
            return new PyValue.Other(sourceText(tokens));
        }
        return sequence(open.isOp("[") ? Seq.Kind.LIST : Seq.Kind.SET, tokens, split(inner, ","));
    }

    /** A display's items; a trailing comma is allowed, a comprehension or a starred item makes it {@code Other}. */
    private PyValue sequence(Seq.Kind kind, List<PythonToken> whole, List<List<PythonToken>> items) {
        if (items.get(items.size() - 1).isEmpty()) {
            items = items.subList(0, items.size() - 1);
        }
        List<PyValue> values = new ArrayList<>();
        for (List<PythonToken> item : items) {
            if (item.isEmpty()) {
                throw new PythonSyntaxException(fileName, whole.get(0).line(), "invalid syntax");
            }
            if (item.get(0).isOp("*") || anyName(item, "for")) {
                return new PyValue.Other(sourceText(whole));
            }
            values.add(value(item));
        }
        return new Seq(kind, values);
    }

    /** Adjacent string literals: one str, or {@code Other} if any is bytes or an f-string. */
    private PyValue concatenation(List<PythonToken> strings) {
        boolean bytes = strings.get(0).literal().bytes();
        StringBuilder text = new StringBuilder();
        for (PythonToken token : strings) {
            if (token.literal().bytes() != bytes) {
                throw new PythonSyntaxException(fileName, token.line(), "cannot mix bytes and nonbytes literals");
            }
            if (token.literal().value() == null) {
                return new PyValue.Other(sourceText(strings));
            }
            text.append(token.literal().value());
        }
        return new PyValue.Str(text.toString());
    }

    // Loops rather than streams: these run for every module-level statement, mostly before the JIT's second tier.

    private static boolean allStrings(List<PythonToken> tokens) {
        for (PythonToken t : tokens) {
            if (t.kind() != Kind.STRING) {
                return false;
            }
        }
        return true;
    }

    /** {@code NAME} or {@code NAME.NAME...}, keywords such as {@code True} or {@code lambda} excluded. */
    private static boolean isDottedName(List<PythonToken> tokens) {
        if (tokens.size() % 2 == 0) {
            return false;
        }
        for (int i = 0; i < tokens.size(); i++) {
            PythonToken t = tokens.get(i);
            boolean ok = i % 2 == 0 ? t.kind() == Kind.NAME && !KEYWORDS.contains(t.text()) : t.isOp(".");
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyName(List<PythonToken> tokens, String name) {
        for (PythonToken t : tokens) {
            if (t.isName(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyEmpty(List<List<PythonToken>> lists) {
        for (List<PythonToken> list : lists) {
            if (list.isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
