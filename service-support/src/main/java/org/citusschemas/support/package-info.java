/**
 * What the three services share so that they keep one shape: errors as RFC 9457 problem+json
 * ({@code problem}), their schema migrations run at deployment through their own datasource
 * ({@code schema}), and the readiness check of that datasource ({@code health}). Nothing here
 * knows a service; each service passes its own names in.
 */
package org.citusschemas.support;
