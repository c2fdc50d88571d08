/**
 * Pinned schemas: a pin keeps a schema on its node through every rebalance and drain the API
 * starts (their strategies' {@code pinned_} twins leave it out), and the API refuses to move it by
 * hand until it is unpinned.
 */
package org.citusschemas.admin.pins;
