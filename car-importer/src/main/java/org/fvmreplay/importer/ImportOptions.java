package org.fvmreplay.importer;

/**
 * Tuning of the import pipeline.
 *
 * @param verifierThreads threads hashing blocks against their CIDs
 * @param batchBytes block bytes per batch handed from the reader to the verifiers and the writer
 * @param queueDepth batches in flight between reader and writer (bounds memory to about
 *     {@code queueDepth * batchBytes})
 * @param checkpointBytes input advanced between two durable checkpoints (each flushes every shard)
 */
public record ImportOptions(int verifierThreads, int batchBytes, int queueDepth, long checkpointBytes) {
    public ImportOptions {
        if (verifierThreads < 1 || batchBytes < 1 || queueDepth < 1 || checkpointBytes < 1) {
            throw new IllegalArgumentException("import options must be positive: " + verifierThreads + ", " + batchBytes + ", "
                    + queueDepth + ", " + checkpointBytes);
        }
    }

    /**
     * One verifier per core, at least two (hashing is the main CPU cost; parsing is light and the
     * writer mostly waits on RocksDB), 4 MiB batches, a checkpoint every 256 MiB (each one flushes every
     * shard: more often measurably slows the import; a resumed import redoes at most this much).
     */
    public static ImportOptions defaults() {
        return new ImportOptions(Math.max(2, Runtime.getRuntime().availableProcessors()), 4 << 20, 8, 256L << 20);
    }

    public ImportOptions withCheckpointBytes(long bytes) {
        return new ImportOptions(verifierThreads, batchBytes, queueDepth, bytes);
    }

    public ImportOptions withBatchBytes(int bytes) {
        return new ImportOptions(verifierThreads, bytes, queueDepth, checkpointBytes);
    }
}
