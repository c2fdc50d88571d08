package org.citusschemas.admin.database;

/** A node's address, as Citus names it in pg_dist_node. */
public record NodeAddress(String host, int port) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
