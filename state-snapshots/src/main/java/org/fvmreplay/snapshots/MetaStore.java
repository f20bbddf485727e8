package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * The store's small metadata database ({@code meta/}): catalogue records, import checkpoints and
 * the chain index. Every write is synced, because a checkpoint is only worth anything once it is
 * on disk.
 */
final class MetaStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final Options options;
    private final WriteOptions syncWrites;
    private final RocksDB db;

    MetaStore(Path directory) {
        this.directory = requireNonNull(directory, "directory");
        this.options = new Options().setCreateIfMissing(true);
        this.syncWrites = new WriteOptions().setSync(true);
        try {
            Files.createDirectories(directory);
            this.db = RocksDB.open(options, directory.toString());
        } catch (RocksDBException | java.io.IOException e) {
            syncWrites.close();
            options.close();
            throw new SnapshotStoreException("cannot open the store's metadata database " + directory + ": " + e.getMessage()
                    + " (is another import running on this store?)", e);
        }
    }

    byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new SnapshotStoreException("read from " + directory + " failed: " + e.getMessage(), e);
        }
    }

    void put(byte[] key, byte[] value) {
        try {
            db.put(syncWrites, key, value);
        } catch (RocksDBException e) {
            throw new SnapshotStoreException("write to " + directory + " failed: " + e.getMessage(), e);
        }
    }

    /** Visits keys from {@code from} (inclusive) while they are below {@code to} (exclusive), in order. */
    void scan(byte[] from, byte[] to, BiConsumer<byte[], byte[]> visitor) {
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(from); it.isValid() && Arrays.compareUnsigned(it.key(), to) < 0; it.next()) {
                visitor.accept(it.key(), it.value());
            }
        }
    }

    @Override
    public void close() {
        db.close();
        syncWrites.close();
        options.close();
    }
}
