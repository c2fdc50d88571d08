/** MicroProfile Health readiness of a service's own datasource and schema ({@link org.citusschemas.support.ServiceDatabase}). */
package org.citusschemas.support.health;
