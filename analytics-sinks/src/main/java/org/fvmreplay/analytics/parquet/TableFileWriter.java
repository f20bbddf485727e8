package org.fvmreplay.analytics.parquet;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.fvmreplay.analytics.schema.Table;

/**
 * One Parquet file of one table, written row by row: rows are encoded into the current row group as they come and row
 * groups go to disk when full, so memory stays bounded by {@link ParquetSettings#rowGroupBytes()}. Not thread-safe.
 */
public final class TableFileWriter<R> implements Closeable {
    private final Table<R> table;
    private final Path file;
    private final ParquetWriter<Object[]> writer;
    private long rows;
    private boolean broken;
    private boolean closed;

    private TableFileWriter(Table<R> table, Path file, ParquetWriter<Object[]> writer) {
        this.table = table;
        this.file = file;
        this.writer = writer;
    }

    /**
     * Creates {@code file} (it must not exist) for rows of {@code table}, ZSTD-compressed, with {@code metadata} as extra
     * key-value metadata in the footer.
     */
    public static <R> TableFileWriter<R> create(
            Table<R> table, Path file, ParquetSettings settings, Map<String, String> metadata) throws IOException {
        requireNonNull(table, "table is null");
        requireNonNull(file, "file is null");
        requireNonNull(settings, "settings is null");
        requireNonNull(metadata, "metadata is null");
        ParquetWriter<Object[]> writer = new Builder(new LocalOutputFile(file), new RowWriteSupport<>(table, metadata))
                // a plain configuration, a local file and our codec factory keep every Hadoop class unloaded
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ZstdCodecFactory(settings.zstdLevel()))
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withRowGroupSize(settings.rowGroupBytes())
                .withPageSize(settings.pageBytes())
                .withDictionaryEncoding(true)
                .build();
        return new TableFileWriter<>(table, file, writer);
    }

    /** The table whose rows this file holds. */
    public Table<R> table() {
        return table;
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    /**
     * Appends a row. A null required column or an out-of-range decimal at the top level fails before anything is written,
     * and the file stays usable; a failure past that point (inside a list or struct) leaves half a record, and then write
     * and close fail: discard the file.
     */
    public void write(R row) throws IOException {
        if (closed) {
            throw new IllegalStateException("table file " + file + " is closed");
        }
        if (broken) {
            throw new IllegalStateException(
                    "an earlier row failed inside the Parquet writer of " + file + "; discard the file");
        }
        Object[] values = RowWriteSupport.values(table, row);
        try {
            writer.write(values);
        } catch (RuntimeException | IOException e) {
            // parquet-java's writer refuses every later row once one has thrown, and the file may hold half a record
            broken = true;
            throw e;
        }
        rows++;
    }

    /** Finishes the file: writes the last row group and the footer. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writer.close();
        if (broken) {
            throw new IOException("table file " + file + " is incomplete: a row failed inside the Parquet writer");
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final WriteSupport<Object[]> writeSupport;

        Builder(OutputFile file, WriteSupport<Object[]> writeSupport) {
            super(file);
            this.writeSupport = writeSupport;
        }

        @Override
        protected Builder self() {
            return this;
        }

        // abstract in the parent, hence Hadoop's API at compile time; build() calls the other overload
        @Override
        protected WriteSupport<Object[]> getWriteSupport(org.apache.hadoop.conf.Configuration configuration) {
            return writeSupport;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration configuration) {
            return writeSupport;
        }
    }
}
