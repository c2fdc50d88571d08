/**
 * Fixtures for integration tests: the real WAR as Arquillian deploys it, an HTTP client that
 * speaks to the deployed service as a user would, and a JDBC view of the test run's own cluster
 * (connections as a service role, whether Citus is in use).
 */
package org.citusschemas.it;
