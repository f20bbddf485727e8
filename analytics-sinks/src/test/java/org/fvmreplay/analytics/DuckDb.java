package org.fvmreplay.analytics;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Reads the output as a data scientist would: DuckDB SQL over the Parquet files, values made comparable. */
public final class DuckDb {
    private DuckDb() {}

    /** The rows of {@code sql}, each a list of {@link #canonical} values. */
    public static List<List<Object>> query(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(canonical(rs.getObject(i)));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The single value of {@code sql}. */
    public static Object value(String sql) {
        List<List<Object>> rows = query(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException(sql + " returned " + rows);
        }
        return rows.get(0).get(0);
    }

    /** A path as a SQL string literal. */
    public static String literal(Path path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }

    /**
     * Byte strings as lowercase hex, decimals as BigInteger, lists and structs as lists of canonical values; strings,
     * numbers and booleans as they are.
     */
    public static Object canonical(Object value) {
        try {
            if (value instanceof byte[] bytes) {
                return HexFormat.of().formatHex(bytes);
            }
            if (value instanceof Blob blob) {
                return HexFormat.of().formatHex(blob.getBytes(1, (int) blob.length()));
            }
            if (value instanceof BigDecimal decimal) {
                return decimal.toBigIntegerExact();
            }
            if (value instanceof Array array) {
                return Arrays.stream((Object[]) array.getArray())
                        .map(DuckDb::canonical)
                        .toList();
            }
            if (value instanceof Struct struct) {
                return Arrays.stream(struct.getAttributes())
                        .map(DuckDb::canonical)
                        .toList();
            }
            if (value instanceof List<?> list) {
                return list.stream().map(DuckDb::canonical).toList();
            }
            if (value instanceof Short || value instanceof Byte) {
                return ((Number) value).intValue();
            }
            return value;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
