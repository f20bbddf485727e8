package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.fvmreplay.ipld.blockstore.Block;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.blockstore.RocksDbBlockstore;
import org.fvmreplay.ipld.cid.Cid;

/**
 * A blockstore over N RocksDB shards ({@code shards/000}, {@code shards/001}, ...), each block in
 * the shard chosen by {@link ShardingRule}. Reads go to one shard through a shared LRU cache;
 * batched writes are grouped per shard so each shard gets one RocksDB write batch. Thread-safe.
 * Opened read-only ({@link SnapshotStore#openReadOnly}), every write method throws a
 * {@link SnapshotStoreException} and nothing in the store directory is created or changed.
 */
public final class ShardedBlockstore implements Blockstore {
    private final Path directory;
    private final ShardingRule rule;
    private final List<RocksDbBlockstore> databases;
    private final List<Blockstore> shards;
    private final BlockCache cache;
    private final boolean readOnly;

    private ShardedBlockstore(
            Path directory,
            ShardingRule rule,
            List<RocksDbBlockstore> databases,
            UnaryOperator<Blockstore> decorator,
            long cacheBytes,
            boolean readOnly) {
        this.directory = directory;
        this.readOnly = readOnly;
        this.rule = rule;
        this.databases = List.copyOf(databases);
        List<Blockstore> views = new ArrayList<>();
        for (RocksDbBlockstore db : databases) {
            views.add(requireNonNull(decorator.apply(db), "decorated shard"));
        }
        this.shards = List.copyOf(views);
        this.cache = new BlockCache(cacheBytes);
    }

    /**
     * Opens the shards under {@code dir}. {@code decorator} wraps every shard for writes and
     * reads (tests use it to inject failures); pass {@code UnaryOperator.identity()} otherwise.
     */
    static ShardedBlockstore open(Path dir, int shardCount, UnaryOperator<Blockstore> decorator, long cacheBytes) {
        return open(dir, shardCount, decorator, cacheBytes, false);
    }

    /** Opens the existing shards under {@code dir} read-only: no RocksDB lock is taken and nothing is created. */
    static ShardedBlockstore openReadOnly(Path dir, int shardCount, long cacheBytes) {
        return open(dir, shardCount, UnaryOperator.identity(), cacheBytes, true);
    }

    private static ShardedBlockstore open(
            Path dir, int shardCount, UnaryOperator<Blockstore> decorator, long cacheBytes, boolean readOnly) {
        ShardingRule rule = new ShardingRule(shardCount);
        List<RocksDbBlockstore> opened = new ArrayList<>();
        // RocksDB's own block cache per shard stays small; the shared cache above it serves hot blocks
        long perShardCache = Math.max(8L << 20, (64L << 20) / shardCount);
        try {
            for (int i = 0; i < shardCount; i++) {
                Path shard = shardDirectory(dir, i);
                opened.add(
                        readOnly
                                ? RocksDbBlockstore.openReadOnly(shard, perShardCache)
                                : RocksDbBlockstore.open(shard, perShardCache));
            }
        } catch (RuntimeException e) {
            opened.forEach(RocksDbBlockstore::close);
            throw e;
        }
        return new ShardedBlockstore(dir, rule, opened, decorator, cacheBytes, readOnly);
    }

    static Path shardDirectory(Path dir, int shard) {
        return dir.resolve("shards").resolve(String.format("%03d", shard));
    }

    public int shardCount() {
        return shards.size();
    }

    public ShardingRule rule() {
        return rule;
    }

    /** True when opened with {@link SnapshotStore#openReadOnly}: every write method throws. */
    public boolean readOnly() {
        return readOnly;
    }

    private void checkWritable(String attempted) {
        if (readOnly) {
            throw SnapshotStoreException.readOnly(directory, attempted);
        }
    }

    @Override
    public byte[] get(Cid cid) {
        requireNonNull(cid, "cid");
        byte[] cached = cache.get(cid);
        if (cached != null) {
            return cached;
        }
        byte[] data = shards.get(rule.shardOf(cid)).get(cid);
        if (data != null) {
            cache.put(cid, data);
        }
        return data;
    }

    @Override
    public boolean has(Cid cid) {
        requireNonNull(cid, "cid");
        return cache.get(cid) != null || shards.get(rule.shardOf(cid)).has(cid);
    }

    @Override
    public void put(Cid cid, byte[] data) {
        requireNonNull(cid, "cid");
        requireNonNull(data, "data");
        checkWritable("put block " + cid);
        shards.get(rule.shardOf(cid)).put(cid, data);
    }

    /** Groups the blocks by shard and writes each group as one batch. */
    @Override
    public void putAll(Iterable<Block> blocks) {
        checkWritable("put blocks");
        List<List<Block>> perShard = new ArrayList<>(shards.size());
        for (int i = 0; i < shards.size(); i++) {
            perShard.add(new ArrayList<>());
        }
        for (Block b : blocks) {
            perShard.get(rule.shardOf(b.cid())).add(b);
        }
        for (int i = 0; i < shards.size(); i++) {
            if (!perShard.get(i).isEmpty()) {
                shards.get(i).putAll(perShard.get(i));
            }
        }
    }

    /**
     * The directory where SST files wait for ingestion ({@code ingest/} in the store). It is on the
     * shards' file system, so ingestion moves files instead of copying them.
     */
    public Path stagingDirectory() {
        return directory.resolve("ingest");
    }

    /**
     * Deletes every file left in {@link #stagingDirectory()} (SST files of a load that a crash
     * interrupted before ingestion: their blocks are after the last checkpoint and will be loaded again).
     * Returns how many there were.
     */
    public int clearStagingDirectory() {
        // it creates the directory and deletes files in it: a reader must not
        checkWritable("clear the SST staging directory");
        Path staging = stagingDirectory();
        try {
            Files.createDirectories(staging);
            int deleted = 0;
            try (var files = Files.list(staging)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                    deleted++;
                }
            }
            return deleted;
        } catch (IOException e) {
            throw new SnapshotStoreException("cannot clear the SST staging directory " + staging + ": " + e, e);
        }
    }

    /** Writes one shard's sorted blocks to an SST file (see {@link BulkLoadableShard}). */
    public void writeSortedTable(int shard, List<Block> sortedBlocks, Path file) {
        checkWritable("write a sorted table for bulk loading");
        loaderOf(shard).writeSortedTable(sortedBlocks, file);
    }

    /** Ingests SST files into one shard (see {@link BulkLoadableShard}). */
    public void ingestTables(int shard, List<Path> files) {
        checkWritable("ingest sorted tables");
        loaderOf(shard).ingestTables(files);
    }

    private BulkLoadableShard loaderOf(int shard) {
        if (shards.get(shard) instanceof BulkLoadableShard decorated) {
            return decorated;
        }
        RocksDbBlockstore db = databases.get(shard);
        return new BulkLoadableShard() {
            @Override
            public void writeSortedTable(List<Block> sortedBlocks, Path file) {
                db.writeSortedTable(sortedBlocks, file);
            }

            @Override
            public void ingestTables(List<Path> files) {
                db.ingestTables(files);
            }
        };
    }

    /** Puts every shard in bulk-load mode ({@link RocksDbBlockstore#beginBulkLoad}). */
    public void beginBulkLoad(long memtableBytesPerShard) {
        checkWritable("begin a bulk load");
        databases.forEach(db -> db.beginBulkLoad(memtableBytesPerShard));
    }

    /** Ends bulk-load mode on every shard, compacting each when {@code compact}. */
    public void endBulkLoad(boolean compact) {
        checkWritable("end a bulk load");
        databases.forEach(db -> db.endBulkLoad(compact));
    }

    /** Flushes every shard's memtable to disk: whatever was written before the call survives a crash. */
    public void makeDurable() {
        checkWritable("flush the shards");
        databases.forEach(RocksDbBlockstore::flushToDisk);
    }

    /** Calls {@code sink} with every stored CID, shard by shard. */
    public void forEachCid(Consumer<Cid> sink) {
        requireNonNull(sink, "sink");
        databases.forEach(db -> db.forEachCid(sink));
    }

    /** Estimated blocks per shard (RocksDB's estimate). */
    public List<Long> estimatedBlocksPerShard() {
        return databases.stream().map(RocksDbBlockstore::estimatedBlockCount).toList();
    }

    @Override
    public void close() {
        databases.forEach(RocksDbBlockstore::close);
    }
}
