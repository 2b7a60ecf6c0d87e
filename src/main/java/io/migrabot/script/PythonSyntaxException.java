package io.migrabot.script;

/**
 * The source is not Python that CPython would compile: the reader reports it instead of guessing at values.
 * Thrown by {@link PythonModuleScanner}; {@link #line()} is the 1-based line CPython would report.
 */
final class PythonSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;
    private final String reason;

    PythonSyntaxException(String fileName, int line, String reason) {
        super(fileName + ":" + line + ": " + reason);
        this.fileName = fileName;
        this.line = line;
        this.reason = reason;
    }

    String fileName() {
        return fileName;
    }

    int line() {
        return line;
    }

    /** What is wrong, without the location. */
    String reason() {
        return reason;
    }
}
