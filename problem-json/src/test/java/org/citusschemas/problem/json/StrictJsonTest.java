package org.citusschemas.problem.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.annotation.JsonbProperty;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * What a client may send and what it gets: whatever the strict reader accepts comes out exactly
 * as it went in; whatever it refuses is an {@link InvalidJsonException} (a 400) naming the field,
 * never another failure.
 */
class StrictJsonTest {

    /** Every JSON type the product's request records use, one field each. */
    record Item(
            String name,
            Integer count,
            Long id,
            @JsonbProperty("drain_only") Boolean drainOnly) {}

    static final Type ITEMS = new ParameterizedType() {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {Item.class};
        }

        @Override
        public Type getRawType() {
            return List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }
    };

    // ------------------------------------------------------------------ accepted input round-trips

    @Property
    @Label("any valid item is read back exactly")
    void validItemsRoundTrip(@ForAll("items") Item item) throws IOException {
        assertEquals(item, read(json(item).toString(), Item.class));
    }

    @Property
    @Label("any valid list of items is read back exactly, whatever white space surrounds it")
    void validListsRoundTrip(
            @ForAll @Size(max = 5) List<@From("items") Item> items,
            @ForAll("whitespace") String before,
            @ForAll("whitespace") String after)
            throws IOException {
        JsonArrayBuilder array = Json.createArrayBuilder();
        items.forEach(i -> array.add(json(i)));
        assertEquals(items, read(before + array.build() + after, ITEMS));
    }

    @Property
    @Label("text with escapes in any form reads as the same text")
    void escapedTextRoundTrips(@ForAll("text") String text) throws IOException {
        StringBuilder escaped = new StringBuilder("{\"name\":\"");
        text.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
        escaped.append("\"}");
        assertEquals(text, ((Item) read(escaped.toString(), Item.class)).name());
    }

    // ------------------------------------------------------------------ refused input names the field

    @Property
    @Label("a field of the wrong JSON type is refused, naming the field")
    void wrongTypesAreRefused(@ForAll("fields") String field, @ForAll("values") JsonValue value) {
        boolean sameType = switch (field) {
            case "name" -> value.getValueType() == JsonValue.ValueType.STRING;
            case "count", "id" -> value.getValueType() == JsonValue.ValueType.NUMBER;
            default ->
                value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE;
        };
        String body = Json.createObjectBuilder().add(field, value).build().toString();
        if (sameType) {
            return; // checked by the round trip
        }
        InvalidJsonException refused = assertThrows(InvalidJsonException.class, () -> read(body, Item.class));
        assertEquals(field, refused.field(), refused.getMessage());
    }

    @Property
    @Label("a number with a fraction or an exponent, or out of range, is refused")
    void nonWholeNumbersAreRefused(@ForAll("notWholeNumbers") String number) {
        InvalidJsonException refused = assertThrows(
                InvalidJsonException.class, () -> read("[{\"name\":\"a\"},{\"count\":" + number + "}]", ITEMS));
        assertEquals("[1].count", refused.field());
    }

    @Property
    @Label("text PostgreSQL cannot store exactly is refused, naming the field")
    void unstorableTextIsRefused(
            @ForAll("text") String prefix, @ForAll("unstorable") String bad, @ForAll("text") String suffix) {
        String escaped = String.format("\\u%04x", (int) bad.charAt(0));
        String body = "[{\"name\":\"" + escape(prefix) + escaped + escape(suffix) + "\"}]";
        InvalidJsonException refused = assertThrows(InvalidJsonException.class, () -> read(body, ITEMS));
        assertEquals("[0].name", refused.field());
    }

    @Property
    @Label("bytes that are not UTF-8 are refused, naming the field they are in")
    void invalidUtf8IsRefused(@ForAll("text") String prefix, @ForAll("notUtf8") byte[] bad) {
        byte[] head = ("{\"drain_only\":true,\"name\":\"" + escape(prefix)).getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(bad, 0, body, head.length, bad.length);
        System.arraycopy(tail, 0, body, head.length + bad.length, tail.length);
        InvalidJsonException refused = assertThrows(
                InvalidJsonException.class, () -> StrictJson.read(new ByteArrayInputStream(body), Item.class));
        assertEquals("name", refused.field(), refused.getMessage());
    }

    @Property
    @Label("anything after the document is refused")
    void trailingContentIsRefused(@ForAll("items") Item item, @ForAll("trailing") String trailing) {
        InvalidJsonException refused =
                assertThrows(InvalidJsonException.class, () -> read(json(item) + trailing, Item.class));
        assertEquals("", refused.field());
    }

    @Property
    @Label("a field the request does not have is refused, by name")
    void unknownFieldsAreRefused(@ForAll("unknownNames") String name, @ForAll("values") JsonValue value) {
        String body = "[{\"name\":\"x\"},"
                + Json.createObjectBuilder().add(name, value).build() + "]";
        InvalidJsonException refused = assertThrows(InvalidJsonException.class, () -> read(body, ITEMS));
        assertTrue(refused.field().startsWith("[1]."), refused.field());
    }

    @Property
    @Label("a field given twice is refused")
    void duplicateFieldsAreRefused(@ForAll("fields") String field) {
        String value = switch (field) {
            case "name" -> "\"a\"";
            case "count", "id" -> "1";
            default -> "true";
        };
        InvalidJsonException refused = assertThrows(
                InvalidJsonException.class,
                () -> read("{\"" + field + "\":" + value + ",\"" + field + "\":" + value + "}", Item.class));
        assertEquals(field, refused.field());
    }

    @Property
    @Label("an array where an object belongs, or an object where an array belongs, is refused")
    void wrongShapesAreRefused(@ForAll("items") Item item) {
        assertThrows(InvalidJsonException.class, () -> read("[" + json(item) + "]", Item.class));
        assertThrows(InvalidJsonException.class, () -> read(json(item).toString(), ITEMS));
    }

    @Property(tries = 2000)
    @Label("arbitrary bytes are read or refused as a 400, never anything else")
    void arbitraryBytesNeverFailOtherwise(@ForAll("garbage") byte[] body) throws IOException {
        try {
            StrictJson.read(new ByteArrayInputStream(body), ITEMS);
        } catch (InvalidJsonException refused) {
            // a 400: what the property allows
        }
    }

    @Property(tries = 2000)
    @Label("a valid document cut short or with one byte changed is read or refused as a 400, never anything else")
    void damagedDocumentsNeverFailOtherwise(
            @ForAll @Size(min = 1, max = 3) List<@From("items") Item> items,
            @ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll byte replacement,
            @ForAll boolean cut)
            throws IOException {
        JsonArrayBuilder array = Json.createArrayBuilder();
        items.forEach(i -> array.add(json(i)));
        byte[] body = array.build().toString().getBytes(StandardCharsets.UTF_8);
        int at = where % body.length;
        byte[] damaged;
        if (cut) {
            damaged = java.util.Arrays.copyOf(body, at);
        } else {
            damaged = body.clone();
            damaged[at] = replacement;
        }
        try {
            StrictJson.read(new ByteArrayInputStream(damaged), ITEMS);
        } catch (InvalidJsonException refused) {
            // a 400
        }
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<Item> items() {
        return Combinators.combine(
                        text().injectNull(0.2),
                        Arbitraries.integers().injectNull(0.2),
                        Arbitraries.longs().injectNull(0.2),
                        Arbitraries.of(true, false).injectNull(0.3))
                .as(Item::new);
    }

    /** Any Unicode text PostgreSQL stores exactly: every code point but U+0000 and the surrogates. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<Integer> codePoints = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 0x7F),
                Arbitraries.integers().between(0x80, 0xD7FF),
                Arbitraries.integers().between(0xE000, 0x10FFFF));
        return codePoints.list().ofMaxSize(20).map(cps -> {
            StringBuilder text = new StringBuilder();
            cps.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    @Provide
    Arbitrary<String> unstorable() {
        return Arbitraries.oneOf(
                Arbitraries.just("\u0000"),
                Arbitraries.chars().range('\uD800', '\uDFFF').map(String::valueOf));
    }

    /** Byte sequences no UTF-8 decoder may accept. */
    @Provide
    Arbitrary<byte[]> notUtf8() {
        return Arbitraries.of(
                new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xC3, 0x28},
                new byte[] {(byte) 0xFE, (byte) 0xFE});
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of("name", "count", "id", "drain_only");
    }

    @Provide
    Arbitrary<String> unknownNames() {
        return Arbitraries.oneOf(text(), Arbitraries.of("Name", "drainOnly", "NAME", "count ", "", "__proto__"))
                .filter(n -> !List.of("name", "count", "id", "drain_only").contains(n));
    }

    @Provide
    Arbitrary<JsonValue> values() {
        Arbitrary<JsonValue> scalars = Arbitraries.oneOf(
                text().map(Json::createValue),
                Arbitraries.integers().map(Json::createValue),
                Arbitraries.doubles().filter(Double::isFinite).map(Json::createValue),
                Arbitraries.of(JsonValue.TRUE, JsonValue.FALSE),
                Arbitraries.of("1", "0", "true", "false", "null", "", "1.0", "-1")
                        .map(Json::createValue));
        return Arbitraries.oneOf(
                scalars,
                scalars.list().ofMaxSize(3).map(l -> {
                    JsonArrayBuilder array = Json.createArrayBuilder();
                    l.forEach(array::add);
                    return array.build();
                }),
                scalars.map(v -> Json.createObjectBuilder().add("name", v).build()));
    }

    @Provide
    Arbitrary<String> notWholeNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "1.0",
                        "1e0",
                        "1E2",
                        "0.5",
                        "-0.0",
                        "2147483648",
                        "-2147483649",
                        "1e400",
                        "99999999999999999999999999999999999999999"),
                Arbitraries.doubles().filter(d -> d != Math.rint(d)).map(String::valueOf),
                Arbitraries.longs()
                        .filter(l -> l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)
                        .map(String::valueOf));
    }

    @Provide
    Arbitrary<String> whitespace() {
        return Arbitraries.strings().withChars(' ', '\t', '\n', '\r').ofMaxLength(4);
    }

    @Provide
    Arbitrary<String> trailing() {
        return Arbitraries.oneOf(
                Arbitraries.of("{}", "[]", "x", "1", "null", ",", "}", "]", "{\"name\":\"b\"}", "\u0000", "\"\""),
                Arbitraries.strings()
                        .ofMinLength(1)
                        .ofMaxLength(10)
                        .filter(s -> !s.isBlank())
                        .map(s -> " " + s));
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
                Arbitraries.strings()
                        .withChars("[]{}\",:0123456789.eE+-truefalsnl \\u\t\n")
                        .ofMaxLength(40)
                        .map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.strings()
                        .withChars("[]{}\",:0123456789.eE+-truefalsnl \\u\t\n")
                        .ofMaxLength(40)
                        .map(s -> ("[{\"name\":" + s).getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------ helpers

    private static Object read(String body, Type type) throws IOException {
        return StrictJson.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), type);
    }

    private static JsonValue json(Item item) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        if (item.name() != null) {
            object.add("name", item.name());
        }
        if (item.count() != null) {
            object.add("count", item.count());
        } else {
            object.addNull("count");
        }
        if (item.id() != null) {
            object.add("id", item.id());
        }
        if (item.drainOnly() != null) {
            object.add("drain_only", item.drainOnly());
        }
        return object.build();
    }

    private static String escape(String text) {
        return Json.createValue(text).toString().replaceAll("^\"|\"$", "");
    }
}
