package io.migrabot.script;

/**
 * The source is not Python that CPython would compile: the reader reports it instead of guessing at values.
 * Thrown by {@link PythonModuleScanner}; {@link #line()} is 1-based, where CPython reports the same error.
 */
final class PythonSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    PythonSyntaxException(String fileName, int line, String reason) {
        super(fileName + ":" + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    int line() {
        return line;
    }

    /** What is wrong, without the location. */
    String reason() {
        return reason;
    }
}
