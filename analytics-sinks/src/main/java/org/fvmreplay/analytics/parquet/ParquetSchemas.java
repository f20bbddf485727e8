package org.fvmreplay.analytics.parquet;

import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;
import org.fvmreplay.analytics.schema.Column;
import org.fvmreplay.analytics.schema.ColumnType;
import org.fvmreplay.analytics.schema.Table;

/** The Parquet schema of a table. */
public final class ParquetSchemas {
    /** Bytes of a DECIMAL(38,0): 16 bytes hold 38 decimal digits. */
    static final int DECIMAL_BYTES = 16;
    /** Name of the repeated group and of the element in the three-level LIST layout that the Parquet spec prescribes. */
    static final String LIST = "list";

    static final String ELEMENT = "element";

    private ParquetSchemas() {}

    /** The message type of {@code table}'s files: one field per column, in column order. */
    public static MessageType messageType(Table<?> table) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Column<?> column : table.columns()) {
            message.addField(
                    type(column.name(), column.type(), column.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED));
        }
        return message.named(table.name());
    }

    private static Type type(String name, ColumnType type, Repetition repetition) {
        if (type instanceof ColumnType.Primitive primitive) {
            return switch (primitive) {
                case BOOLEAN ->
                    Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
                case INT32 ->
                    Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
                case INT64 ->
                    Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
                case DOUBLE ->
                    Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
                case STRING ->
                    Types.primitive(PrimitiveTypeName.BINARY, repetition)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(name);
                case BINARY ->
                    Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
                case DECIMAL ->
                    Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                            .length(DECIMAL_BYTES)
                            .as(LogicalTypeAnnotation.decimalType(0, 38))
                            .named(name);
            };
        }
        if (type instanceof ColumnType.ListOf list) {
            // <repetition> group name (LIST) { repeated group list { required <element> element; } }
            GroupType repeated = Types.repeatedGroup()
                    .addField(type(ELEMENT, list.element(), Repetition.REQUIRED))
                    .named(LIST);
            return Types.buildGroup(repetition)
                    .as(LogicalTypeAnnotation.listType())
                    .addField(repeated)
                    .named(name);
        }
        ColumnType.StructOf struct = (ColumnType.StructOf) type;
        Types.GroupBuilder<GroupType> group = Types.buildGroup(repetition);
        for (Column<?> field : struct.fields()) {
            group.addField(
                    type(field.name(), field.type(), field.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED));
        }
        return group.named(name);
    }
}
