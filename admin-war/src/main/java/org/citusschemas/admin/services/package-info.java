/**
 * Onboarding a new service: its role and schema, distributed, and the pool definition its app
 * server needs, rendered from server-config's template.
 */
package org.citusschemas.admin.services;
