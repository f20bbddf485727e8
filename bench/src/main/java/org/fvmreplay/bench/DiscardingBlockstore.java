package org.fvmreplay.bench;

import java.nio.file.Path;
import java.util.List;
import org.fvmreplay.ipld.blockstore.Block;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.BulkLoadableShard;

/** A shard that drops writes: isolates the import pipeline's cost from RocksDB's. Reads go to the real shard. */
final class DiscardingBlockstore implements Blockstore, BulkLoadableShard {
    private final Blockstore delegate;

    DiscardingBlockstore(Blockstore delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] get(Cid cid) {
        return delegate.get(cid);
    }

    @Override
    public boolean has(Cid cid) {
        return delegate.has(cid);
    }

    @Override
    public void put(Cid cid, byte[] data) {}

    @Override
    public void putAll(Iterable<Block> blocks) {}

    @Override
    public void writeSortedTable(List<Block> sortedBlocks, Path file) {}

    @Override
    public void ingestTables(List<Path> files) {}
}
