package org.citusschemas.admin.database;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Reading rows into records and binding values: the small steps every feature's SQL repeats. */
public final class Rows {

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private Rows() {}

    /** Every row of the statement's result, each read into a value. */
    public static <T> List<T> list(PreparedStatement statement, Reader<T> reader) throws SQLException {
        List<T> values = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                values.add(reader.read(row));
            }
        }
        return values;
    }

    /** The first row of the statement's result, read into a value; null when there is none. */
    public static <T> T single(PreparedStatement statement, Reader<T> reader) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            return row.next() ? reader.read(row) : null;
        }
    }

    /** Binds a node's host and port as the statement's first two parameters. */
    public static void bindNode(PreparedStatement statement, NodeAddress node) throws SQLException {
        statement.setString(1, node.host());
        statement.setInt(2, node.port());
    }

    /** The node named by two columns of the row, or null when its host is null. */
    public static NodeAddress node(ResultSet row, int hostColumn) throws SQLException {
        String host = row.getString(hostColumn);
        return host == null ? null : new NodeAddress(host, row.getInt(hostColumn + 1));
    }

    /**
     * A value whose type PostgreSQL infers from the function's signature, such as a
     * citus.shard_transfer_mode: naming that type in a cast would need USAGE on Citus' internal
     * schema, which the admin role does not have.
     */
    public static void untyped(PreparedStatement statement, int index, String value) throws SQLException {
        statement.setObject(index, value, Types.OTHER);
    }

    /** A JSON column's text as an object, or null. */
    public static JsonObject json(String text) {
        if (text == null) {
            return null;
        }
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
