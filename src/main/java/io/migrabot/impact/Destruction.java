package io.migrabot.impact;

import io.migrabot.schema.Column;
import io.migrabot.schema.Index;
import io.migrabot.schema.QualifiedName;
import io.migrabot.schema.SchemaModel;
import io.migrabot.schema.Sequence;
import io.migrabot.schema.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a revision destroys, from the schema before and after it: tables, columns, indexes and sequences dropped,
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

    static List<Loss> between(SchemaModel before, SchemaModel after) {
        List<Loss> losses = new ArrayList<>();
        Map<QualifiedName, Table> kept = byName(after.tables(), Table::name);
        for (Table table : before.tables()) {
            Table now = kept.get(table.name());
            if (now == null) {
                losses.add(new Loss(table.name(), "drops table " + table.name()));
                continue;
            }
            Map<String, Column> columns = now.columns().stream().collect(Collectors.toMap(Column::name, c -> c));
            for (Column column : table.columns()) {
                Column changed = columns.get(column.name());
                if (changed == null) {
                    losses.add(new Loss(table.name(), "drops column " + table.name() + "." + column.name()));
                } else if (narrows(column.type(), changed.type())) {
                    losses.add(new Loss(table.name(), "narrows " + table.name() + "." + column.name() + " from "
                            + column.type() + " to " + changed.type() + ": values that do not fit make it fail or "
                            + "are cut"));
                }
            }
        }
        Map<QualifiedName, Index> indexes = byName(after.indexes(), Index::name);
        for (Index index : before.indexes()) {
            if (!indexes.containsKey(index.name()) && kept.containsKey(index.table())) {
                losses.add(new Loss(index.table(), "drops index " + index.name() + " on " + index.table()));
            }
        }
        Map<QualifiedName, Sequence> sequences = byName(after.sequences(), Sequence::name);
        for (Sequence sequence : before.sequences()) {
            if (!sequences.containsKey(sequence.name())) {
                losses.add(new Loss(sequence.name(), "drops sequence " + sequence.name()));
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

    private static <T> Map<QualifiedName, T> byName(List<T> items, Function<T, QualifiedName> name) {
        return items.stream().collect(Collectors.toMap(name, i -> i, (a, b) -> a));
    }
}
