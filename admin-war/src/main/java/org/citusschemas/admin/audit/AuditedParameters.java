package org.citusschemas.admin.audit;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an audit record keeps of a request's parameters, as one JSON object: {@code path} and
 * {@code query} (each parameter's value, or its values when there are several) and {@code body}:
 * the JSON document as sent, or, for a body that is not one JSON document in UTF-8, an excerpt of it
 * as text ({@code body_excerpt}) and its length in bytes. Whatever the request held, the result can
 * be stored: members whose name says they hold a secret are replaced by {@value #REDACTED}, and
 * characters PostgreSQL cannot keep in a JSON value (NUL) by U+FFFD.
 */
final class AuditedParameters {

    static final String REDACTED = "(redacted)";
    /** Bodies up to this many bytes are kept whole; of a longer one, an excerpt. */
    static final int KEPT_BYTES = 16 * 1024;

    static final int EXCERPT_CHARS = 1024;
    private static final Pattern SECRET =
            Pattern.compile("(?i).*(password|passwd|secret|token|credential|private|key).*");

    private AuditedParameters() {}

    /**
     * The parameters as stored JSON text. {@code body} is at most {@link #KEPT_BYTES} + 1 bytes
     * of the body (more means it was longer); {@code bodyBytes} its whole length when known, else -1.
     */
    static String of(Map<String, List<String>> path, Map<String, List<String>> query, byte[] body) {
        JsonObjectBuilder parameters = Json.createObjectBuilder();
        if (!path.isEmpty()) {
            parameters.add("path", values(path));
        }
        if (!query.isEmpty()) {
            parameters.add("query", values(query));
        }
        if (body.length > 0) {
            JsonValue document = body.length <= KEPT_BYTES ? document(body) : null;
            if (document != null) {
                parameters.add("body", redacted(document));
            } else {
                String text = new String(body, StandardCharsets.UTF_8);
                parameters.add("body_excerpt", text.substring(0, Math.min(text.length(), EXCERPT_CHARS)));
                parameters.add(
                        "body_bytes",
                        body.length > KEPT_BYTES ? "more than " + KEPT_BYTES : String.valueOf(body.length));
            }
        }
        return storable(parameters.build().toString());
    }

    private static JsonObject values(Map<String, List<String>> parameters) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        parameters.forEach((name, values) -> {
            if (SECRET.matcher(name).matches()) {
                object.add(name, REDACTED);
            } else if (values.size() == 1) {
                object.add(name, values.get(0));
            } else {
                JsonArrayBuilder array = Json.createArrayBuilder();
                values.forEach(array::add);
                object.add(name, array);
            }
        });
        return object.build();
    }

    /** The body as one JSON document and nothing after it, or null when it is not one (or not UTF-8). */
    private static JsonValue document(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                return null;
            }
            parser.next();
            JsonValue document = parser.getValue();
            return parser.hasNext() ? null : document;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    private static JsonValue redacted(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                JsonObjectBuilder object = Json.createObjectBuilder();
                value.asJsonObject()
                        .forEach((name, member) -> object.add(
                                name, SECRET.matcher(name).matches() ? Json.createValue(REDACTED) : redacted(member)));
                yield object.build();
            }
            case ARRAY -> {
                JsonArrayBuilder array = Json.createArrayBuilder();
                value.asJsonArray().forEach(item -> array.add(redacted(item)));
                yield array.build();
            }
            default -> value;
        };
    }

    /**
     * JSON text PostgreSQL's jsonb takes: NUL, which it refuses in text, becomes U+FFFD, and so
     * does half of a surrogate pair, which it refuses as an escape and UTF-8 cannot encode.
     */
    static String storable(String json) {
        return storableText(json).replace("\\u0000", "\\ufffd");
    }

    /**
     * Text PostgreSQL takes: NUL, which it refuses, and half of a surrogate pair, which UTF-8 cannot
     * encode, become U+FFFD. For what an answer echoes of a hostile request (a problem's detail).
     */
    static String storableText(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                kept.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || c == 0) {
                kept.append('\uFFFD');
            } else {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
