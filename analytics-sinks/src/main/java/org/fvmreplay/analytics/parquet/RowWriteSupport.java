package org.fvmreplay.analytics.parquet;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.fvmreplay.analytics.schema.Column;
import org.fvmreplay.analytics.schema.ColumnType;
import org.fvmreplay.analytics.schema.Table;

/**
 * Writes rows of a {@link Table} straight into parquet-java's record consumer, column by column through the table's
 * accessors: no intermediate object model (Avro, Group) per row. Parquet-java gets each row as the array of its top-level
 * values, read and checked beforehand by {@link #values}.
 */
final class RowWriteSupport<R> extends WriteSupport<Object[]> {
    private final Table<R> table;
    private final MessageType schema;
    private final Map<String, String> metadata;
    private RecordConsumer out;

    RowWriteSupport(Table<R> table, Map<String, String> metadata) {
        this.table = requireNonNull(table, "table is null");
        this.schema = ParquetSchemas.messageType(table);
        this.metadata = Map.copyOf(metadata);
    }

    // parquet-java calls the ParquetConfiguration overload when given one, as TableFileWriter does; this one must exist
    // because it is abstract, and touches nothing of Hadoop's either
    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(schema, metadata);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, metadata);
    }

    @Override
    public String getName() {
        return "fvm-replay";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    /**
     * The top-level values of {@code row}, checked: a null in a required column or a decimal beyond 38 digits fails here,
     * before parquet-java sees the row (its writer refuses every later row once a write has thrown).
     */
    static <T> Object[] values(Table<T> table, T row) {
        requireNonNull(row, "row is null");
        List<Column<T>> columns = table.columns();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Column<T> column = columns.get(i);
            values[i] = column.valueOf(row);
            if (values[i] == null && !column.nullable()) {
                throw new NullPointerException(table.name() + "." + column.name() + " is null");
            }
            if (column.type() == ColumnType.Primitive.DECIMAL && values[i] instanceof BigInteger decimal) {
                values[i] = decimal(decimal, table.name() + "." + column.name());
            }
        }
        return values;
    }

    /** Writes one row's {@link #values}; nested values (lists, structs) are read and checked as they are written. */
    @Override
    public void write(Object[] values) {
        List<Column<R>> columns = table.columns();
        out.startMessage();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                Column<R> column = columns.get(i);
                out.startField(column.name(), i);
                value(column.type(), values[i], table.name() + "." + column.name());
                out.endField(column.name(), i);
            }
        }
        out.endMessage();
    }

    private void value(ColumnType type, Object value, String path) {
        try {
            if (type instanceof ColumnType.Primitive primitive) {
                primitive(primitive, value, path);
            } else if (type instanceof ColumnType.ListOf list) {
                list(list, (List<?>) value, path);
            } else {
                struct((ColumnType.StructOf) type, value, path);
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(
                    path + " holds a " + value.getClass().getName() + ", not a " + type.parquetName(), e);
        }
    }

    private void primitive(ColumnType.Primitive type, Object value, String path) {
        switch (type) {
            case BOOLEAN -> out.addBoolean((Boolean) value);
            case INT32 -> out.addInteger((Integer) value);
            case INT64 -> out.addLong((Long) value);
            case DOUBLE -> out.addDouble((Double) value);
            case STRING -> out.addBinary(Binary.fromString((String) value));
            case BINARY -> out.addBinary(Binary.fromConstantByteArray((byte[]) value));
            // top-level decimals arrive already converted by write(); struct fields arrive as BigInteger
            case DECIMAL ->
                out.addBinary(Binary.fromConstantByteArray(
                        value instanceof byte[] bytes ? bytes : decimal((BigInteger) value, path)));
        }
    }

    private void list(ColumnType.ListOf type, List<?> values, String path) {
        out.startGroup();
        if (!values.isEmpty()) {
            // an empty list is a present group whose repeated field has no occurrence
            out.startField(ParquetSchemas.LIST, 0);
            for (Object element : values) {
                if (element == null) {
                    throw new NullPointerException(path + " has a null element");
                }
                out.startGroup();
                out.startField(ParquetSchemas.ELEMENT, 0);
                value(type.element(), element, path + "[]");
                out.endField(ParquetSchemas.ELEMENT, 0);
                out.endGroup();
            }
            out.endField(ParquetSchemas.LIST, 0);
        }
        out.endGroup();
    }

    @SuppressWarnings("unchecked")
    private void struct(ColumnType.StructOf type, Object value, String path) {
        out.startGroup();
        List<Column<?>> fields = type.fields();
        for (int i = 0; i < fields.size(); i++) {
            Column<Object> field = (Column<Object>) fields.get(i);
            Object fieldValue = field.valueOf(value);
            if (fieldValue == null) {
                if (!field.nullable()) {
                    throw new NullPointerException(path + "." + field.name() + " is null");
                }
                continue;
            }
            out.startField(field.name(), i);
            value(field.type(), fieldValue, path + "." + field.name());
            out.endField(field.name(), i);
        }
        out.endGroup();
    }

    private static byte[] decimal(BigInteger value, String path) {
        try {
            return Decimals.toFixed16(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }
}
