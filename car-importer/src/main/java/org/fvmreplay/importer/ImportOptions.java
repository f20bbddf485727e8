package org.fvmreplay.importer;

import static java.util.Objects.requireNonNull;

/**
 * Tuning of the import pipeline.
 *
 * @param verifierThreads threads hashing blocks against their CIDs
 * @param batchBytes block bytes per batch handed from the reader to the verifiers and the writer
 * @param queueDepth batches in flight between reader and writer (bounds memory to about
 *     {@code queueDepth * batchBytes})
 * @param checkpointBytes input advanced between two durable checkpoints (each flushes every shard;
 *     with {@link BulkMode#SST} it is also the bound of the in-memory buffer, of which two may exist at once)
 * @param bulkMode how blocks are written to the shards
 */
public record ImportOptions(
        int verifierThreads, int batchBytes, int queueDepth, long checkpointBytes, BulkMode bulkMode) {
    public static final BulkMode DEFAULT_BULK_MODE = BulkMode.SST;

    public ImportOptions {
        requireNonNull(bulkMode, "bulkMode");
        if (verifierThreads < 1 || batchBytes < 1 || queueDepth < 1 || checkpointBytes < 1) {
            throw new IllegalArgumentException("import options must be positive: " + verifierThreads + ", " + batchBytes
                    + ", " + queueDepth + ", " + checkpointBytes);
        }
    }

    /** Options with the {@link #DEFAULT_BULK_MODE}. */
    public ImportOptions(int verifierThreads, int batchBytes, int queueDepth, long checkpointBytes) {
        this(verifierThreads, batchBytes, queueDepth, checkpointBytes, DEFAULT_BULK_MODE);
    }

    /**
     * One verifier per core, at least two (hashing is the main CPU cost; parsing is light and the
     * writer mostly waits on RocksDB), 4 MiB batches, a checkpoint every 256 MiB (each one flushes every
     * shard: more often measurably slows the import; a resumed import redoes at most this much).
     */
    public static ImportOptions defaults() {
        return new ImportOptions(
                Math.max(2, Runtime.getRuntime().availableProcessors()), 4 << 20, 8, 256L << 20, DEFAULT_BULK_MODE);
    }

    public ImportOptions withCheckpointBytes(long bytes) {
        return new ImportOptions(verifierThreads, batchBytes, queueDepth, bytes, bulkMode);
    }

    public ImportOptions withBatchBytes(int bytes) {
        return new ImportOptions(verifierThreads, bytes, queueDepth, checkpointBytes, bulkMode);
    }

    public ImportOptions withBulkMode(BulkMode mode) {
        return new ImportOptions(verifierThreads, batchBytes, queueDepth, checkpointBytes, mode);
    }
}
