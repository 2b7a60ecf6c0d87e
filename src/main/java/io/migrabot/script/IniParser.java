package io.migrabot.script;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reading half of Python's {@code configparser.ConfigParser} with the options Alembic uses: strict, delimiters
 * {@code =} and {@code :}, full-line comments {@code #} and {@code ;}, no inline comments, no valueless options,
 * empty lines kept inside multi-line values. One parser reads one text; values are stored raw (uninterpolated).
 */
final class IniParser {

    /** configparser's SECTCRE: matched at the start of the stripped line, greedy up to the last {@code ]}. */
    private static final Pattern SECTION_HEADER = Pattern.compile("\\[(.+)]", Pattern.DOTALL);

    /** An option as stored: the raw value, and the line it starts on (0 for a default not read from the text). */
    record Option(String value, int line) {
    }

    /** What a text holds: sections in file order (without DEFAULT), and the DEFAULT section's options. */
    record Parsed(Map<String, Map<String, Option>> sections, Map<String, Option> defaults) {
    }

    /** An option being read; a given default (line 0) is stored as is, like configparser's non-list values. */
    private static final class PendingOption {
        final int line;
        final List<String> lines = new ArrayList<>();

        PendingOption(int line, String firstLine) {
            this.line = line;
            lines.add(firstLine);
        }

        Option join() {
            return new Option(line == 0 ? lines.get(0) : PyStrings.rstrip(String.join("\n", lines)), line);
        }
    }

    private final String source;
    private final Map<String, Map<String, PendingOption>> sections = new LinkedHashMap<>();
    private final Map<String, PendingOption> defaults = new LinkedHashMap<>();
    private final Set<List<String>> optionsSeen = new HashSet<>();
    private final StringBuilder parsingErrors = new StringBuilder();
    private int firstBadLine;

    private IniParser(String source) {
        this.source = source;
    }

    /**
     * Parses {@code text} as configparser's {@code read_file} would after {@code ConfigParser(defaults=defaults)}.
     *
     * @param source   the name configparser would be given (the file path); it appears in messages
     * @param defaults options placed in DEFAULT before reading; the text's own DEFAULT section may override them
     */
    static Parsed parse(String text, String source, Map<String, String> defaults) {
        IniParser parser = new IniParser(source);
        defaults.forEach((key, value) ->
                parser.defaults.put(key.toLowerCase(Locale.ROOT), new PendingOption(0, value)));
        parser.read(text);
        Map<String, Map<String, Option>> sections = new LinkedHashMap<>();
        parser.sections.forEach((name, options) -> sections.put(name, joined(options)));
        return new Parsed(sections, joined(parser.defaults));
    }

    private static Map<String, Option> joined(Map<String, PendingOption> options) {
        Map<String, Option> out = new LinkedHashMap<>();
        options.forEach((name, pending) -> out.put(name, pending.join()));
        return out;
    }

    private void read(String text) {
        Map<String, PendingOption> current = null;
        String sectionName = null;
        String optionName = null;
        int indentLevel = 0;
        int lineNumber = 0;
        for (String line : universalLines(text)) {
            lineNumber++;
            String stripped = PyStrings.strip(line);
            boolean comment = stripped.startsWith("#") || stripped.startsWith(";");
            boolean inValue = current != null && optionName != null && !optionName.isEmpty();
            if (comment || stripped.isEmpty()) {
                // A blank line belongs to the value above (trailing ones are stripped on join); a comment does not.
                if (!comment && inValue) {
                    current.get(optionName).lines.add("");
                }
                continue;
            }
            int indent = PyStrings.firstNonSpace(line);
            if (inValue && indent > indentLevel) {
                current.get(optionName).lines.add(stripped);
                continue;
            }
            indentLevel = indent;
            Matcher header = SECTION_HEADER.matcher(stripped);
            if (header.lookingAt()) {
                sectionName = header.group(1);
                current = openSection(sectionName, lineNumber);
                optionName = null;
            } else if (current == null) {
                throw missingSectionHeader(lineNumber, line);
            } else {
                String name = readOption(current, sectionName, stripped, lineNumber, line);
                optionName = name == null ? optionName : name;
            }
        }
        if (parsingErrors.length() > 0) {
            throw error(firstBadLine, "Source contains parsing errors: " + PyStrings.repr(source) + parsingErrors,
                    "Each line must be a [section] header, an option 'key = value' (or 'key: value'), a comment "
                            + "starting with # or ;, or an indented continuation of the value above. configparser, "
                            + "as Alembic uses it, does not accept an option without a value.");
        }
    }

    private Map<String, PendingOption> openSection(String name, int lineNumber) {
        if (sections.containsKey(name)) {
            throw error(lineNumber, whileReading(lineNumber) + ": section " + PyStrings.repr(name) + " already exists",
                    "Merge the two [" + name + "] sections into one; configparser, which Alembic uses, rejects a "
                            + "section that appears twice in a file.");
        }
        if (name.equals(IniFile.DEFAULT_SECTION)) {
            return defaults;
        }
        Map<String, PendingOption> section = new LinkedHashMap<>();
        sections.put(name, section);
        return section;
    }

    /** Reads {@code key = value}; returns the (lowercased) option name, or null when the line is not an option. */
    private String readOption(Map<String, PendingOption> section, String sectionName, String stripped, int lineNumber,
                              String line) {
        int delimiter = firstDelimiter(stripped);
        if (delimiter < 0) {
            badLine(lineNumber, line);
            return null;
        }
        String name = PyStrings.rstrip(stripped.substring(0, delimiter)).toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            badLine(lineNumber, line);
        }
        if (!optionsSeen.add(List.of(sectionName, name))) {
            throw error(lineNumber, whileReading(lineNumber) + ": option " + PyStrings.repr(name) + " in section "
                            + PyStrings.repr(sectionName) + " already exists",
                    "Remove one of the two '" + name + "' lines in [" + sectionName + "] (option names are "
                            + "case-insensitive); configparser, which Alembic uses, rejects an option set twice.");
        }
        section.put(name, new PendingOption(lineNumber, PyStrings.strip(stripped.substring(delimiter + 1))));
        return name;
    }

    private static int firstDelimiter(String s) {
        int equals = s.indexOf('=');
        int colon = s.indexOf(':');
        if (equals < 0 || colon < 0) {
            return Math.max(equals, colon);
        }
        return Math.min(equals, colon);
    }

    /** The start of configparser's duplicate messages. */
    private String whileReading(int lineNumber) {
        return "While reading from " + PyStrings.repr(source) + String.format(" [line %2d]", lineNumber);
    }

    private void badLine(int lineNumber, String line) {
        if (parsingErrors.length() == 0) {
            firstBadLine = lineNumber;
        }
        parsingErrors.append(String.format("\n\t[line %2d]: ", lineNumber)).append(PyStrings.repr(line));
    }

    private MigrabotException missingSectionHeader(int lineNumber, String line) {
        String advice = line.startsWith("\ufeff")
                ? "The file starts with a byte order mark, which configparser does not skip; save it as UTF-8 "
                        + "without BOM."
                : "Put a section header such as [alembic] before the first option.";
        return error(lineNumber, "File contains no section headers.\nfile: " + PyStrings.repr(source) + ", line: "
                + lineNumber + "\n" + PyStrings.repr(line), advice);
    }

    private MigrabotException error(int lineNumber, String configparserMessage, String advice) {
        return new MigrabotException(ErrorCode.CONFIGURATION,
                source + ", line " + lineNumber + ": " + configparserMessage + ". " + advice);
    }

    /** Lines as Python's text mode yields them: {@code \r\n} and {@code \r} become {@code \n}, kept on each line. */
    private static List<String> universalLines(String text) {
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < normalized.length()) {
            int end = normalized.indexOf('\n', start);
            end = end < 0 ? normalized.length() : end + 1;
            lines.add(normalized.substring(start, end));
            start = end;
        }
        return lines;
    }
}
