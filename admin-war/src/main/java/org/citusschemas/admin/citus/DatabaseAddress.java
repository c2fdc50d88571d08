package org.citusschemas.admin.citus;

/**
 * Where a JDBC connection reaches its database: the first host and port of its PostgreSQL URL
 * ({@code jdbc:postgresql://host:port/database?...}, IPv6 hosts in brackets) and the database.
 */
public record DatabaseAddress(String host, int port, String database) {

    private static final String PREFIX = "jdbc:postgresql://";
    private static final int DEFAULT_PORT = 5432;

    public static DatabaseAddress of(String url, String database) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
        String rest = url.substring(PREFIX.length());
        int end = rest.length();
        for (char stop : new char[] {'/', '?'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String first = rest.substring(0, end).split(",", 2)[0];
        String host = first;
        int port = DEFAULT_PORT;
        int colon = first.lastIndexOf(':');
        if (colon > first.lastIndexOf(']')) {
            host = first.substring(0, colon);
            port = Integer.parseInt(first.substring(colon + 1));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        return new DatabaseAddress(host, port, database);
    }
}
