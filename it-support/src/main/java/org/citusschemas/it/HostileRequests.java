package org.citusschemas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.citusschemas.it.RawHttp.Reply;
import org.citusschemas.it.RawHttp.Request;

/**
 * Generated malformed and hostile requests to one endpoint, each spoiling a valid request in one
 * way a client can get wrong: the body (wrong JSON types, unknown or repeated fields, text after
 * the document, a cut-off document, bytes that are not UTF-8, text the database cannot store,
 * an array for an object, random bytes), the content type, the method, the path, the query.
 * Every one must be refused with a 4xx problem+json, and none may change the database.
 *
 * <p>Generated with jqwik's arbitraries from a fixed seed (printed), so a failure reproduces.
 */
public final class HostileRequests {

    /** How many requests each endpoint gets, at least. */
    public static final int PER_ENDPOINT = 220;

    public static final long SEED = Long.getLong("hostile.seed", 20261125L);

    /**
     * An endpoint and one valid request to it, which every generated request spoils.
     *
     * @param freeText fields that take any text, where hostile text alone is no error
     */
    public record Endpoint(String method, String path, Set<String> methods, JsonValue validBody, Set<String> freeText) {

        public Endpoint(String method, String path, Set<String> methods, JsonValue validBody) {
            this(method, path, methods, validBody, Set.of());
        }

        String name() {
            return method + " /" + path;
        }
    }

    private HostileRequests() {}

    /** Requests whose body, content type or method is wrong (for endpoints that take a body). */
    public static Arbitrary<Request> spoiling(Endpoint endpoint) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, spoiledBodies(endpoint)),
                net.jqwik.api.Tuple.of(1, wrongContentTypes(endpoint)),
                net.jqwik.api.Tuple.of(1, wrongMethods(endpoint)));
    }

    /** Requests to the endpoint's path with a method it does not have, with and without a body. */
    public static Arbitrary<Request> wrongMethods(Endpoint endpoint) {
        List<String> others = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "BREW", "PROPFIND"));
        others.removeAll(endpoint.methods());
        return Combinators.combine(Arbitraries.of(others), Arbitraries.of(true, false))
                .as((method, withBody) -> new Request(
                        method,
                        endpoint.path(),
                        json(),
                        withBody && endpoint.validBody() != null
                                ? bytes(endpoint.validBody().toString())
                                : null,
                        "method " + method));
    }

    static Arbitrary<Request> wrongContentTypes(Endpoint endpoint) {
        return Arbitraries.of(
                        "text/plain",
                        "application/xml",
                        "application/x-www-form-urlencoded",
                        "application/json; charset=ISO-8859-1",
                        "application/json; charset=UTF-16",
                        "multipart/form-data",
                        "application/octet-stream",
                        "text/json",
                        "*/*; q=0")
                .map(type -> new Request(
                        endpoint.method(),
                        endpoint.path(),
                        Map.of("Content-Type", type),
                        bytes(
                                endpoint.validBody() == null
                                        ? "{}"
                                        : endpoint.validBody().toString()),
                        "content type " + type));
    }

    static Arbitrary<Request> spoiledBodies(Endpoint endpoint) {
        JsonValue valid = endpoint.validBody();
        List<String> fields = new ArrayList<>(object(valid).keySet());
        List<Arbitrary<Request>> kinds = new ArrayList<>(List.of(
                Combinators.combine(Arbitraries.of(fields), otherTypeValues())
                        .as((field, value) ->
                                body(endpoint, replaced(valid, field, value, true), "wrong type for " + field)),
                Arbitraries.of(fields)
                        .map(field -> body(
                                endpoint,
                                replaced(
                                        valid,
                                        field,
                                        Json.createArrayBuilder()
                                                .add(object(valid).get(field))
                                                .build(),
                                        true),
                                "array for " + field)),
                Combinators.combine(unknownFieldNames(fields), anyValues())
                        .as((field, value) -> body(endpoint, withField(valid, field, value), "unknown field " + field)),
                Arbitraries.of(fields)
                        .map(field -> body(endpoint, duplicated(valid, field), "repeated field " + field)),
                trailing().map(tail -> body(endpoint, bytes(valid + tail), "content after the document")),
                Arbitraries.integers()
                        .between(1, valid.toString().length() - 1)
                        .map(cut ->
                                body(endpoint, bytes(valid.toString().substring(0, cut)), "document cut at " + cut)),
                Combinators.combine(stringFields(valid), notUtf8())
                        .as((field, bad) ->
                                body(endpoint, withBytesIn(valid, field, bad), "bytes that are not UTF-8 in " + field)),
                Combinators.combine(stringFields(valid), unstorableEscapes())
                        .as((field, escape) -> body(
                                endpoint,
                                withEscapeIn(valid, field, escape),
                                "unstorable text " + escape + " in " + field)),
                Arbitraries.just(body(endpoint, bytes(wrapped(valid)), "wrong shape")),
                garbage().map(bytes -> body(endpoint, bytes, "random bytes")),
                Arbitraries.of("", " ", "\n", "null", "{}", "true", "0", "\"\"", "{}{}", "[][]")
                        .filter(text -> required(endpoint)
                                || !List.of("", " ", "\n", "null", "{}").contains(text))
                        .map(text -> body(endpoint, bytes(text), "body '" + text + "'"))));
        List<String> checked = strings(valid).stream()
                .filter(f -> !endpoint.freeText().contains(f))
                .toList();
        if (!checked.isEmpty()) {
            kinds.add(Combinators.combine(Arbitraries.of(checked), hostileText())
                    .as((field, text) -> body(
                            endpoint,
                            replaced(valid, field, Json.createValue(text), false),
                            "hostile text in " + field)));
        }
        return Arbitraries.oneOf(kinds);
    }

    /** Requests to paths built from hostile segments (percent-encoded so they reach the application). */
    public static Arbitrary<Request> hostilePaths(String method, String template, JsonValue body) {
        return hostileSegments()
                .map(segment -> new Request(
                        method,
                        template.replace("{}", segment),
                        json(),
                        body == null ? null : bytes(body.toString()),
                        "path segment " + segment));
    }

    /** Requests with a hostile value of a query parameter (never a plain whole number). */
    public static Arbitrary<Request> hostileQueries(String path, String parameter) {
        return hostileSegments()
                .filter(value -> !value.matches("[0-9]{1,9}"))
                .map(value -> new Request(
                        "GET",
                        path + "?" + parameter + "=" + value,
                        Map.of(),
                        null,
                        "query " + parameter + "=" + value));
    }

    /**
     * Sends {@code count} generated requests as the given user and checks what a client must get:
     * never a 5xx, never a success, always problem+json; and that the database reads the same after.
     */
    public static void assertAllRefused(
            String what,
            URL application,
            Map<String, String> login,
            Arbitrary<Request> requests,
            int count,
            Supplier<String> database) {
        String root = application.getPath().endsWith("/") ? application.getPath() : application.getPath() + "/";
        String before = database.get();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Request request : sample(requests, count, what)) {
            Map<String, String> headers = new LinkedHashMap<>(login);
            headers.putAll(request.headers());
            Request sent =
                    new Request(request.method(), root + request.target(), headers, request.body(), request.what());
            Reply reply = RawHttp.send(application.getPort(), sent);
            statuses.merge(reply.status(), 1, Integer::sum);
            boolean refused = reply.status() >= 400 && reply.status() < 500;
            if (!refused || !reply.contentType().startsWith("application/problem+json")) {
                wrong.add(sent + "\n    -> " + reply);
            }
        }
        System.out.printf("HOSTILE %s: %d requests (seed %d), answers %s%n", what, count, SEED, statuses);
        assertTrue(
                wrong.isEmpty(),
                () -> wrong.size() + " of " + count + " hostile requests to " + what
                        + " were not refused with a 4xx problem+json:\n  "
                        + String.join("\n  ", wrong.subList(0, Math.min(20, wrong.size()))));
        assertEquals(before, database.get(), what + ": hostile requests changed the database");
    }

    /**
     * {@code count} values of an arbitrary, the same ones every run for the same {@code name}
     * and {@link #SEED} (jqwik generates outside its engine only within a session).
     */
    public static <T> List<T> sample(Arbitrary<T> arbitrary, int count, String name) {
        List<T> values = new ArrayList<>();
        JqwikSession.run(
                String.valueOf(SEED ^ name.hashCode()),
                () -> arbitrary.sampleStream().limit(count).forEach(values::add));
        return values;
    }

    /** Any text PostgreSQL stores exactly, up to a length: every code point but U+0000 and the surrogates. */
    public static Arbitrary<String> storableText(int maxChars) {
        Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 0x7F)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x80, 0xD7FF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0xE000, 0xFFFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        // at most two UTF-16 units a code point: never over maxChars as Java (and Bean Validation) counts
        return codePoints.list().ofMinSize(1).ofMaxSize(maxChars / 2).map(cps -> {
            StringBuilder text = new StringBuilder();
            cps.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    // ------------------------------------------------------------------ body spoilers

    private static boolean required(Endpoint endpoint) {
        return !endpoint.path().endsWith("drain") && !endpoint.path().endsWith("rebalance");
    }

    private static Request body(Endpoint endpoint, byte[] body, String what) {
        return new Request(endpoint.method(), endpoint.path(), json(), body, what);
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    /** The object a body is about: the body itself, or the first element of an array body. */
    private static JsonObject object(JsonValue body) {
        return body instanceof JsonArray array ? array.getJsonObject(0) : body.asJsonObject();
    }

    private static JsonValue rebuilt(JsonValue body, JsonObject object) {
        if (body instanceof JsonArray array) {
            JsonArrayBuilder copy = Json.createArrayBuilder(array);
            copy.set(0, object);
            return copy.build();
        }
        return object;
    }

    /** The body with a field's value replaced; {@code otherType} keeps only values of another JSON type. */
    private static byte[] replaced(JsonValue body, String field, JsonValue value, boolean otherType) {
        JsonObject object = object(body);
        JsonValue current = object.get(field);
        JsonValue replacement = value;
        if (otherType && sameType(current, value)) {
            replacement =
                    current.getValueType() == JsonValue.ValueType.STRING ? Json.createValue(1) : Json.createValue("1");
        }
        return bytes(rebuilt(
                        body,
                        Json.createObjectBuilder(object).add(field, replacement).build())
                .toString());
    }

    private static boolean sameType(JsonValue a, JsonValue b) {
        boolean aBoolean = a == JsonValue.TRUE || a == JsonValue.FALSE;
        boolean bBoolean = b == JsonValue.TRUE || b == JsonValue.FALSE;
        return a.getValueType() == b.getValueType() || aBoolean && bBoolean;
    }

    private static byte[] withField(JsonValue body, String field, JsonValue value) {
        JsonObjectBuilder object = Json.createObjectBuilder(object(body)).add(field, value);
        return bytes(rebuilt(body, object.build()).toString());
    }

    private static byte[] duplicated(JsonValue body, String field) {
        JsonObject object = object(body);
        String text = object.toString();
        String again = "," + Json.createValue(field) + ":" + object.get(field) + "}";
        String spoiled = text.substring(0, text.length() - 1) + again;
        return bytes(body instanceof JsonArray ? body.toString().replace(text, spoiled) : spoiled);
    }

    /** Raw bytes put into a string field's value. */
    private static byte[] withBytesIn(JsonValue body, String field, byte[] bad) {
        String marker = "\u0001MARK\u0001";
        String text =
                new String(replaced(body, field, Json.createValue("x" + marker + "y"), false), StandardCharsets.UTF_8);
        String escapedMarker = Json.createValue(marker).toString();
        escapedMarker = escapedMarker.substring(1, escapedMarker.length() - 1);
        int at = text.indexOf(escapedMarker);
        byte[] head = bytes(text.substring(0, at));
        byte[] tail = bytes(text.substring(at + escapedMarker.length()));
        byte[] all = new byte[head.length + bad.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        return all;
    }

    private static byte[] withEscapeIn(JsonValue body, String field, String escape) {
        String text = new String(replaced(body, field, Json.createValue("x@MARK@y"), false), StandardCharsets.UTF_8);
        return bytes(text.replace("@MARK@", escape));
    }

    private static String wrapped(JsonValue body) {
        return body instanceof JsonArray array ? array.getJsonObject(0).toString() : "[" + body + "]";
    }

    // ------------------------------------------------------------------ generators

    private static List<String> strings(JsonValue body) {
        return object(body).entrySet().stream()
                .filter(e -> e.getValue().getValueType() == JsonValue.ValueType.STRING)
                .map(Map.Entry::getKey)
                .toList();
    }

    private static Arbitrary<String> stringFields(JsonValue body) {
        List<String> strings = strings(body);
        return strings.isEmpty() ? Arbitraries.of(object(body).keySet()) : Arbitraries.of(strings);
    }

    private static Arbitrary<JsonValue> otherTypeValues() {
        return Arbitraries.oneOf(
                Arbitraries.of("1", "true", "null", "", "9811", "[]", "{}", "block_writes")
                        .map(Json::createValue),
                Arbitraries.of(0, 1, -1, 9811, Integer.MAX_VALUE).map(Json::createValue),
                Arbitraries.of("1.5", "1e3", "-0.0", "99999999999999999999999")
                        .map(n -> Json.createValue(new java.math.BigDecimal(n))),
                Arbitraries.of(
                        JsonValue.TRUE, JsonValue.FALSE, JsonValue.EMPTY_JSON_OBJECT, JsonValue.EMPTY_JSON_ARRAY),
                Arbitraries.just(Json.createArrayBuilder().add("127.0.0.1").build()),
                Arbitraries.just(
                        Json.createObjectBuilder().add("host", "127.0.0.1").build()));
    }

    private static Arbitrary<JsonValue> anyValues() {
        return Arbitraries.oneOf(otherTypeValues(), Arbitraries.just(JsonValue.NULL));
    }

    private static Arbitrary<String> unknownFieldNames(List<String> known) {
        return Arbitraries.oneOf(
                        Arbitraries.of(
                                "admin",
                                "id",
                                "drainOnly",
                                "Host",
                                "NAME",
                                "__proto__",
                                "",
                                " ",
                                "schema ",
                                "role",
                                "superuser",
                                "password",
                                "node",
                                "targetPort"),
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(12))
                .filter(name -> !known.contains(name));
    }

    /** Text that no identifier, host name, mode or strategy allows: quotes, separators, controls, non-ASCII. */
    static Arbitrary<String> hostileText() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "x'; DROP SCHEMA userservice CASCADE; --",
                        "\"; SELECT pg_sleep(10); --",
                        "$(reboot)",
                        "`id`",
                        "a b",
                        "127.0.0.1; rm -rf /",
                        "-oProxyCommand=x",
                        "worker1\n",
                        "../../etc/passwd",
                        "Ｕｓｅｒｓｅｒｖｉｃｅ",
                        "userservice\u200b",
                        "ᴜsᴇʀsᴇʀᴠɪᴄᴇ",
                        "\u202eecivresresu",
                        "%00",
                        "\t",
                        "by_disk_size ",
                        "BLOCK_WRITES",
                        "auto;"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(40).map(s -> s + "'\u00e9"),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(300).map(s -> s + "!"),
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .ofMinLength(5000)
                        .ofMaxLength(20000)
                        .map(s -> s + " "));
    }

    private static Arbitrary<String> trailing() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "x", "1", "null", ",", "}", "]", "{}", "[]", "\u0000", " // comment", "\n{\"a\":1}", "\"\""),
                Arbitraries.strings()
                        .ofMinLength(1)
                        .ofMaxLength(20)
                        .filter(s -> !s.isBlank())
                        .map(s -> " " + s));
    }

    private static Arbitrary<byte[]> notUtf8() {
        return Arbitraries.of(
                new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xC3, 0x28},
                new byte[] {(byte) 0xFE, (byte) 0xFF},
                new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});
    }

    private static Arbitrary<String> unstorableEscapes() {
        return Arbitraries.oneOf(
                Arbitraries.of("\\u0000", "\\ud800", "\\udfff", "\\udbff\\u0041", "\\ud83d"),
                Arbitraries.integers().between(0xD800, 0xDFFF).map(c -> String.format("\\u%04x", c)));
    }

    /** Bytes that are no JSON document at all. */
    private static Arbitrary<byte[]> garbage() {
        return Arbitraries.oneOf(
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(200),
                        Arbitraries.strings()
                                .withChars("[]{}\",:0123456789.eE+-truefalsnl \\u")
                                .ofMinLength(1)
                                .ofMaxLength(60)
                                .map(HostileRequests::bytes),
                        Arbitraries.of(
                                        "<xml/>",
                                        "host=127.0.0.1",
                                        "{'host':'127.0.0.1'}",
                                        "{host:\"127.0.0.1\"}",
                                        "[1,]",
                                        "{\"a\":1,}",
                                        "NaN",
                                        "Infinity",
                                        "\ufeff{}",
                                        "/* */{}")
                                .map(HostileRequests::bytes))
                .filter(HostileRequests::notJson);
    }

    private static boolean notJson(byte[] bytes) {
        try (var reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            reader.readValue();
            return false;
        } catch (jakarta.json.JsonException e) {
            return true;
        }
    }

    /**
     * Path segments, percent-encoded as a client would, that name nothing valid. None decodes to a
     * NUL, a slash, a backslash or a dot segment: Payara refuses those itself, before any
     * application sees them (see {@link #MALFORMED_TARGETS}).
     */
    static Arbitrary<String> hostileSegments() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "%27%3B%20DROP%20SCHEMA%20x%3B--",
                        "%20",
                        "%C3%A9",
                        "%E2%80%AE",
                        "%F0%9F%92%A9",
                        "%EF%BF%BF",
                        "Users",
                        "user-service",
                        "-1",
                        "0",
                        "99999999999999999999999",
                        "1e3",
                        "0x10",
                        "%2Bnull",
                        "null",
                        "undefined",
                        "%09",
                        "a%20b",
                        "%3Bx",
                        "x%3Fy",
                        "x%23y"),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(64),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2000).ofMaxLength(4000),
                Arbitraries.strings()
                        .ofMinLength(1)
                        .ofMaxLength(20)
                        .filter(s -> s.chars().noneMatch(c -> c == 0 || c == '/' || c == '\\'))
                        .map(s -> java.net.URLEncoder.encode(s + "\u00e9", StandardCharsets.UTF_8)));
    }

    /**
     * Request targets Payara answers itself, before routing to any application: percent-encodings
     * that do not decode (or decode to bytes that are not UTF-8, or to NUL), and encoded dot
     * segments and slashes. Each relative to an application's root.
     */
    public static final List<String> MALFORMED_TARGETS = List.of(
            "%zz", "%", "%00", "%ff", "%C0%AF", "..%2F..%2Fetc", "%2e%2e/%2e%2e/x", "..%5c..%5cx", "a%2Fb/%2e%2e");

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
