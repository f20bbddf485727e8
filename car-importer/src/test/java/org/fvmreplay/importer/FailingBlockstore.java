package org.fvmreplay.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.fvmreplay.ipld.blockstore.Block;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.blockstore.BlockstoreException;
import org.fvmreplay.ipld.blockstore.RocksDbBlockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.BulkLoadableShard;

/**
 * Simulates a full disk: a shard that fails every write (a write batch, or an SST file) after the
 * first {@code allowedWrites} (counted over all shards).
 */
final class FailingBlockstore implements Blockstore, BulkLoadableShard {
    private final Blockstore delegate;
    private final AtomicInteger remaining;

    FailingBlockstore(Blockstore delegate, AtomicInteger remaining) {
        this.delegate = delegate;
        this.remaining = remaining;
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
    public void put(Cid cid, byte[] data) {
        check();
        delegate.put(cid, data);
    }

    @Override
    public void putAll(Iterable<Block> blocks) {
        check();
        delegate.putAll(blocks);
    }

    @Override
    public void writeSortedTable(List<Block> sortedBlocks, Path file) {
        check();
        ((RocksDbBlockstore) delegate).writeSortedTable(sortedBlocks, file);
    }

    @Override
    public void ingestTables(List<Path> files) {
        ((RocksDbBlockstore) delegate).ingestTables(files);
    }

    private void check() {
        if (remaining.getAndDecrement() <= 0) {
            throw new BlockstoreException("IO error: No space left on device (simulated)", null);
        }
    }
}
