package io.migrabot.state;

import io.migrabot.database.TargetDatabase;
import io.migrabot.schema.SchemaCache;
import io.migrabot.schema.SchemaJson;
import io.migrabot.schema.SchemaModel;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Expected schemas kept in the state database ({@code migrabot_schema_cache}), so a bot builds each once per
 * version of the scripts, across restarts and instances. Rows of scripts that changed are never read again; when a
 * version was last read or built is kept in {@code migrabot_schema_cache_use}, so that pruning ({@link Retention})
 * keeps the versions in use.
 */
public final class SchemaCacheTable implements SchemaCache {
    private final TargetDatabase database;

    public SchemaCacheTable(StateDatabase state) {
        this.database = state.database();
    }

    @Override
    public Map<String, SchemaModel> all(String scripts) {
        used(scripts);
        Map<String, SchemaModel> models = new HashMap<>();
        database.withHandle("reading expected schemas", h -> h.createQuery(
                        "SELECT state, model FROM migrabot_schema_cache WHERE scripts = :scripts")
                .bind("scripts", scripts)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list())
                .forEach(row -> SchemaJson.read(row.getValue()).ifPresent(m -> models.put(row.getKey(), m)));
        return models;
    }

    @Override
    public Optional<SchemaModel> find(String scripts, String key) {
        used(scripts);
        return database.withHandle("reading an expected schema", h -> h.createQuery(
                        "SELECT model FROM migrabot_schema_cache WHERE scripts = :scripts AND state = :state")
                .bind("scripts", scripts).bind("state", key).mapTo(String.class).findOne())
                .flatMap(SchemaJson::read);
    }

    @Override
    public void store(String scripts, String key, SchemaModel model) {
        database.withHandle("storing an expected schema", h -> h.createUpdate(
                        "INSERT INTO migrabot_schema_cache (scripts, state, model) VALUES (:scripts, :state, :model) "
                                + "ON CONFLICT (scripts, state) DO UPDATE SET model = excluded.model, built_at = now()")
                .bind("scripts", scripts).bind("state", key).bind("model", SchemaJson.write(model)).execute());
        used(scripts);
    }

    /** Notes that this version of the scripts is in use; written at most once an hour. */
    private void used(String scripts) {
        database.withHandle("noting an expected schema's use", h -> h.createUpdate(
                        "INSERT INTO migrabot_schema_cache_use (scripts) VALUES (:scripts) ON CONFLICT (scripts) "
                                + "DO UPDATE SET used_at = now() "
                                + "WHERE migrabot_schema_cache_use.used_at < now() - interval '1 hour'")
                .bind("scripts", scripts).execute());
    }
}
