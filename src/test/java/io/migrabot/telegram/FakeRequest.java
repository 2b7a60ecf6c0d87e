package io.migrabot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

/**
 * One call the fake Bot API received: the method under its Bot API name (whatever case the client used), the
 * fields of its JSON, form or multipart body (JSON values that are not strings kept as JSON text), the uploaded
 * files by part name, and when it arrived ({@link System#nanoTime()}).
 */
record FakeRequest(String method, Map<String, String> fields, Map<String, FakeFile> files, long arrivedNanos) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    String field(String name) {
        return fields.get(name);
    }

    /** A field holding JSON ({@code reply_markup}, {@code commands}), parsed. */
    JsonNode json(String name) {
        try {
            return MAPPER.readTree(fields.get(name));
        } catch (JsonProcessingException e) {
            throw new AssertionError(method + "." + name + " is not JSON: " + fields.get(name), e);
        }
    }

    /** The file a field names: uploaded under the field's own name, or referenced as {@code attach://PART}. */
    FakeFile file(String field) {
        String value = fields.get(field);
        FakeFile file = value != null && value.startsWith("attach://") ? files.get(value.substring(9))
                : files.get(field);
        if (file == null) {
            throw new AssertionError(method + " carries no file for " + field + "; fields " + fields.keySet()
                    + ", parts " + files.keySet());
        }
        return file;
    }

    /** An uploaded file: the multipart part's name, the file name it declared, and its bytes. */
    record FakeFile(String part, String fileName, byte[] bytes) {
    }
}
