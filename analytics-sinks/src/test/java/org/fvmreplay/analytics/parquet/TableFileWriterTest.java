package org.fvmreplay.analytics.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fvmreplay.analytics.DuckDb;
import org.fvmreplay.analytics.schema.ColumnType;
import org.fvmreplay.analytics.schema.Columns;
import org.fvmreplay.analytics.schema.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableFileWriterTest {
    /** A row of the test table: a required name, a decimal, and a list of (required) names. */
    record Row(String name, BigInteger amount, List<String> tags) {}

    private static final Table<Row> TABLE = new Table<>(
            "things",
            Row.class,
            "Test rows.",
            Columns.of(Row.class)
                    .required("name", ColumnType.Primitive.STRING, "Name", Row::name)
                    .required("amount", ColumnType.Primitive.DECIMAL, "Amount", Row::amount)
                    .nullable("tags", new ColumnType.ListOf(ColumnType.Primitive.STRING), "Tags", Row::tags)
                    .build());

    @TempDir
    Path dir;

    @Test
    void rowsRejectedBeforeTheyStartLeaveTheFileUsable() throws Exception {
        Path file = dir.resolve("things.parquet");
        try (TableFileWriter<Row> writer =
                TableFileWriter.create(TABLE, file, ParquetSettings.DEFAULT, Map.of("k", "v"))) {
            writer.write(new Row("a", BigInteger.ONE, List.of("x")));
            assertThatThrownBy(() -> writer.write(new Row(null, BigInteger.ONE, null)))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("things.name is null");
            assertThatThrownBy(() -> writer.write(new Row("b", BigInteger.TEN.pow(38), null)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("things.amount")
                    .hasMessageContaining("more than 38 digits");
            writer.write(new Row("c", BigInteger.TWO, null));
            assertThat(writer.rows()).isEqualTo(2);
        }
        assertThat(DuckDb.query(
                        "SELECT name, amount, tags FROM read_parquet(" + DuckDb.literal(file) + ") ORDER BY name"))
                .containsExactly(
                        List.of("a", BigInteger.ONE, List.of("x")), java.util.Arrays.asList("c", BigInteger.TWO, null));
        assertThat(DuckDb.value("SELECT value FROM parquet_kv_metadata(" + DuckDb.literal(file) + ") WHERE key = 'k'"))
                .isEqualTo("76");
        assertThat(DuckDb.value("SELECT DISTINCT compression FROM parquet_metadata(" + DuckDb.literal(file) + ")"))
                .isEqualTo("ZSTD");
    }

    @Test
    void aRowThatFailsHalfWayBreaksTheFile() throws Exception {
        Path file = dir.resolve("things.parquet");
        TableFileWriter<Row> writer = TableFileWriter.create(TABLE, file, ParquetSettings.DEFAULT, Map.of());
        List<String> tagsWithNull = java.util.Arrays.asList("x", null);
        assertThatThrownBy(() -> writer.write(new Row("a", BigInteger.ONE, tagsWithNull)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("things.tags has a null element");
        assertThatThrownBy(() -> writer.write(new Row("b", BigInteger.ONE, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("discard");
        assertThatThrownBy(writer::close).hasMessageContaining("incomplete");
    }
}
