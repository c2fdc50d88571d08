/** The cluster's state as metrics in the Prometheus text format ({@code GET /cluster-metrics}). */
package org.citusschemas.admin.metrics;
