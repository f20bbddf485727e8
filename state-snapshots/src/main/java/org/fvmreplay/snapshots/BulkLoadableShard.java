package org.fvmreplay.snapshots;

import java.nio.file.Path;
import java.util.List;
import org.fvmreplay.ipld.blockstore.Block;

/**
 * A shard that takes sorted SST files (bulk loading). A shard decorator implements it to see (or
 * fail) those writes too; the writes of decorators that do not implement it go straight to the shard's RocksDB.
 */
public interface BulkLoadableShard {
    /** Writes blocks sorted by unsigned binary CID, without duplicates, to a new SST file. */
    void writeSortedTable(List<Block> sortedBlocks, Path file);

    /** Moves the given SST files into the shard, atomically. */
    void ingestTables(List<Path> files);
}
