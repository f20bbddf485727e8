package org.fvmreplay.analytics.schema;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Builds the column list of a table or struct whose rows are of type {@code R}, so accessors type-check against it. */
public final class Columns<R> {
    private final List<Column<R>> columns = new ArrayList<>();

    private Columns() {}

    /** Columns read from rows of {@code rowType}. */
    public static <R> Columns<R> of(Class<R> rowType) {
        requireNonNull(rowType, "rowType is null");
        return new Columns<>();
    }

    /** Adds a column that is never null. */
    public Columns<R> required(String name, ColumnType type, String doc, Function<? super R, ?> value) {
        columns.add(new Column<>(name, type, false, doc, value));
        return this;
    }

    /** Adds a column that may be null. */
    public Columns<R> nullable(String name, ColumnType type, String doc, Function<? super R, ?> value) {
        columns.add(new Column<>(name, type, true, doc, value));
        return this;
    }

    /** The columns in the order added. */
    public List<Column<R>> build() {
        checkUniqueNames(columns);
        return List.copyOf(columns);
    }

    static void checkUniqueNames(List<? extends Column<?>> columns) {
        Set<String> names = new HashSet<>();
        for (Column<?> column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("duplicate column " + column.name());
            }
        }
    }
}
