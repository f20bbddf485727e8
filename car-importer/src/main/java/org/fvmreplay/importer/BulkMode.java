package org.fvmreplay.importer;

import java.util.Locale;

/** How verified blocks reach RocksDB during an import. */
public enum BulkMode {
    /** Per checkpoint, the blocks of each shard are sorted, written to an SST file and ingested (moved) into the shard. */
    SST,
    /** Write batches per shard with the write-ahead log off; each checkpoint flushes the memtables. */
    BATCH;

    /** Parses {@code sst} or {@code batch} (any case), with a clear error otherwise. */
    public static BulkMode parse(String name) {
        for (BulkMode mode : values()) {
            if (mode.name().equalsIgnoreCase(name.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown bulk mode '" + name + "': use sst or batch");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
