package org.citusschemas.user.boundary;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text for a {@code varchar(255) NOT NULL} column: present, not blank, at most 255 characters.
 * A named constraint rather than {@code @NotBlank @Size} on a record component, which also lands
 * on the record's constructor parameter, where Payara 6.2025.9's OpenAPI generator fails on it
 * (payara/Payara#7649).
 */
@NotBlank
@Size(max = 255)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ColumnText {

    String message() default "must be 1 to 255 characters, not blank";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
