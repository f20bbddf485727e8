package org.fvmreplay.analytics.schema;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One column of a table (or one field of a struct): its name, type, whether it may be null, a one-line description, and
 * how to read its value from a row.
 *
 * @param value the row's accessor; returns the Java type that {@link ColumnType} names, boxed, or null when nullable
 */
public record Column<R>(String name, ColumnType type, boolean nullable, String doc, Function<? super R, ?> value) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(doc, "doc is null");
        requireNonNull(value, "value is null");
        if (!NAME.matcher(name).matches()) {
            // snake_case so that SQL needs no quoting
            throw new IllegalArgumentException("column name is not snake_case: " + name);
        }
        if (doc.isBlank() || doc.contains("\n") || doc.contains("|")) {
            // one line that fits a Markdown table cell
            throw new IllegalArgumentException("doc of " + name + " must be one line without '|'");
        }
    }

    /** The value of this column in {@code row}, as {@link #value} returns it. */
    public Object valueOf(R row) {
        return value.apply(row);
    }
}
