/**
 * RFC 9457 problem details for every WAR of the product: one
 * {@link org.citusschemas.problem.Problem} type and one JAX-RS {@code ExceptionMapper} per kind
 * of failure (bad input, HTTP-level refusals, unreadable bodies, unexpected errors), discovered
 * by the JAX-RS runtime of each WAR that packages them.
 */
package org.citusschemas.problem;
