package io.migrabot.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A model as canonical JSON, to store expected schemas and to fingerprint them: properties in alphabetical order,
 * lists in the model's canonical order, absent values left out, no whitespace. The same model always gives the
 * same text.
 */
public final class SchemaJson {
    /**
     * The version of this serialization and of the model. Change it whenever either changes: a model stored by
     * another version is then read as absent (recomputed) instead of being compared wrongly, and fingerprints
     * change with it.
     */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private SchemaJson() {
    }

    /** The stored form: the format, then the model. */
    private record Stored(int format, SchemaModel schema) {
    }

    public static String write(SchemaModel model) {
        try {
            return MAPPER.writeValueAsString(new Stored(FORMAT, model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a schema model could not be written as JSON", e);
        }
    }

    /**
     * Reads what {@link #write} wrote: empty when another version of migrabot wrote it in another
     * {@link #FORMAT}.
     *
     * @throws IllegalArgumentException when {@code json} is not a stored schema model
     */
    public static Optional<SchemaModel> read(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.path("format").isInt()) {
                throw new IllegalArgumentException("not a stored schema model: no format number");
            }
            if (tree.get("format").intValue() != FORMAT) {
                return Optional.empty();
            }
            return Optional.of(MAPPER.treeToValue(tree, Stored.class).schema());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored schema model: " + e.getOriginalMessage(), e);
        }
    }

    static String fingerprint(SchemaModel model) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(model).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
