package io.migrabot.schema;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Expected schemas kept between builds, by the fingerprint of the scripts they were built from and the state they
 * are of: a revision id, several heads joined by {@code +} in sorted order, or the empty string for base.
 */
public interface SchemaCache {

    /** Every model kept for these scripts, by key. */
    Map<String, SchemaModel> all(String scripts);

    Optional<SchemaModel> find(String scripts, String key);

    void store(String scripts, String key, SchemaModel model);

    /** Kept in this process only: for the one-shot command line, which has no state database. */
    static SchemaCache inMemory() {
        Map<String, Map<String, SchemaModel>> models = new ConcurrentHashMap<>();
        return new SchemaCache() {
            @Override
            public Map<String, SchemaModel> all(String scripts) {
                return Map.copyOf(models.getOrDefault(scripts, Map.of()));
            }

            @Override
            public Optional<SchemaModel> find(String scripts, String key) {
                return Optional.ofNullable(models.getOrDefault(scripts, Map.of()).get(key));
            }

            @Override
            public void store(String scripts, String key, SchemaModel model) {
                models.computeIfAbsent(scripts, s -> new ConcurrentHashMap<>()).put(key, model);
            }
        };
    }
}
