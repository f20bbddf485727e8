package org.fvmreplay.ipld.blockstore;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fvmreplay.ipld.cid.Cid;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompressionType;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileWriter;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A blockstore in one RocksDB database, keyed by the CID's binary form. Point lookups dominate
 * (state trees are walked by CID), so tables carry a bloom filter and reads share an LRU cache.
 * Thread-safe, as RocksDB is.
 */
public final class RocksDbBlockstore implements Blockstore {
    /** Writes in {@link #putAll} are committed in batches of about this many bytes. */
    static final int BATCH_BYTES = 8 << 20;

    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final Options options;
    private final LRUCache cache;
    private final BloomFilter bloom;
    private final RocksDB db;
    private final WriteOptions writeOptions;
    private final WriteOptions unloggedWriteOptions;
    private final ReadOptions readOptions;
    private volatile boolean bulkLoading;

    private RocksDbBlockstore(Path directory, long cacheBytes, boolean readOnly) {
        this.directory = requireNonNull(directory, "directory");
        this.cache = new LRUCache(cacheBytes);
        this.bloom = new BloomFilter(10, false);
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setFilterPolicy(bloom)
                .setWholeKeyFiltering(true)
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true);
        this.options = new Options()
                .setCreateIfMissing(!readOnly)
                .setTableFormatConfig(table)
                // blocks are mostly hashes and compressed CBOR: LZ4 is cheap and still wins on text-like state
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setMaxOpenFiles(512)
                .setIncreaseParallelism(Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.writeOptions = new WriteOptions();
        this.unloggedWriteOptions = new WriteOptions().setDisableWAL(true);
        this.readOptions = new ReadOptions().setVerifyChecksums(false);
        try {
            if (!readOnly) {
                Files.createDirectories(directory);
            }
            this.db = readOnly
                    ? RocksDB.openReadOnly(options, directory.toString())
                    : RocksDB.open(options, directory.toString());
        } catch (RocksDBException | IOException e) {
            closeNatives();
            throw new BlockstoreException("cannot open RocksDB blockstore at " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Opens (creating if needed) a store with a 256 MiB block cache. */
    public static RocksDbBlockstore open(Path directory) {
        return new RocksDbBlockstore(directory, 256L << 20, false);
    }

    /** Opens (creating if needed) a store with the given block cache size. */
    public static RocksDbBlockstore open(Path directory, long cacheBytes) {
        return new RocksDbBlockstore(directory, cacheBytes, false);
    }

    /** Opens an existing store read-only (several processes may do so at once). */
    public static RocksDbBlockstore openReadOnly(Path directory, long cacheBytes) {
        if (!Files.isDirectory(directory)) {
            throw new BlockstoreException("no RocksDB blockstore at " + directory, null);
        }
        return new RocksDbBlockstore(directory, cacheBytes, true);
    }

    public Path directory() {
        return directory;
    }

    @Override
    public byte[] get(Cid cid) {
        byte[] inline = IdentityBlocks.inline(cid);
        if (inline != null) {
            return inline;
        }
        try {
            return db.get(readOptions, cid.toBytes());
        } catch (RocksDBException e) {
            throw new BlockstoreException("read of " + cid + " from " + directory + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean has(Cid cid) {
        if (IdentityBlocks.inline(cid) != null) {
            return true;
        }
        byte[] key = cid.toBytes();
        // the bloom filter answers most misses without touching disk
        if (!db.keyMayExist(key, null)) {
            return false;
        }
        return get(cid) != null;
    }

    @Override
    public void put(Cid cid, byte[] data) {
        try {
            db.put(writeOptions, cid.toBytes(), data);
        } catch (RocksDBException e) {
            throw new BlockstoreException("write of " + cid + " to " + directory + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void putAll(Iterable<Block> blocks) {
        WriteBatch batch = new WriteBatch();
        try {
            long bytes = 0;
            for (Block b : blocks) {
                byte[] key = b.cid().toBytes();
                batch.put(key, b.data());
                bytes += key.length + b.data().length;
                if (bytes >= BATCH_BYTES) {
                    db.write(batchWriteOptions(), batch);
                    batch.clear();
                    bytes = 0;
                }
            }
            if (batch.count() > 0) {
                db.write(batchWriteOptions(), batch);
            }
        } catch (RocksDBException e) {
            throw new BlockstoreException("batched write to " + directory + " failed: " + e.getMessage(), e);
        } finally {
            batch.close();
        }
    }

    private WriteOptions batchWriteOptions() {
        return bulkLoading ? unloggedWriteOptions : writeOptions;
    }

    /**
     * Bulk-load mode for an importer that makes its own durability points with {@link #flushToDisk()}:
     * {@link #putAll} skips the write-ahead log (a crash loses only what was written since the last
     * flush), memtables grow to {@code memtableBytes}, and automatic compaction pauses (with the L0
     * write-stall triggers raised to match) so that loading is not slowed by rewriting what it just
     * wrote. {@link #endBulkLoad} undoes all of it. The settings are not persistent: a process killed
     * while bulk loading reopens the store with the defaults.
     */
    public void beginBulkLoad(long memtableBytes) {
        setMutableOptions(new String[] {
            "write_buffer_size",
            Long.toString(memtableBytes),
            "disable_auto_compactions",
            "true",
            "level0_slowdown_writes_trigger",
            "1000",
            "level0_stop_writes_trigger",
            "2000"
        });
        bulkLoading = true;
    }

    /**
     * Ends bulk-load mode: flushes, restores the default options and, when {@code compact}, compacts
     * the whole database (waited for), so that point reads no longer probe one L0 file per load step.
     */
    public void endBulkLoad(boolean compact) {
        bulkLoading = false;
        flushToDisk();
        setMutableOptions(new String[] {
            "write_buffer_size",
            Long.toString(options.writeBufferSize()),
            "disable_auto_compactions",
            "false",
            "level0_slowdown_writes_trigger",
            Integer.toString(options.level0SlowdownWritesTrigger()),
            "level0_stop_writes_trigger",
            Integer.toString(options.level0StopWritesTrigger())
        });
        if (compact) {
            try {
                db.compactRange();
            } catch (RocksDBException e) {
                throw new BlockstoreException("compaction of " + directory + " failed: " + e.getMessage(), e);
            }
        }
    }

    private void setMutableOptions(String[] keysAndValues) {
        StringBuilder spec = new StringBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            spec.append(keysAndValues[i])
                    .append('=')
                    .append(keysAndValues[i + 1])
                    .append(';');
        }
        try {
            db.setOptions(org.rocksdb.MutableColumnFamilyOptions.parse(spec.toString())
                    .build());
        } catch (RocksDBException | IllegalArgumentException e) {
            throw new BlockstoreException("cannot set options " + spec + " on " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code blocks} to a new SST file {@code file} in this database's table format. The
     * blocks must be sorted by the unsigned bytes of their binary CID, without duplicates (as
     * RocksDB's bytewise comparator orders keys); the file is synced before this returns.
     */
    public void writeSortedTable(List<Block> blocks, Path file) {
        requireNonNull(blocks, "blocks");
        requireNonNull(file, "file");
        try (EnvOptions env = new EnvOptions();
                SstFileWriter writer = new SstFileWriter(env, options)) {
            writer.open(file.toString());
            for (Block b : blocks) {
                writer.put(b.cid().toBytes(), b.data());
            }
            writer.finish();
        } catch (RocksDBException e) {
            throw new BlockstoreException(
                    "cannot write the sorted table " + file + " for " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ingests SST files written by {@link #writeSortedTable}, moving (hard-linking) them into the
     * database. Atomic and durable: after a crash either all of them are in the database or none.
     */
    public void ingestTables(List<Path> files) {
        requireNonNull(files, "files");
        if (files.isEmpty()) {
            return;
        }
        try (IngestExternalFileOptions ingest = new IngestExternalFileOptions()
                .setMoveFiles(true)
                // keys overlap what is already stored (random hashes): the files get a sequence number and land in L0
                .setAllowGlobalSeqNo(true)
                .setAllowBlockingFlush(true)) {
            db.ingestExternalFile(files.stream().map(Path::toString).toList(), ingest);
        } catch (RocksDBException e) {
            throw new BlockstoreException("cannot ingest " + files + " into " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Flushes memtables to disk, so that a crash after this call loses nothing written before it. */
    public void flushToDisk() {
        try (org.rocksdb.FlushOptions fo = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            db.flush(fo);
        } catch (RocksDBException e) {
            throw new BlockstoreException("flush of " + directory + " failed: " + e.getMessage(), e);
        }
    }

    /** Calls {@code sink} with the CID of every stored block, in key order (for audits and tests). */
    public void forEachCid(java.util.function.Consumer<Cid> sink) {
        requireNonNull(sink, "sink");
        try (org.rocksdb.RocksIterator it = db.newIterator(readOptions)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                sink.accept(Cid.fromBytes(it.key()));
            }
        }
    }

    /** RocksDB's estimate of the number of keys. */
    public long estimatedBlockCount() {
        try {
            return db.getLongProperty("rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw new BlockstoreException("cannot read key estimate of " + directory, e);
        }
    }

    @Override
    public void close() {
        db.close();
        closeNatives();
    }

    private void closeNatives() {
        if (writeOptions != null) {
            writeOptions.close();
        }
        if (unloggedWriteOptions != null) {
            unloggedWriteOptions.close();
        }
        if (readOptions != null) {
            readOptions.close();
        }
        options.close();
        bloom.close();
        cache.close();
    }
}
