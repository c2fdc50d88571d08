package org.citusschemas.admin.database;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a JDBC connection reaches its database, as its PostgreSQL URL says
 * ({@code jdbc:postgresql://host:port/database?sslmode=...&sslrootcert=...}, IPv6 hosts in
 * brackets): the first host and port, the database, and the TLS settings (sslmode, default
 * prefer, and the CA file, or null).
 */
public record DatabaseAddress(String host, int port, String database, String sslMode, String sslRootCert) {

    private static final String PREFIX = "jdbc:postgresql://";
    private static final int DEFAULT_PORT = 5432;

    public static DatabaseAddress of(String url, String database) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
        }
        String rest = url.substring(PREFIX.length());
        int query = rest.indexOf('?');
        String parameters = query < 0 ? "" : rest.substring(query + 1);
        String hosts = query < 0 ? rest : rest.substring(0, query);
        int slash = hosts.indexOf('/');
        String first = (slash < 0 ? hosts : hosts.substring(0, slash)).split(",", 2)[0];
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
        return new DatabaseAddress(
                host,
                port,
                database,
                parameter(parameters, "sslmode", "prefer"),
                parameter(parameters, "sslrootcert", null));
    }

    private static String parameter(String parameters, String name, String otherwise) {
        for (String pair : parameters.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return otherwise;
    }

    /** The pool template's @DB_SSLMODE@ slot: the sslmode, and the CA file when there is one. */
    public String poolTlsProperties() {
        return sslRootCert == null ? sslMode : sslMode + ":sslrootcert=" + sslRootCert;
    }
}
