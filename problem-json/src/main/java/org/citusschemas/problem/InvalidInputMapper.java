package org.citusschemas.problem;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Bean Validation failures of a request: 400, naming every invalid value. */
@Provider
public class InvalidInputMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        List<Problem.InvalidValue> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problem.InvalidValue(field(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.InvalidValue::field))
                .toList();
        String detail = errors.stream()
                .map(e -> e.field().isEmpty() ? e.message() : e.field() + " " + e.message())
                .collect(Collectors.joining("; ", "Invalid request: ", ""));
        return Problem.of(Status.BAD_REQUEST, detail, errors).toResponse();
    }

    /**
     * The path a client recognises: {@code users[1].email} for an element of a list body,
     * {@code host} for a property of an object body, {@code limit} for a query parameter; never
     * the Java method's name.
     */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            boolean objectBody = kind == ElementKind.PARAMETER && i + 1 < nodes.size()
                    && nodes.get(i + 1).getKind() == ElementKind.PROPERTY && !nodes.get(i + 1).isInIterable();
            if (objectBody) {
                continue; // the body object itself has no name on the wire
            }
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (kind != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        return field.toString();
    }
}
