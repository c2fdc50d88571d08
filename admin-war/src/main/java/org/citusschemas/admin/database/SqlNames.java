package org.citusschemas.admin.database;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/**
 * Names from requests that end up in SQL: schema and role names (PostgreSQL identifiers in their
 * folded, lower-case form, at most 63 bytes) and node host names. Validated here, once, and
 * quoted here before they reach a statement.
 */
public final class SqlNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|[0-9A-Fa-f:.]{2,45}");

    private SqlNames() {}

    public static boolean isIdentifier(String name) {
        return name != null && IDENTIFIER.matcher(name).matches();
    }

    public static boolean isHost(String host) {
        return host != null && HOST.matcher(host).matches();
    }

    /** The identifier, double-quoted for SQL (and for a regnamespace or regrole literal). */
    public static String quoted(String name) {
        if (!isIdentifier(name)) {
            throw new IllegalArgumentException("not a valid PostgreSQL identifier: " + name);
        }
        return '"' + name + '"';
    }

    /** A schema or role name: a lower-case PostgreSQL identifier. */
    @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = Identifier.Validator.class)
    public @interface Identifier {
        String message() default
                "must be a PostgreSQL identifier: a lower-case letter or _, then up to 62 "
                        + "lower-case letters, digits or _";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<Identifier, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || isIdentifier(value);
            }
        }
    }

    /** A node's host name or IP address. */
    @Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = Host.Validator.class)
    public @interface Host {
        String message() default "must be a host name or an IP address";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<Host, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || isHost(value);
            }
        }
    }
}
