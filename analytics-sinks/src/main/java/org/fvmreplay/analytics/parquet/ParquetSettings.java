package org.fvmreplay.analytics.parquet;

/**
 * How table files are written.
 *
 * @param rowGroupBytes target size of a row group; also what each open table file buffers in memory at most, so a chunk
 *     writer holds about this much per table
 * @param pageBytes target size of a data page
 * @param zstdLevel ZSTD compression level (1-19; 3 is zstd's default, a good speed/size balance for replay output)
 */
public record ParquetSettings(long rowGroupBytes, int pageBytes, int zstdLevel) {
    /** 64 MiB row groups (half parquet-java's default: seven tables are open at once), 1 MiB pages, ZSTD level 3. */
    public static final ParquetSettings DEFAULT = new ParquetSettings(64L << 20, 1 << 20, 3);

    public ParquetSettings {
        if (rowGroupBytes < 1 << 16) {
            throw new IllegalArgumentException("rowGroupBytes below 64 KiB: " + rowGroupBytes);
        }
        if (pageBytes < 1 << 10 || pageBytes > rowGroupBytes) {
            throw new IllegalArgumentException("pageBytes must be between 1 KiB and rowGroupBytes: " + pageBytes);
        }
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new IllegalArgumentException("zstdLevel must be 1..22: " + zstdLevel);
        }
    }
}
