package io.migrabot.impact;

import io.migrabot.schema.QualifiedName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a revision destroys, from the shapes of what it touched before and after it: tables, columns, indexes and sequences dropped,
 * and column types narrowed (a shorter varchar, a smaller integer or numeric, text to varchar(n)).
 */
final class Destruction {
    private static final Pattern LENGTH = Pattern.compile(
            "(character varying|character|numeric)\\((\\d+)(?:,\\d+)?\\)");
    private static final List<String> INTEGERS = List.of("smallint", "integer", "bigint");

    private Destruction() {
    }

    /** A thing lost, on which relation (for its live size), in words. */
    record Loss(QualifiedName relation, String words) {
    }

    static List<Loss> between(Shape before, Shape after) {
        List<Loss> losses = new ArrayList<>();
        before.tables().forEach((table, columns) -> {
            List<Shape.Column> now = after.tables().get(table);
            if (now == null) {
                losses.add(new Loss(table, "drops table " + table));
                return;
            }
            Map<String, String> types = now.stream().collect(Collectors.toMap(Shape.Column::name,
                    Shape.Column::type));
            for (Shape.Column column : columns) {
                String changed = types.get(column.name());
                if (changed == null) {
                    losses.add(new Loss(table, "drops column " + table + "." + column.name()));
                } else if (narrows(column.type(), changed)) {
                    losses.add(new Loss(table, "narrows " + table + "." + column.name() + " from " + column.type()
                            + " to " + changed + ": values that do not fit make it fail or are cut"));
                }
            }
        });
        before.indexes().forEach((index, table) -> {
            if (!after.indexes().containsKey(index) && after.tables().containsKey(table)) {
                losses.add(new Loss(table, "drops index " + index + " on " + table));
            }
        });
        for (QualifiedName sequence : before.sequences()) {
            if (!after.sequences().contains(sequence)) {
                losses.add(new Loss(sequence, "drops sequence " + sequence));
            }
        }
        return losses;
    }

    static boolean narrows(String from, String to) {
        if (from.equals(to)) {
            return false;
        }
        int fromInt = INTEGERS.indexOf(from);
        int toInt = INTEGERS.indexOf(to);
        if (fromInt >= 0 && toInt >= 0) {
            return toInt < fromInt;
        }
        Optional<Integer> toLength = length(to);
        if (from.equals("text")) {
            return toLength.isPresent();
        }
        Optional<Integer> fromLength = length(from);
        return fromLength.isPresent() && toLength.isPresent() && toLength.get() < fromLength.get();
    }

    private static Optional<Integer> length(String type) {
        Matcher m = LENGTH.matcher(type);
        return m.matches() ? Optional.of(Integer.parseInt(m.group(2))) : Optional.empty();
    }
}
