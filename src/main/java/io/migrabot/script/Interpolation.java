package io.migrabot.script;

import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * configparser's {@code BasicInterpolation} as applied on {@code get}: {@code %(name)s} is replaced by the option
 * {@code name} (lowercased) of the same section or DEFAULT, {@code %%} by {@code %}; any other {@code %} is an error.
 * A substituted value is itself interpolated only when it contains {@code %}, at most {@value #MAX_DEPTH} levels deep.
 */
final class Interpolation {

    /** configparser's {@code MAX_INTERPOLATION_DEPTH}. */
    static final int MAX_DEPTH = 10;

    private static final Pattern REFERENCE = Pattern.compile("%\\(([^)]+)\\)s");

    /** Why a value cannot be interpolated: configparser's message, and what the person should do. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String advice;

        Failure(String configparserMessage, String advice) {
            super(configparserMessage);
            this.advice = advice;
        }

        String advice() {
            return advice;
        }
    }

    private Interpolation() {
    }

    /**
     * Interpolates the raw value of {@code option} as read through {@code section}.
     *
     * @param lookup the raw value of a (lowercased) option name in the section or DEFAULT; null when neither has it
     */
    static String interpolate(String section, String option, String rawValue, Function<String, String> lookup)
            throws Failure {
        StringBuilder out = new StringBuilder();
        new Run(section, option, rawValue, lookup, out).expand(rawValue, 1);
        return out.toString();
    }

    private record Run(String section, String option, String rawValue, Function<String, String> lookup,
                       StringBuilder out) {

        void expand(String text, int depth) throws Failure {
            if (depth > MAX_DEPTH) {
                throw new Failure("Recursion limit exceeded in value substitution: option " + PyStrings.repr(option)
                        + " in section " + PyStrings.repr(section) + " contains an interpolation key which cannot be "
                        + "substituted in " + MAX_DEPTH + " steps. Raw value: " + PyStrings.repr(rawValue),
                        "Options refer to each other in a loop (or nest more than " + MAX_DEPTH + " deep); "
                                + "make one of them a plain value.");
            }
            String rest = text;
            while (!rest.isEmpty()) {
                int percent = rest.indexOf('%');
                if (percent < 0) {
                    out.append(rest);
                    return;
                }
                out.append(rest, 0, percent);
                rest = rest.substring(percent);
                if (rest.startsWith("%%")) {
                    out.append('%');
                    rest = rest.substring(2);
                } else if (rest.startsWith("%(")) {
                    rest = substitute(rest, depth);
                } else {
                    throw new Failure("'%' must be followed by '%' or '(', found: " + PyStrings.repr(rest),
                            "Write %% for a literal percent sign, e.g. " + escapedExample(rest) + ".");
                }
            }
        }

        /** Replaces the {@code %(name)s} at the start of {@code rest}; returns what follows it. */
        private String substitute(String rest, int depth) throws Failure {
            Matcher reference = REFERENCE.matcher(rest);
            if (!reference.lookingAt()) {
                throw new Failure("bad interpolation variable reference " + PyStrings.repr(rest),
                        "Write a reference as %(name)s, or %% for a literal percent sign.");
            }
            String name = reference.group(1).toLowerCase(Locale.ROOT);
            String value = lookup.apply(name);
            if (value == null) {
                throw new Failure("Bad value substitution: option " + PyStrings.repr(option) + " in section "
                        + PyStrings.repr(section) + " contains an interpolation key " + PyStrings.repr(name)
                        + " which is not a valid option name. Raw value: " + PyStrings.repr(rawValue),
                        "Define '" + name + "' in [" + section + "] or [DEFAULT], or write %% for a literal "
                                + "percent sign.");
            }
            if (value.indexOf('%') >= 0) {
                expand(value, depth + 1);
            } else {
                out.append(value);
            }
            return rest.substring(reference.end());
        }
    }

    /** The first word of {@code rest} with its stray percent signs doubled: {@code %04d} gives {@code %%04d}. */
    private static String escapedExample(String rest) {
        int end = 0;
        while (end < rest.length() && end < 30 && !PyStrings.isSpace(rest.charAt(end))) {
            end++;
        }
        String word = rest.substring(0, end);
        StringBuilder example = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            example.append(c);
            if (c == '%' && word.startsWith("%", i + 1)) {
                example.append('%');
                i++;
            } else if (c == '%' && !word.startsWith("(", i + 1)) {
                example.append('%');
            }
        }
        return example.toString();
    }
}
