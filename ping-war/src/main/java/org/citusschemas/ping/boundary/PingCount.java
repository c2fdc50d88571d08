package org.citusschemas.ping.boundary;

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
 * How many echo requests: 1 to 4. A named constraint rather than {@code @Min @Max} on a record
 * component: Payara 6.2025.9's OpenAPI generator fails on those (payara/Payara#7649).
 */
@Min(1)
@Max(4)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PingCount {

    String message() default "must be from 1 to 4";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
