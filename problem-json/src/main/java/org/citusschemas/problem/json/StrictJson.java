package org.citusschemas.problem.json;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a request body into a record (or a list of records) the strict way: exactly one JSON
 * document and nothing after it, UTF-8 only, each field of the JSON type its Java type says (a
 * string for {@code String}, a whole number for {@code Integer} and {@code Long}, {@code true} or
 * {@code false} for {@code Boolean}, an array for a {@code List}, an object for a record), no
 * field the record does not have, none twice, and only text PostgreSQL stores exactly. JSON
 * {@code null} is the same as an absent field; whether that is allowed is Bean Validation's to say.
 * Every refusal names the field, as {@code host} or {@code [2].email}.
 *
 * <p>Built on the platform's JSON-P parser; JSON-B converts between types (a string to a number,
 * a number to a string) and reads past a document's end, and cannot be told not to.
 */
public final class StrictJson {

    /** Longest number text read: a Long has 19 digits and a sign. */
    private static final int MAX_NUMBER_LENGTH = 20;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]+");

    /**
     * One factory for every request: {@code Json.createParser} looks the provider up through the
     * ServiceLoader at each call, which is costly inside an application server.
     */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    /** What reading a record type needs, found once per type. */
    private record RecordType(Constructor<?> constructor, RecordComponent[] components, Map<String, Integer> index) {}

    private static final ClassValue<RecordType> RECORD_TYPES = new ClassValue<>() {
        @Override
        protected RecordType computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < components.length; i++) {
                index.put(jsonName(components[i]), i);
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(
                        Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
                canonical.setAccessible(true);
                return new RecordType(canonical, components, index);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("A record without its canonical constructor: " + type, e);
            }
        }
    };

    private final JsonParser parser;

    private StrictJson(JsonParser parser) {
        this.parser = parser;
    }

    /** Whether {@link #read} can read this type: a record, or a List of them. */
    public static boolean supports(Type type) {
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            return true;
        }
        return raw == List.class
                && type instanceof ParameterizedType list
                && raw(list.getActualTypeArguments()[0]).isRecord();
    }

    /**
     * The body as the given type, or null for an empty body.
     *
     * @throws InvalidJsonException when the body is anything but one JSON document of that type
     */
    public static Object read(InputStream body, Type type) throws IOException {
        PushbackInputStream in = new PushbackInputStream(body, 1);
        int first = in.read();
        if (first < 0) {
            return null;
        }
        in.unread(first);
        try (JsonParser parser = PARSERS.createParser(new Utf8Reader(in))) {
            StrictJson reader = new StrictJson(parser);
            Object value = reader.value(reader.next(""), type, "");
            reader.end();
            return value;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private Object value(Event event, Type type, String field) {
        if (event == Event.VALUE_NULL) {
            return null;
        }
        Class<?> raw = raw(type);
        if (raw == String.class) {
            return text(expect(event, Event.VALUE_STRING, "a string", field), field);
        }
        if (raw == Integer.class || raw == Long.class) {
            return number(expect(event, Event.VALUE_NUMBER, "a whole number", field), raw, field);
        }
        if (raw == Boolean.class) {
            if (event != Event.VALUE_TRUE && event != Event.VALUE_FALSE) {
                throw wrongType(event, "true or false", field);
            }
            return event == Event.VALUE_TRUE;
        }
        if (raw == List.class) {
            expect(event, Event.START_ARRAY, "an array", field);
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>();
            for (Event next = next(field); next != Event.END_ARRAY; next = next(field)) {
                list.add(value(next, element, field + "[" + list.size() + "]"));
            }
            return list;
        }
        if (raw.isRecord()) {
            expect(event, Event.START_OBJECT, "an object", field);
            return record(raw, field);
        }
        throw new IllegalArgumentException("StrictJson cannot read " + type);
    }

    private Object record(Class<?> type, String field) {
        RecordType recordType = RECORD_TYPES.get(type);
        RecordComponent[] components = recordType.components();
        Map<String, Integer> index = recordType.index();
        Object[] values = new Object[components.length];
        boolean[] seen = new boolean[components.length];
        for (Event next = next(field); next != Event.END_OBJECT; next = next(field)) {
            String name = parser.getString();
            String path = field.isEmpty() ? name : field + "." + name;
            Integer at = index.get(name);
            if (at == null) {
                throw new InvalidJsonException(
                        shorten(path), "is not a field of this request; its fields are " + index.keySet());
            }
            if (seen[at]) {
                throw new InvalidJsonException(path, "appears more than once");
            }
            seen[at] = true;
            values[at] = value(next(path), components[at].getGenericType(), path);
        }
        try {
            return recordType.constructor().newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Cannot make a " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot make a " + type.getSimpleName(), e);
        }
    }

    /** Text exactly as PostgreSQL will store it: no U+0000 (it stores none), no lone surrogate. */
    private String text(Event event, String field) {
        String text = parser.getString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new InvalidJsonException(field, "contains the character U+0000, which the database cannot store");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidJsonException(
                        field,
                        String.format(
                                "contains \\u%04X, half of a surrogate pair without its other half: that is not Unicode text",
                                (int) c));
            }
        }
        return text;
    }

    private Object number(Event event, Class<?> type, String field) {
        String digits = parser.getString();
        if (!WHOLE_NUMBER.matcher(digits).matches()) {
            throw new InvalidJsonException(field, "must be a whole number, written without a fraction or an exponent");
        }
        try {
            if (digits.length() > MAX_NUMBER_LENGTH) {
                throw new ArithmeticException(digits.length() + " digits");
            }
            BigDecimal number = parser.getBigDecimal();
            return type == Integer.class ? (Object) number.intValueExact() : (Object) number.longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidJsonException(
                    field, "is out of range: at most " + (type == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE));
        }
    }

    private Event expect(Event event, Event wanted, String what, String field) {
        if (event != wanted) {
            throw wrongType(event, what, field);
        }
        return event;
    }

    private static InvalidJsonException wrongType(Event event, String wanted, String field) {
        return new InvalidJsonException(field, "must be " + wanted + ", not " + jsonType(event));
    }

    private Event next(String field) {
        try {
            if (!parser.hasNext()) {
                throw new InvalidJsonException(field, "the body ends before the JSON document does");
            }
            return parser.next();
        } catch (JsonException e) {
            throw unreadable(e, field);
        }
    }

    /** Nothing may follow the document but white space. */
    private void end() {
        try {
            if (parser.hasNext()) {
                throw new InvalidJsonException("", "has content after the JSON document");
            }
        } catch (JsonException e) {
            throw new InvalidJsonException("", "has content after the JSON document");
        }
    }

    /** Bytes that are not UTF-8, a read that failed, or text that is not JSON. */
    private static InvalidJsonException unreadable(JsonException e, String field) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof CharacterCodingException) {
                return new InvalidJsonException(field, "is not valid UTF-8 text (the body must be UTF-8)");
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
        }
        return new InvalidJsonException(field, "is not valid JSON: " + e.getMessage());
    }

    private static String jsonType(Event event) {
        return switch (event) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> event.toString();
        };
    }

    private static String jsonName(RecordComponent component) {
        JsonbProperty name = component.getAccessor().getAnnotation(JsonbProperty.class);
        return name == null || name.value().isEmpty() ? component.getName() : name.value();
    }

    /** A field name from a request, cut short enough to quote in an answer. */
    private static String shorten(String name) {
        return name.length() <= 100 ? name : name.substring(0, 100) + "…";
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }
}
