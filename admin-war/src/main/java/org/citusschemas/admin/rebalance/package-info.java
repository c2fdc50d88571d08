/**
 * Citus' rebalancer: plan, start and stop a rebalance, follow its background job, list the
 * strategies. Plans and rebalances leave pinned schemas where they are.
 */
package org.citusschemas.admin.rebalance;
