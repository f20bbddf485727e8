package org.fvmreplay.analytics.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/** The type of a table column: a primitive, a list of a type, or a struct of named fields. */
public sealed interface ColumnType permits ColumnType.Primitive, ColumnType.ListOf, ColumnType.StructOf {
    /** The type as written in the schema document, in Parquet's terms: {@code INT64}, {@code LIST<STRING>}. */
    String parquetName();

    /** The type DuckDB gives the column when it reads the file. */
    String duckDbName();

    /** A value of one Parquet physical type (with its logical annotation); the Java type is what a row holds. */
    enum Primitive implements ColumnType {
        /** Java {@code boolean}. */
        BOOLEAN("BOOLEAN", "BOOLEAN"),
        /** Java {@code int}. */
        INT32("INT32", "INTEGER"),
        /** Java {@code long}. */
        INT64("INT64", "BIGINT"),
        /** Java {@code double}. */
        DOUBLE("DOUBLE", "DOUBLE"),
        /** Java {@code String}, UTF-8 BYTE_ARRAY annotated STRING. */
        STRING("STRING", "VARCHAR"),
        /** Java {@code byte[]}, a plain BYTE_ARRAY. */
        BINARY("BINARY", "BLOB"),
        /**
         * Java {@code BigInteger}: FIXED_LEN_BYTE_ARRAY(16) annotated DECIMAL(38,0), so that readers see numbers; holds
         * any token amount (2 billion FIL is 2e27 attoFIL, 10^38 is the limit).
         */
        DECIMAL("DECIMAL(38,0)", "DECIMAL(38,0)");

        private final String parquetName;
        private final String duckDbName;

        Primitive(String parquetName, String duckDbName) {
            this.parquetName = parquetName;
            this.duckDbName = duckDbName;
        }

        @Override
        public String parquetName() {
            return parquetName;
        }

        @Override
        public String duckDbName() {
            return duckDbName;
        }
    }

    /** A list (Java {@code List}) of required elements, written in Parquet's standard three-level LIST layout. */
    record ListOf(ColumnType element) implements ColumnType {
        public ListOf {
            requireNonNull(element, "element is null");
            if (element instanceof ListOf) {
                // nested lists would need their own element nullability and doc rows; no table needs them
                throw new IllegalArgumentException("lists of lists are not supported");
            }
        }

        @Override
        public String parquetName() {
            return "LIST<" + element.parquetName() + ">";
        }

        @Override
        public String duckDbName() {
            return element.duckDbName() + "[]";
        }
    }

    /** A group of named fields read from one Java object (a record) by each field's accessor. */
    record StructOf(List<Column<?>> fields) implements ColumnType {
        public StructOf {
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a struct needs at least one field");
            }
            Columns.checkUniqueNames(fields);
            for (Column<?> field : fields) {
                if (!(field.type() instanceof Primitive)) {
                    // keeps the schema document one level deep; no table needs more
                    throw new IllegalArgumentException("struct field " + field.name() + " is not primitive");
                }
            }
        }

        @Override
        public String parquetName() {
            return fields.stream()
                    .map(f -> f.name() + " " + f.type().parquetName())
                    .collect(Collectors.joining(", ", "STRUCT<", ">"));
        }

        @Override
        public String duckDbName() {
            return fields.stream()
                    .map(f -> f.name() + " " + f.type().duckDbName())
                    .collect(Collectors.joining(", ", "STRUCT(", ")"));
        }
    }
}
