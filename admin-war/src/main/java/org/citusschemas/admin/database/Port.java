package org.citusschemas.admin.database;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A TCP port, 1 to 65535. A named constraint rather than {@code @Min @Max} on a record component,
 * which also lands on the record's constructor parameter, where Payara 6.2025.9's OpenAPI
 * generator fails on it (payara/Payara#7649).
 */
@Min(1)
@Max(65535)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Port {

    String message() default "must be a port from 1 to 65535";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
