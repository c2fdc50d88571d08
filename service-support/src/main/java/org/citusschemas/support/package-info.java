/**
 * What the three services share so that they keep one shape: their schema migrations, run at
 * deployment through their own datasource ({@code schema}), and the readiness check of that
 * datasource ({@code health}), both driven by the service's one
 * {@link org.citusschemas.support.ServiceDatabase} bean. Errors as problem+json come from the
 * problem-json module.
 */
package org.citusschemas.support;
