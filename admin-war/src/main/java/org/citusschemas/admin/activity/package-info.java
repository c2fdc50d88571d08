/** How busy each distributed schema is, from Citus' tenant statistics (citus_stat_tenants). */
package org.citusschemas.admin.activity;
