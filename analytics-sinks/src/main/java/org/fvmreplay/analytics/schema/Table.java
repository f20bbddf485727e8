package org.fvmreplay.analytics.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One output table: its name (also its folder name), the record type of its rows, a one-line description, and its
 * columns in file order.
 */
public record Table<R>(String name, Class<R> rowType, String doc, List<Column<R>> columns) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public Table {
        requireNonNull(name, "name is null");
        requireNonNull(rowType, "rowType is null");
        requireNonNull(doc, "doc is null");
        columns = List.copyOf(columns);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("table name is not snake_case: " + name);
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + name + " has no columns");
        }
        Columns.checkUniqueNames(columns);
    }

    /** The column named {@code columnName}. */
    public Column<R> column(String columnName) {
        for (Column<R> column : columns) {
            if (column.name().equals(columnName)) {
                return column;
            }
        }
        throw new IllegalArgumentException("table " + name + " has no column " + columnName);
    }

    /** The column names in file order. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
