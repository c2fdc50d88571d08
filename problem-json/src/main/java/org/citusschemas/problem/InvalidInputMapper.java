package org.citusschemas.problem;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Bean Validation failures of a request: 400, naming every invalid value. */
@Provider
public class InvalidInputMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        List<Problem.InvalidValue> errors = exception.getConstraintViolations().stream()
                .map(v -> new Problem.InvalidValue(field(v.getRootBeanClass(), v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.InvalidValue::field))
                .toList();
        return Problem.invalid(errors).toResponse();
    }

    /**
     * The path a client recognises, relative to the request body as StrictJson names it:
     * {@code [1].email} for an element of a list body, {@code host} for a property of an object
     * body, empty for the body as a whole; {@code limit} for a query parameter; never the Java
     * method's or the body parameter's name.
     */
    static String field(Class<?> resource, Path path) {
        StringBuilder field = new StringBuilder();
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        Method method = null;
        for (Path.Node node : nodes) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD) {
                method = method(resource, node.as(Path.MethodNode.class));
                continue;
            }
            if (kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER
                    && isBody(method, node.as(Path.ParameterNode.class).getParameterIndex())) {
                continue; // the body itself has no name on the wire
            }
            if (node.isInIterable()) {
                field.append('[')
                        .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                        .append(']');
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

    private static Method method(Class<?> resource, Path.MethodNode node) {
        for (Class<?> type = resource; type != null; type = type.getSuperclass()) {
            try {
                return type.getDeclaredMethod(
                        node.getName(), node.getParameterTypes().toArray(Class<?>[]::new));
            } catch (NoSuchMethodException e) {
                // a superclass may declare it
            }
        }
        return null;
    }

    /** A resource method's parameter without a JAX-RS parameter annotation is its entity: the body. */
    private static boolean isBody(Method method, int index) {
        if (method == null) {
            return false;
        }
        for (Annotation annotation : method.getParameterAnnotations()[index]) {
            String name = annotation.annotationType().getName();
            if (name.startsWith("jakarta.ws.rs.") && name.endsWith("Param")
                    || name.equals("jakarta.ws.rs.core.Context")) {
                return false;
            }
        }
        return true;
    }
}
