/** MicroProfile Health readiness of a service's own datasource and schema. */
package org.citusschemas.support.health;
