package org.fvmreplay.importer;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fvmreplay.ipld.blockstore.Block;
import org.fvmreplay.ipld.blockstore.BlockstoreException;
import org.fvmreplay.snapshots.ShardedBlockstore;
import org.fvmreplay.snapshots.SnapshotStoreException;

/**
 * SST bulk loading for one import: verified blocks are buffered per shard; at each checkpoint the
 * buffers go to a background thread that sorts each one by key, writes it as an SST file in the
 * store's staging directory, ingests (moves) the files into the shards and then runs the checkpoint.
 * One load runs while the next buffer fills; a new load waits for the previous one, so checkpoints
 * stay in file order and a checkpoint is recorded only after everything before it is ingested.
 */
final class SortedTableLoader implements AutoCloseable {
    /** A block with its binary CID computed once, for sorting. */
    private record Keyed(byte[] key, Block block) {}

    private final ShardedBlockstore blocks;
    private final ImportListener listener;
    private final String source;
    private final ExecutorService thread;
    private List<List<Keyed>> buffers;
    private long bufferedFrom;
    private Future<?> pending;
    private int loads;

    SortedTableLoader(ShardedBlockstore blocks, ImportListener listener, String source, long startOffset) {
        this.blocks = requireNonNull(blocks, "blocks");
        this.listener = requireNonNull(listener, "listener");
        this.source = requireNonNull(source, "source");
        this.buffers = emptyBuffers();
        this.bufferedFrom = startOffset;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sst-load");
            t.setDaemon(true);
            return t;
        });
        // SST files left by a load that a crash interrupted before ingestion: their blocks are after the checkpoint and
        // come again
        blocks.clearStagingDirectory();
    }

    private List<List<Keyed>> emptyBuffers() {
        List<List<Keyed>> fresh = new ArrayList<>(blocks.shardCount());
        for (int i = 0; i < blocks.shardCount(); i++) {
            fresh.add(new ArrayList<>());
        }
        return fresh;
    }

    void add(Block block) {
        buffers.get(blocks.rule().shardOf(block.cid()))
                .add(new Keyed(block.cid().toBytes(), block));
    }

    /**
     * Hands everything buffered (the blocks before CAR payload offset {@code endOffset}) to the
     * loading thread, which runs {@code checkpoint} once they are ingested. Waits for the previous
     * load first and rethrows its failure.
     */
    void load(long endOffset, Runnable checkpoint) {
        awaitPending();
        List<List<Keyed>> batch = buffers;
        long from = bufferedFrom;
        buffers = emptyBuffers();
        bufferedFrom = endOffset;
        int number = loads++;
        pending = thread.submit(() -> {
            loadNow(batch, from, endOffset, number);
            checkpoint.run();
        });
    }

    /** Waits for the load in progress, if any, and rethrows its failure. */
    void awaitPending() {
        if (pending == null) {
            return;
        }
        Future<?> waiting = pending;
        pending = null;
        try {
            waiting.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted while loading SST files", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("SST load failed: " + e.getCause(), e.getCause());
        }
    }

    private void loadNow(List<List<Keyed>> perShard, long from, long to, int number) {
        try {
            List<Path> files = new ArrayList<>(perShard.size());
            for (int shard = 0; shard < perShard.size(); shard++) {
                List<Block> sorted = sortedUnique(perShard.get(shard));
                perShard.set(shard, null); // let the buffer go while the next one fills
                if (sorted.isEmpty()) {
                    files.add(null);
                    continue;
                }
                Path file = blocks.stagingDirectory().resolve(String.format("%03d-%06d.sst", shard, number));
                blocks.writeSortedTable(shard, sorted, file);
                files.add(file);
            }
            listener.tablesWritten(to);
            for (int shard = 0; shard < files.size(); shard++) {
                if (files.get(shard) != null) {
                    blocks.ingestTables(shard, List.of(files.get(shard)));
                }
            }
            listener.tablesIngested(to);
        } catch (BlockstoreException | SnapshotStoreException e) {
            throw new ImportException(
                    source,
                    from,
                    source + ": cannot load the blocks of CAR payload offsets " + from + " to " + to
                            + " into the store (SST files in " + blocks.stagingDirectory() + "): " + e.getMessage()
                            + ". Blocks before CAR payload offset "
                            + from
                            + " are safely stored; fix the problem (disk space?) and rerun the same import to continue",
                    e);
        }
    }

    /** Sorted by unsigned key bytes (RocksDB's bytewise order); of equal keys (same CID) the last one stays, as a rewrite would. */
    private static List<Block> sortedUnique(List<Keyed> buffer) {
        Keyed[] keyed = buffer.toArray(new Keyed[0]);
        // stable sort: equal keys keep their file order
        Arrays.sort(keyed, (a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        List<Block> out = new ArrayList<>(keyed.length);
        for (int i = 0; i < keyed.length; i++) {
            if (i + 1 < keyed.length && Arrays.equals(keyed[i].key(), keyed[i + 1].key())) {
                continue;
            }
            out.add(keyed[i].block());
        }
        return out;
    }

    /** Waits for a load in progress (its failure, if any, is dropped: another failure is being reported) and stops the thread. */
    @Override
    public void close() {
        try {
            awaitPending();
        } catch (RuntimeException ignored) {
            // the import already failed for another reason, reported by the caller
        } finally {
            thread.shutdownNow();
        }
    }
}
