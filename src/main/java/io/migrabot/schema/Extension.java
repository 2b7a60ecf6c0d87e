package io.migrabot.schema;

import java.util.Objects;

/** An installed extension. The objects it creates are its own and are not listed in the model. */
public record Extension(String name, String version, String schema) {
    public Extension {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(schema, "schema");
    }
}
