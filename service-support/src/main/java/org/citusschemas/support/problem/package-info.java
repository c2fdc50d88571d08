/**
 * RFC 9457 problem details: one {@link org.citusschemas.support.problem.Problem} type and one
 * JAX-RS {@code ExceptionMapper} per kind of failure (bad input, HTTP-level refusals, unreadable
 * bodies, unexpected errors), discovered by the JAX-RS runtime of each WAR that packages them.
 */
package org.citusschemas.support.problem;
