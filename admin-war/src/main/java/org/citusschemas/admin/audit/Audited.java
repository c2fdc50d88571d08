package org.citusschemas.admin.audit;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method that changes the cluster: {@link AuditFilter} records each request to it
 * under the operation name given here ({@code schema.move}).
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {

    /** The operation, as {@code GET /audit?operation=} filters it. */
    String value() default "";

    /** An answer that started a background job the audit trail follows until it ends. */
    interface StartsJob {
        Long jobId();
    }
}
