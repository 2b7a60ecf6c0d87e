package io.migrabot.script;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An ini file read the way Alembic reads {@code alembic.ini}: Python's {@code configparser.ConfigParser} with its
 * defaults (strict, {@code BasicInterpolation}, no inline comments, no valueless options). Parsing errors are raised
 * when the file is read; like configparser, interpolation happens only when an option is read, so a bad {@code %}
 * fails only then — {@link #interpolationProblems(String)} finds such options up front.
 * <p>
 * Every failure is a {@link MigrabotException} with {@link ErrorCode#CONFIGURATION} whose message names the file,
 * line, section and option, quotes configparser's own message and says what to do.
 * <p>
 * Limits: files are decoded as UTF-8 (configparser uses the locale's encoding); the reading side only — nothing is
 * ever written back; the ExtendedInterpolation and non-default parser options are not supported.
 */
public final class IniFile {

    /** The name of configparser's default section, whose options every section inherits. */
    public static final String DEFAULT_SECTION = "DEFAULT";

    private final String source;
    private final IniParser.Parsed parsed;

    private IniFile(String source, IniParser.Parsed parsed) {
        this.source = source;
        this.parsed = parsed;
    }

    /**
     * Reads and parses {@code file} (UTF-8).
     *
     * @param defaults options put in DEFAULT before reading, as {@code ConfigParser(defaults=...)}; Alembic passes
     *                 {@code here}
     */
    public static IniFile read(Path file, Map<String, String> defaults) {
        Path shown = file.toAbsolutePath().normalize();
        return parse(decode(shown, readBytes(shown)), shown.toString(), defaults);
    }

    /**
     * Parses {@code text} as if read from a file named {@code source}.
     *
     * @param source   the file name messages show (configparser quotes it in its own messages too)
     * @param defaults options put in DEFAULT before reading, as {@code ConfigParser(defaults=...)}
     */
    public static IniFile parse(String text, String source, Map<String, String> defaults) {
        return new IniFile(source, IniParser.parse(text, source, defaults));
    }

    /** The file name used in messages. */
    public String source() {
        return source;
    }

    /** The section names in file order, without DEFAULT (as configparser's {@code sections()}). */
    public List<String> sections() {
        return List.copyOf(parsed.sections().keySet());
    }

    /** Whether the file has this section (case-sensitive); DEFAULT does not count, as in configparser. */
    public boolean hasSection(String section) {
        return parsed.sections().containsKey(section);
    }

    /**
     * The option names (lowercase) of a section: its own, then those it inherits from DEFAULT, as configparser's
     * {@code options()}. For {@link #DEFAULT_SECTION}, the DEFAULT options.
     */
    public List<String> options(String section) {
        Set<String> names = new LinkedHashSet<>(ownOptions(section).keySet());
        names.addAll(parsed.defaults().keySet());
        return List.copyOf(names);
    }

    /** Whether {@code option} (any case) is set in the section or in DEFAULT. */
    public boolean hasOption(String section, String option) {
        return find(section, option).isPresent();
    }

    /** The value as written (continuation lines joined with {@code \n}), without interpolation. */
    public Optional<String> raw(String section, String option) {
        return find(section, option).map(IniParser.Option::value);
    }

    /** The line the option starts on; empty when it is unset or was not read from the file (such as {@code here}). */
    public OptionalInt line(String section, String option) {
        Optional<IniParser.Option> found = find(section, option).filter(o -> o.line() > 0);
        return found.isPresent() ? OptionalInt.of(found.get().line()) : OptionalInt.empty();
    }

    /**
     * The interpolated value, as configparser's {@code get}; empty when the option is set neither in the section nor
     * in DEFAULT.
     *
     * @throws MigrabotException if the section does not exist or the value cannot be interpolated
     */
    public Optional<String> get(String section, String option) {
        Optional<IniParser.Option> found = find(section, option);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String name = option.toLowerCase(Locale.ROOT);
        try {
            return Optional.of(interpolate(section, name, found.get().value()));
        } catch (Interpolation.Failure failure) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, describe(section, name, failure));
        }
    }

    /**
     * One message (as {@link #get} would throw) for every option of the section, DEFAULT's included, that cannot be
     * interpolated; empty when all can.
     */
    public List<String> interpolationProblems(String section) {
        List<String> problems = new ArrayList<>();
        for (String name : options(section)) {
            try {
                interpolate(section, name, find(section, name).orElseThrow().value());
            } catch (Interpolation.Failure failure) {
                problems.add(describe(section, name, failure));
            }
        }
        return problems;
    }

    /** Where an option is, for messages: {@code file, line N, section [s], option 'o'}. */
    String locate(String section, String option) {
        OptionalInt line = line(section, option);
        String name = option.toLowerCase(Locale.ROOT);
        boolean inherited = !section.equals(DEFAULT_SECTION) && !ownOptions(section).containsKey(name)
                && parsed.defaults().containsKey(name);
        return source + (line.isPresent() ? ", line " + line.getAsInt() : "") + ", section [" + section + "]"
                + (inherited ? " (from [DEFAULT])" : "") + ", option '" + name + "'";
    }

    private String interpolate(String section, String name, String rawValue) throws Interpolation.Failure {
        return Interpolation.interpolate(section, name, rawValue,
                reference -> find(section, reference).map(IniParser.Option::value).orElse(null));
    }

    private String describe(String section, String name, Interpolation.Failure failure) {
        return locate(section, name) + ": " + failure.getMessage() + ". " + failure.advice();
    }

    private Optional<IniParser.Option> find(String section, String option) {
        String name = option.toLowerCase(Locale.ROOT);
        IniParser.Option own = ownOptions(section).get(name);
        return Optional.ofNullable(own != null ? own : parsed.defaults().get(name));
    }

    private Map<String, IniParser.Option> ownOptions(String section) {
        if (section.equals(DEFAULT_SECTION)) {
            return Map.of();
        }
        Map<String, IniParser.Option> options = parsed.sections().get(section);
        if (options == null) {
            String known = parsed.sections().keySet().stream().map(s -> "[" + s + "]")
                    .collect(Collectors.joining(", "));
            throw new MigrabotException(ErrorCode.CONFIGURATION, source + ": No section: " + PyStrings.repr(section)
                    + ". Section names are case-sensitive; the file has " + (known.isEmpty() ? "no sections" : known)
                    + ".");
        }
        return options;
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw unreadable(file, "no such file. Check the path");
        } catch (AccessDeniedException e) {
            throw unreadable(file, "permission denied. Make it readable by the user migrabot runs as");
        } catch (IOException e) {
            String reason = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
            throw unreadable(file, reason + ". Point migrabot at the ini file itself");
        }
    }

    private static String decode(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw unreadable(file, "it is not valid UTF-8 text. Save it as UTF-8");
        }
    }

    private static MigrabotException unreadable(Path file, String reasonAndAdvice) {
        return new MigrabotException(ErrorCode.CONFIGURATION, "Cannot read " + file + ": " + reasonAndAdvice + ".");
    }
}
