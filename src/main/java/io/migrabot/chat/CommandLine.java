package io.migrabot.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A chat message parsed as a command: {@code /name@bot arg "quoted arg" --flag -m 'a message'}. Arguments are
 * words separated by spaces; double or single quotes keep spaces together. Options are taken out by name before
 * the positional arguments are read, and anything left over is a usage mistake.
 */
public final class CommandLine {
    private final String name;
    private final List<String> words;
    private final String text;

    private CommandLine(String name, List<String> words, String text) {
        this.name = name;
        this.words = words;
        this.text = text;
    }

    /** Empty when the text is not a command (does not start with {@code /}). */
    public static Optional<CommandLine> parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!trimmed.startsWith("/") || trimmed.length() == 1) {
            return Optional.empty();
        }
        List<String> words = split(trimmed.substring(1));
        String head = words.remove(0);
        int at = head.indexOf('@');
        String name = (at >= 0 ? head.substring(0, at) : head).toLowerCase(Locale.ROOT);
        int space = trimmed.indexOf(' ');
        return Optional.of(new CommandLine(name, words, space < 0 ? "" : trimmed.substring(space + 1).strip()));
    }

    /** The command's name, lower case, without the slash or a bot name. */
    public String name() {
        return name;
    }

    /** The arguments as typed, for the audit log. */
    public String text() {
        return text;
    }

    /** The arguments not taken as options yet. */
    public List<String> arguments() {
        return List.copyOf(words);
    }

    /** Takes out the first remaining argument. */
    public String takeFirst() {
        return words.remove(0);
    }

    /** Takes out a flag such as {@code --purge}; true when it was there. */
    public boolean flag(String flag) {
        return words.removeIf(w -> w.equals(flag));
    }

    /** Takes out an option with a value, under any of its names ({@code -m MSG}, {@code --message=MSG}). */
    public Optional<String> option(String... names) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            for (String option : names) {
                if (word.equals(option)) {
                    if (i + 1 >= words.size()) {
                        throw new UsageException(option + " needs a value");
                    }
                    String value = words.get(i + 1);
                    words.subList(i, i + 2).clear();
                    return Optional.of(value);
                }
                if (option.startsWith("--") && word.startsWith(option + "=")) {
                    words.remove(i);
                    return Optional.of(word.substring(option.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'' || c == '\u201c' || c == '\u201d') {
                quote = c == '\u201c' ? '\u201d' : c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new UsageException("a quote is not closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
