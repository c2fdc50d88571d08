package org.citusschemas.user.boundary;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@code POST /users} batch: 1 to {@link UsersResource#MAX_BATCH} users. A named constraint
 * rather than {@code @Size} on the body parameter: Payara 6.2025.9's OpenAPI generator fails on
 * {@code @Size} there (payara/Payara#7649).
 */
@Size(min = 1, max = UsersResource.MAX_BATCH)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Batch {

    String message() default "must hold from 1 to " + UsersResource.MAX_BATCH + " users";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
