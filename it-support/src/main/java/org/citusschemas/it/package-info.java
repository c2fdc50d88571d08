/**
 * Fixtures for integration tests: the test run's own database cluster (started once per test JVM
 * by {@link org.citusschemas.it.TestClusterSession}: Citus in containers through Testcontainers,
 * local Citus, or plain PostgreSQL, always bootstrapped by the launcher), the real WAR as
 * Arquillian deploys it, an HTTP client that speaks to the deployed service as a user would, and a
 * JDBC view of that cluster (connections as a service role, its workers, whether Citus is in use).
 */
package org.citusschemas.it;
