package org.citusschemas.user.boundary;

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
 * A page size for {@code GET /users?limit=}: 1 to {@link UsersResource#MAX_PAGE}. A named
 * constraint rather than {@code @Min @Max} on the query parameter: Payara 6.2025.9's OpenAPI
 * generator fails on those anywhere but on a path parameter (payara/Payara#7649).
 */
@Min(1)
@Max(UsersResource.MAX_PAGE)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PageSize {

    String message() default "must be from 1 to " + UsersResource.MAX_PAGE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
