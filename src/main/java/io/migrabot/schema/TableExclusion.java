package io.migrabot.schema;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Table names to leave out of a schema comparison, as patterns: {@code alembic_version} (in any schema),
 * {@code ops.alembic_version} (in one), {@code migrabot_*} ({@code *} stands for any characters). Names are
 * matched as PostgreSQL stores them, case-sensitively.
 */
public final class TableExclusion implements Predicate<QualifiedName> {
    private final List<Pattern> patterns;

    private TableExclusion(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    public static TableExclusion of(String... patterns) {
        return of(List.of(patterns));
    }

    public static TableExclusion of(List<String> patterns) {
        return new TableExclusion(patterns.stream().map(TableExclusion::compile).toList());
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            regex.append(".*").append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.substring(2), Pattern.DOTALL);
    }

    /** True when the bare name or {@code schema.name} matches a pattern. */
    @Override
    public boolean test(QualifiedName table) {
        String qualified = table.schema() + "." + table.name();
        return patterns.stream().anyMatch(p -> p.matcher(table.name()).matches() || p.matcher(qualified).matches());
    }
}
