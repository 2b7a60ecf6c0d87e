package io.migrabot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Bot API request body the way Telegram accepts it: JSON, {@code application/x-www-form-urlencoded}, or
 * {@code multipart/form-data} with files (bytes kept exactly), plus the URL's query string.
 */
final class FakeRequestParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile(";\\s*filename=\"([^\"]*)\"");

    final Map<String, String> fields = new LinkedHashMap<>();
    final Map<String, FakeRequest.FakeFile> files = new LinkedHashMap<>();

    FakeRequestParser(String query, String contentType, byte[] body) throws IOException {
        if (query != null) {
            formFields(query);
        }
        String type = contentType == null ? "" : contentType.toLowerCase();
        if (type.startsWith("application/json")) {
            jsonFields(body);
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            formFields(new String(body, StandardCharsets.UTF_8));
        } else if (type.startsWith("multipart/form-data")) {
            Matcher boundary = BOUNDARY.matcher(contentType);
            if (!boundary.find()) {
                throw new IOException("multipart without a boundary: " + contentType);
            }
            multipart(body, boundary.group(1));
        } else if (body.length > 0) {
            throw new IOException("unexpected content type " + contentType);
        }
    }

    private void jsonFields(byte[] body) throws IOException {
        JsonNode json = MAPPER.readTree(body);
        json.fields().forEachRemaining(field -> fields.put(field.getKey(),
                field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
    }

    private void formFields(String form) {
        for (String pair : form.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value,
                        StandardCharsets.UTF_8));
            }
        }
    }

    private void multipart(byte[] body, String boundary) throws IOException {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new IOException("multipart body without its boundary");
        }
        at += delimiter.length;
        while (!(body[at] == '-' && body[at + 1] == '-')) {
            int headersStart = at + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int end = indexOf(body, next, headersEnd + 4);
            if (headersEnd < 0 || end < 0) {
                throw new IOException("truncated multipart body");
            }
            part(new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8),
                    Arrays.copyOfRange(body, headersEnd + 4, end));
            at = end + next.length;
        }
    }

    private void part(String headers, byte[] content) throws IOException {
        String disposition = null;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-disposition:")) {
                disposition = line.substring(line.indexOf(':') + 1);
            }
        }
        Matcher name = NAME.matcher(disposition == null ? "" : disposition);
        if (!name.find()) {
            throw new IOException("multipart part without a name: " + headers);
        }
        Matcher fileName = FILE_NAME.matcher(disposition);
        if (fileName.find()) {
            files.put(unquote(name.group(1)), new FakeRequest.FakeFile(unquote(name.group(1)),
                    unquote(fileName.group(1)), content));
        } else {
            fields.put(unquote(name.group(1)), new String(content, StandardCharsets.UTF_8));
        }
    }

    /** Undoes OkHttp's escaping inside quoted header parameters. */
    private static String unquote(String value) {
        return value.replace("%22", "\"").replace("%0A", "\n").replace("%0D", "\r");
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
