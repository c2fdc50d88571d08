/** The cluster's nodes: their role, health and size; add a worker, drain one, remove one. */
package org.citusschemas.admin.nodes;
