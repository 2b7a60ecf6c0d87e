package io.migrabot.doctor;

import java.util.List;

/**
 * A safe fix the doctor offers: an operation with its arguments, run like any other change (planned, through the
 * approval policy, with a backup first where the policy says so).
 *
 * @param label     what a button says
 * @param operation {@code upgrade}, {@code stamp} or {@code merge}
 */
public record Fix(String label, String operation, List<String> arguments) {
    public Fix {
        arguments = List.copyOf(arguments);
    }
}
