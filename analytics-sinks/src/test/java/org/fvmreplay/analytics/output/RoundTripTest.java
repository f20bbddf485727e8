package org.fvmreplay.analytics.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.fvmreplay.analytics.DuckDb;
import org.fvmreplay.analytics.Fixtures;
import org.fvmreplay.analytics.schema.Column;
import org.fvmreplay.analytics.schema.ColumnType;
import org.fvmreplay.analytics.schema.Table;
import org.fvmreplay.analytics.schema.Tables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every table written through an output folder and read back with DuckDB: values, nulls, nested lists, types, empty files. */
class RoundTripTest {
    private static final Map<String, String> IDENTITY = Map.of("store", "/tmp/store", "engine", "chicory");

    @TempDir
    Path dir;

    @Test
    void everyTableReadsBackAsWritten() throws Exception {
        OutputFolder folder = OutputFolder.open(dir, IDENTITY, Tables.ALL);
        Map<Table<?>, List<Object>> written = new java.util.LinkedHashMap<>();
        try (ChunkWriter chunk = folder.open(100, 199)) {
            for (Table<?> table : Tables.ALL) {
                List<Object> rows = List.of(
                        Fixtures.full(table, 100, 1),
                        Fixtures.sparse(table, 150),
                        Fixtures.extreme(table, 199),
                        Fixtures.full(table, 199, 2));
                for (Object row : rows) {
                    write(chunk, table, row);
                }
                written.put(table, rows);
            }
            chunk.commit(List.of());
        }
        for (Table<?> table : Tables.ALL) {
            Path file = folder.tableFile(table, new EpochChunk(100, 199));
            List<List<Object>> expected = written.get(table).stream()
                    .map(row -> expectedRow(table, row))
                    .toList();
            // DuckDB keeps a file's row order (preserve_insertion_order is on by default)
            assertThat(DuckDb.query("SELECT * FROM read_parquet(" + DuckDb.literal(file) + ")"))
                    .as(table.name())
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void duckDbSeesTheDocumentedTypes() throws Exception {
        OutputFolder folder = OutputFolder.open(dir, IDENTITY, Tables.ALL);
        try (ChunkWriter chunk = folder.open(0, 9)) {
            chunk.commit(List.of());
        }
        for (Table<?> table : Tables.ALL) {
            Path file = folder.tableFile(table, new EpochChunk(0, 9));
            List<List<Object>> described =
                    DuckDb.query("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet("
                            + DuckDb.literal(file) + "))");
            List<List<Object>> documented = table.columns().stream()
                    .map(c -> List.<Object>of(c.name(), duckDb(c.type())))
                    .toList();
            assertThat(described).as(table.name()).containsExactlyElementsOf(documented);
        }
    }

    @Test
    void emptyChunksAreValidFilesForEveryTable() throws Exception {
        OutputFolder folder = OutputFolder.open(dir, IDENTITY, Tables.ALL);
        try (ChunkWriter chunk = folder.open(0, 9)) {
            chunk.write(
                    Tables.MESSAGES, (org.fvmreplay.analytics.rows.MessageRow) Fixtures.full(Tables.MESSAGES, 5, 1));
            chunk.commit(List.of());
        }
        try (ChunkWriter chunk = folder.open(10, 19)) {
            chunk.commit(List.of());
        }
        for (Table<?> table : Tables.ALL) {
            Path empty = folder.tableFile(table, new EpochChunk(10, 19));
            assertThat(empty).isRegularFile();
            assertThat(DuckDb.value("SELECT count(*) FROM read_parquet(" + DuckDb.literal(empty) + ")"))
                    .isEqualTo(0L);
            // a glob over the table folder mixes empty and non-empty files without complaint
            long rows = table == Tables.MESSAGES ? 1 : 0;
            assertThat(DuckDb.value("SELECT count(*) FROM read_parquet("
                            + DuckDb.literal(dir.resolve(table.name()).resolve("*.parquet")) + ")"))
                    .isEqualTo(rows);
        }
        assertThat(Files.list(dir.resolve("messages"))
                        .map(p -> p.getFileName().toString())
                        .sorted()
                        .toList())
                .containsExactly("epochs-000000000-000000009.parquet", "epochs-000000010-000000019.parquet");
    }

    @Test
    void decimalsBeyondSixtyFourBitsStayNumbers() throws Exception {
        OutputFolder folder = OutputFolder.open(dir, IDENTITY, List.of(Tables.TIPSETS));
        try (ChunkWriter chunk = folder.open(0, 9)) {
            chunk.write(Tables.TIPSETS, (org.fvmreplay.analytics.rows.TipsetRow) Fixtures.extreme(Tables.TIPSETS, 1));
            chunk.commit(List.of());
        }
        Path file = folder.tableFile(Tables.TIPSETS, new EpochChunk(0, 9));
        // arithmetic in SQL: 2^63 + (-2^64) + 2^126 = what Java computes
        Object sum = DuckDb.value(
                "SELECT (miner_tip::HUGEINT + miner_penalty::HUGEINT + refund::HUGEINT)::VARCHAR FROM read_parquet("
                        + DuckDb.literal(file) + ")");
        assertThat(sum)
                .isEqualTo(java.math.BigInteger.ONE
                        .shiftLeft(63)
                        .subtract(java.math.BigInteger.ONE.shiftLeft(64))
                        .add(java.math.BigInteger.ONE.shiftLeft(126))
                        .toString());
        assertThat(DuckDb.value(
                        "SELECT base_fee = 99999999999999999999999999999999999999 AND base_fee_burn = -99999999999999999999999999999999999999 FROM read_parquet("
                                + DuckDb.literal(file) + ")"))
                .isEqualTo(true);
    }

    @SuppressWarnings("unchecked")
    private static <R> void write(ChunkWriter chunk, Table<R> table, Object row) throws java.io.IOException {
        chunk.write(table, (R) row);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> expectedRow(Table<?> table, Object row) {
        List<Object> values = new ArrayList<>();
        for (Column<?> column : table.columns()) {
            values.add(expected(column.type(), ((Column<Object>) column).valueOf(row)));
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Object expected(ColumnType type, Object value) {
        if (value == null) {
            return null;
        }
        if (type instanceof ColumnType.ListOf list) {
            return ((List<?>) value)
                    .stream().map(e -> expected(list.element(), e)).toList();
        }
        if (type instanceof ColumnType.StructOf struct) {
            List<Object> fields = new ArrayList<>();
            for (Column<?> field : struct.fields()) {
                fields.add(expected(field.type(), ((Column<Object>) field).valueOf(value)));
            }
            return fields;
        }
        return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value;
    }

    private static String duckDb(ColumnType type) {
        // DuckDB quotes struct field names that are SQL keywords
        return type.duckDbName().replaceAll("\\b(key|value) ", "\"$1\" ");
    }
}
