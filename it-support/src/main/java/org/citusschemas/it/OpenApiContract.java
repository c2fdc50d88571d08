package org.citusschemas.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps a service's OpenAPI document ({@code META-INF/openapi.yaml}, which Payara serves as it is
 * at {@code /openapi}) true to its JAX-RS resources: the same operations (method and path), the
 * same path, query and header parameters with the types the code reads them as, a request body
 * exactly where the code takes one, of the media type it consumes and with the JSON fields (and
 * required fields) of the record it reads; success bodies of the media type it produces with the
 * fields of the records it answers; every 4xx and 5xx a problem+json body of the one {@code Problem}
 * schema, itself true to {@code org.citusschemas.problem.Problem}. Every operation has a summary
 * and a unique operationId.
 *
 * <p>What it cannot see from the classes (the statuses a method can answer, constraints, headers)
 * is checked by running: the generated clients of admin-it read every answer through the document.
 */
public final class OpenApiContract {

    public static final String DOCUMENT = "META-INF/openapi.yaml";
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Pattern DIGITS = Pattern.compile("\\\\d\\{1,\\d+}");

    private final OpenAPI document;
    private final List<String> failures = new ArrayList<>();

    private OpenApiContract(OpenAPI document) {
        this.document = document;
    }

    /** The module's own document, from its compiled resources. */
    public static OpenAPI document() {
        return parse(text(), DOCUMENT);
    }

    static OpenAPI parse(String yaml, String where) {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
        assertTrue(
                result.getMessages() == null || result.getMessages().isEmpty(),
                () -> where + ": " + result.getMessages());
        assertTrue(result.getOpenAPI() != null, () -> where + " is no OpenAPI document");
        return result.getOpenAPI();
    }

    /**
     * Fails with every difference between the document and the module's resources: the classes
     * with a JAX-RS {@code @Path} under {@code target/classes}, but those left out ({@code excluded}).
     * {@code role} says what each operation's {@code x-required-role} must be (null: no login).
     */
    public static void assertDescribes(
            OpenAPI document, Class<?> problem, BiFunction<String, String, String> role, Class<?>... excluded) {
        OpenApiContract contract = new OpenApiContract(document);
        Set<Class<?>> left = Set.of(excluded);
        Map<String, Method> operations = new LinkedHashMap<>();
        List<Class<?>> classes = classes(Path.of("target", "classes"));
        for (Class<?> resource : classes) {
            if (!resource.isAnnotationPresent(jakarta.ws.rs.Path.class) || left.contains(resource)) {
                continue;
            }
            for (Method method : resource.getMethods()) {
                String verb = verb(method);
                if (verb != null) {
                    operations.put(verb + " " + path(resource, method), method);
                }
            }
        }
        assertTrue(!operations.isEmpty(), "no JAX-RS resource found under target/classes");
        Map<String, Operation> described = new LinkedHashMap<>();
        Map<String, List<Parameter>> shared = new HashMap<>();
        document.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((verb, operation) -> {
                    described.put(verb.name() + " " + path, operation);
                    shared.put(
                            verb.name() + " " + path, item.getParameters() == null ? List.of() : item.getParameters());
                }));
        assertEquals(
                new TreeSet<>(operations.keySet()),
                new TreeSet<>(described.keySet()),
                "the operations of the resources (left) and of " + DOCUMENT + " (right)");

        Set<String> ids = new HashSet<>();
        operations.forEach((key, method) -> {
            Operation operation = described.get(key);
            if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                contract.failures.add(key + " has no summary");
            }
            if (!ids.add(String.valueOf(operation.getOperationId()))) {
                contract.failures.add(key + " has no operationId or one used before: " + operation.getOperationId());
            }
            contract.checkParameters(key, method, operation, shared.get(key));
            contract.checkBody(key, method, operation);
            contract.checkResponses(key, method, operation);
            String[] verbPath = key.split(" ", 2);
            contract.checkRole(key, operation, role.apply(verbPath[0], verbPath[1]));
        });
        if (!document.getComponents().getSchemas().containsKey("Problem")) {
            contract.failures.add("components.schemas has no Problem");
        }
        // A schema named as a record of the module (or Problem's) is that record's fields: the
        // answers built in a Response, whose type the method does not show, are checked so.
        List<Class<?>> named = new ArrayList<>(classes);
        named.add(problem);
        named.addAll(List.of(problem.getDeclaredClasses()));
        document.getComponents().getSchemas().forEach((name, schema) -> {
            List<Class<?>> same = named.stream()
                    .filter(c -> c.isRecord() && c.getSimpleName().equals(name))
                    .toList();
            if (same.size() == 1) {
                contract.compare("components.schemas." + name, same.get(0), schema, false, new HashSet<>());
            } else if (same.size() > 1) {
                contract.failures.add("components.schemas." + name + " could be any of " + same);
            }
        });
        if (!contract.failures.isEmpty()) {
            fail(DOCUMENT + " says otherwise than the code:\n  " + String.join("\n  ", contract.failures));
        }
    }

    /**
     * The WAR at {@code war} publishes its own document at {@code openapi}, as it is written
     * (problem-json's OpenApiDocument), in YAML.
     */
    public static void assertServed(URL war) throws IOException, InterruptedException {
        assertServed(war, text());
    }

    /** The WAR at {@code war} publishes the document in {@code file} at {@code openapi}, as it is written. */
    public static void assertServed(URL war, Path file) throws IOException, InterruptedException {
        assertServed(war, Files.readString(file, StandardCharsets.UTF_8));
    }

    private static void assertServed(URL war, String document) throws IOException, InterruptedException {
        HttpResponse<String> served = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(war + "openapi"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, served.statusCode(), served::body);
        assertEquals(
                "application/yaml;charset=UTF-8",
                served.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        assertEquals(document, served.body(), "the document served at " + war + "openapi");
    }

    private static String text() {
        try (InputStream in = OpenApiContract.class.getClassLoader().getResourceAsStream(DOCUMENT)) {
            assertTrue(in != null, DOCUMENT + " is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void checkParameters(String key, Method method, Operation operation, List<Parameter> shared) {
        Map<String, java.lang.reflect.Parameter> code = new LinkedHashMap<>();
        for (java.lang.reflect.Parameter parameter : method.getParameters()) {
            String name = parameterKey(parameter);
            if (name != null) {
                code.put(name, parameter);
            }
        }
        Map<String, Parameter> doc = new LinkedHashMap<>();
        for (Parameter parameter : parameters(shared, operation)) {
            doc.put(parameter.getIn() + " " + parameter.getName(), parameter);
        }
        if (!code.keySet().equals(doc.keySet())) {
            failures.add(key + ": parameters " + code.keySet() + " in the code, " + doc.keySet() + " in the document");
            return;
        }
        code.forEach((name, parameter) -> {
            Parameter described = doc.get(name);
            String type = schema(described.getSchema()).getType();
            // Text validated as digits only is a whole number ("12", not "1e1"); other text the
            // resource parses itself (audit's limit) may be described as the number it parses.
            String expected = digitsOnly(parameter) ? "integer" : jsonType(parameter.getType());
            boolean parsedText =
                    parameter.getType() == String.class && !digitsOnly(parameter) && "integer".equals(type);
            if (!expected.equals(type) && !parsedText) {
                failures.add(
                        key + ": parameter " + name + " is " + expected + " in the code, " + type + " in the document");
            }
            checkConstraints(key + ": parameter " + name, parameter.getAnnotations(), schema(described.getSchema()));
            if (name.startsWith("path ") && !Boolean.TRUE.equals(described.getRequired())) {
                failures.add(key + ": path parameter " + name + " must be required");
            }
        });
    }

    private List<Parameter> parameters(List<Parameter> shared, Operation operation) {
        List<Parameter> all = new ArrayList<>(shared);
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all.stream()
                .map(p -> p.get$ref() == null
                        ? p
                        : document.getComponents().getParameters().get(refName(p.get$ref())))
                .toList();
    }

    private static String parameterKey(java.lang.reflect.Parameter parameter) {
        if (parameter.isAnnotationPresent(PathParam.class)) {
            return "path " + parameter.getAnnotation(PathParam.class).value();
        }
        if (parameter.isAnnotationPresent(QueryParam.class)) {
            return "query " + parameter.getAnnotation(QueryParam.class).value();
        }
        if (parameter.isAnnotationPresent(HeaderParam.class)) {
            return "header " + parameter.getAnnotation(HeaderParam.class).value();
        }
        return null;
    }

    /** A text parameter whose @Pattern (or its constraint's) allows digits only. */
    private static boolean digitsOnly(java.lang.reflect.Parameter parameter) {
        return parameter.getType() == String.class
                && Stream.of(parameter.getAnnotations())
                        .anyMatch(a -> a instanceof jakarta.validation.constraints.Pattern p
                                && DIGITS.matcher(p.regexp()).matches());
    }

    private void checkBody(String key, Method method, Operation operation) {
        // Here, not in a constant: assertServed runs where JAX-RS is not on the class path.
        Set<Class<? extends Annotation>> notTheBody = Set.of(
                PathParam.class,
                QueryParam.class,
                HeaderParam.class,
                CookieParam.class,
                MatrixParam.class,
                FormParam.class,
                BeanParam.class,
                Context.class);
        java.lang.reflect.Parameter body = Stream.of(method.getParameters())
                .filter(p -> Stream.of(p.getAnnotations()).noneMatch(a -> notTheBody.contains(a.annotationType())))
                .findFirst()
                .orElse(null);
        if (body == null) {
            if (operation.getRequestBody() != null) {
                failures.add(key + " takes no body, but the document describes one");
            }
            return;
        }
        if (operation.getRequestBody() == null) {
            failures.add(key + " takes a body the document does not describe");
            return;
        }
        Content content = operation.getRequestBody().getContent();
        Set<String> consumes = mediaTypes(
                method.getAnnotation(Consumes.class) != null
                        ? method.getAnnotation(Consumes.class).value()
                        : method.getDeclaringClass().getAnnotation(Consumes.class) == null
                                ? new String[0]
                                : method.getDeclaringClass()
                                        .getAnnotation(Consumes.class)
                                        .value());
        if (!consumes.equals(content.keySet())) {
            failures.add(key + " consumes " + consumes + ", the document says " + content.keySet());
            return;
        }
        boolean required = Boolean.TRUE.equals(operation.getRequestBody().getRequired());
        if (required != isRequired(body)) {
            failures.add(key + ": the body is " + (required ? "" : "not ") + "required in the document, "
                    + (required ? "optional" : "required") + " in the code");
        }
        content.values().forEach(media -> {
            checkConstraints(key + " body", body.getAnnotations(), schema(media.getSchema()));
            compare(key + " body", body.getParameterizedType(), media.getSchema(), true, new HashSet<>());
        });
    }

    private void checkResponses(String key, Method method, Operation operation) {
        Map<String, ApiResponse> responses = new LinkedHashMap<>();
        operation
                .getResponses()
                .forEach((status, response) -> responses.put(
                        status,
                        response.get$ref() == null
                                ? response
                                : document.getComponents().getResponses().get(refName(response.get$ref()))));
        if (responses.keySet().stream().noneMatch(s -> s.startsWith("2"))) {
            failures.add(key + " has no success response");
        }
        Produces produces = method.getAnnotation(Produces.class) != null
                ? method.getAnnotation(Produces.class)
                : method.getDeclaringClass().getAnnotation(Produces.class);
        responses.forEach((status, response) -> {
            if (status.equals("default")) {
                failures.add(key + " has a default response: name each status");
            } else if (status.startsWith("4") || status.startsWith("5")) {
                Content content = response.getContent();
                if (content == null
                        || !content.keySet().equals(Set.of(PROBLEM))
                        || !PROBLEM_REF.equals(content.get(PROBLEM).getSchema().get$ref())) {
                    failures.add(key + " " + status + " must be " + PROBLEM + " of " + PROBLEM_REF);
                }
            } else if (response.getContent() != null) {
                Set<String> media = response.getContent().keySet();
                if (produces == null || !mediaTypes(produces.value()).containsAll(media)) {
                    failures.add(key + " " + status + " answers " + media + ", the code produces "
                            + (produces == null ? "nothing named" : List.of(produces.value())));
                }
                if (method.getReturnType() != Response.class && media.contains("application/json")) {
                    compare(
                            key + " " + status,
                            method.getGenericReturnType(),
                            response.getContent().get("application/json").getSchema(),
                            false,
                            new HashSet<>());
                }
            }
        });
    }

    private void checkRole(String key, Operation operation, String role) {
        Object declared = operation.getExtensions() == null
                ? null
                : operation.getExtensions().get("x-required-role");
        if (role == null) {
            if (declared != null
                    || document.getSecurity() != null
                            && (operation.getSecurity() == null
                                    || !operation.getSecurity().isEmpty())) {
                failures.add(key + " needs no login: no x-required-role, and security: [] where the document has any");
            }
            return;
        }
        if (!role.equals(declared)) {
            failures.add(key + " needs the " + role + " role; its x-required-role is " + declared);
        }
        if (document.getSecurity() == null && operation.getSecurity() == null) {
            failures.add(key + " needs a login, but no security requirement applies to it");
        }
        if (operation.getResponses().get("401") == null
                || operation.getResponses().get("403") == null) {
            failures.add(key + " needs a login: it answers 401 and 403");
        }
    }

    /**
     * The limits the code validates (@Size, @Min, @Max, on the element or in a constraint of its
     * own such as @Batch) are the document's: minLength/maxLength or minItems/maxItems, minimum/maximum.
     */
    private void checkConstraints(String where, Annotation[] annotations, Schema<?> schema) {
        Map<String, Long> code = new TreeMap<>();
        for (Annotation annotation : annotations) {
            limits(annotation, code, 0);
        }
        code.remove("size.min", 0L); // @Size's defaults: no limit
        code.remove("size.max", (long) Integer.MAX_VALUE);
        boolean array = "array".equals(schema.getType());
        Map<String, Long> doc = new TreeMap<>();
        code.keySet().forEach(limit -> {
            Object value = switch (limit) {
                case "size.min" -> array ? schema.getMinItems() : schema.getMinLength();
                case "size.max" -> array ? schema.getMaxItems() : schema.getMaxLength();
                case "minimum" -> schema.getMinimum();
                case "maximum" -> schema.getMaximum();
                default -> null;
            };
            if (value instanceof Number number) {
                doc.put(limit, number.longValue());
            }
        });
        if (!code.equals(doc)) {
            failures.add(where + ": limits " + code + " in the code, " + doc + " in the document");
        }
    }

    private static void limits(Annotation annotation, Map<String, Long> limits, int depth) {
        if (annotation instanceof jakarta.validation.constraints.Size size) {
            limits.put("size.min", (long) size.min());
            limits.put("size.max", (long) size.max());
        } else if (annotation instanceof jakarta.validation.constraints.Min min) {
            limits.put("minimum", min.value());
        } else if (annotation instanceof jakarta.validation.constraints.Max max) {
            limits.put("maximum", max.value());
        } else if (depth < 2 && !annotation.annotationType().getName().startsWith("java.")) {
            for (Annotation meta : annotation.annotationType().getAnnotations()) {
                limits(meta, limits, depth + 1);
            }
        }
    }

    /** Compares a Java type the code reads or answers with the schema the document gives it. */
    private void compare(String where, Type type, Schema<?> schema, boolean request, Set<String> seen) {
        compare(where, type, schema, request, seen, Map.of());
    }

    private void compare(
            String where,
            Type type,
            Schema<?> given,
            boolean request,
            Set<String> seen,
            Map<TypeVariable<?>, Type> bound) {
        if (type instanceof TypeVariable<?> variable) {
            type = bound.getOrDefault(variable, Object.class);
        }
        Schema<?> schema = schema(given);
        Class<?> raw = raw(type);
        if (raw == Void.class || raw == Object.class || raw.getName().startsWith("jakarta.json.")) {
            return;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            if (!"array".equals(schema.getType())) {
                failures.add(where + ": a list in the code, " + schema.getType() + " in the document");
            } else if (type instanceof ParameterizedType list) {
                compare(where + "[]", list.getActualTypeArguments()[0], schema.getItems(), request, seen, bound);
            }
            return;
        }
        if (!raw.isRecord()) {
            String expected = jsonType(raw);
            if (!expected.equals(schema.getType())) {
                failures.add(where + ": " + expected + " in the code, " + schema.getType() + " in the document");
            }
            return;
        }
        if (!"object".equals(schema.getType())) {
            failures.add(where + ": an object in the code, " + schema.getType() + " in the document");
            return;
        }
        Map<TypeVariable<?>, Type> inner = new HashMap<>(bound);
        if (type instanceof ParameterizedType parameterized) {
            TypeVariable<?>[] variables = raw.getTypeParameters();
            for (int i = 0; i < variables.length; i++) {
                inner.put(variables[i], parameterized.getActualTypeArguments()[i]);
            }
        }
        Map<String, RecordComponent> fields = new LinkedHashMap<>();
        for (RecordComponent component : raw.getRecordComponents()) {
            JsonbProperty name = component.getAccessor().getAnnotation(JsonbProperty.class);
            fields.put(name == null ? component.getName() : name.value(), component);
        }
        Map<String, Schema> properties = schema.getProperties() == null ? Map.of() : schema.getProperties();
        if (!fields.keySet().equals(properties.keySet())) {
            failures.add(where + " (" + raw.getSimpleName() + "): fields " + fields.keySet() + " in the code, "
                    + properties.keySet() + " in the document");
            return;
        }
        if (request) {
            if (!Boolean.FALSE.equals(schema.getAdditionalProperties())) {
                failures.add(where + ": unknown fields are refused, so additionalProperties: false");
            }
            Set<String> required = fields.entrySet().stream()
                    .filter(e -> isRequired(e.getValue().getAccessor()))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> declared = new TreeSet<>(schema.getRequired() == null ? List.of() : schema.getRequired());
            if (!required.equals(declared)) {
                failures.add(where + ": required " + required + " in the code, " + declared + " in the document");
            }
            fields.forEach((field, component) -> checkConstraints(
                    where + "." + field, component.getAccessor().getAnnotations(), schema(properties.get(field))));
        }
        String name = given.get$ref() == null ? null : given.get$ref() + "<" + type.getTypeName() + ">";
        if (name != null && !seen.add(name)) {
            return;
        }
        fields.forEach((field, component) ->
                compare(where + "." + field, component.getGenericType(), properties.get(field), request, seen, inner));
    }

    /** The schema itself, following one $ref to components.schemas (or an allOf of one, which adds a description). */
    private Schema<?> schema(Schema<?> schema) {
        if (schema != null && schema.getAllOf() != null && schema.getAllOf().size() == 1) {
            return schema(schema.getAllOf().get(0));
        }
        if (schema != null && schema.get$ref() != null) {
            Schema<?> named = document.getComponents().getSchemas().get(refName(schema.get$ref()));
            assertTrue(named != null, () -> "no schema " + schema.get$ref());
            return named;
        }
        assertTrue(schema != null, "a missing schema");
        return schema;
    }

    private static boolean isRequired(AnnotatedElement element) {
        return Stream.of(element.getAnnotations()).anyMatch(a -> requires(a, 0));
    }

    private static boolean requires(Annotation annotation, int depth) {
        Class<? extends Annotation> type = annotation.annotationType();
        if (type == NotNull.class || type == NotBlank.class) {
            return true;
        }
        return depth < 2
                && !type.getName().startsWith("java.")
                && Stream.of(type.getAnnotations()).anyMatch(a -> requires(a, depth + 1));
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }

    private static String jsonType(Class<?> type) {
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "integer";
        }
        if (type == double.class || type == Double.class) {
            return "number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == String.class || type == OffsetDateTime.class) {
            return "string";
        }
        return "object";
    }

    private static Set<String> mediaTypes(String[] values) {
        return Stream.of(values)
                .flatMap(v -> Stream.of(v.split(",")))
                .map(String::trim)
                .collect(Collectors.toSet());
    }

    private static String refName(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static String verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String path(Class<?> resource, Method method) {
        String path = resource.getAnnotation(jakarta.ws.rs.Path.class).value();
        jakarta.ws.rs.Path own = method.getAnnotation(jakarta.ws.rs.Path.class);
        String full = ("/" + path + "/" + (own == null ? "" : own.value())).replaceAll("/+", "/");
        full = full.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
        return full.length() > 1 && full.endsWith("/") ? full.substring(0, full.length() - 1) : full;
    }

    private static List<Class<?>> classes(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            List<Class<?>> found = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".")
                        .replaceFirst("\\.class$", "");
                try {
                    found.add(Class.forName(name, false, OpenApiContract.class.getClassLoader()));
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("Cannot load " + name + " to compare it with " + DOCUMENT, e);
                }
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
