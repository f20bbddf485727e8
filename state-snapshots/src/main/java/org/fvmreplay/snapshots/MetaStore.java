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
 * on disk. Opened read-only, it takes no lock and refuses writes.
 */
final class MetaStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private final Path directory;
    private final Options options;
    private final WriteOptions syncWrites;
    private final RocksDB db;
    private final boolean readOnly;

    /** Opens the metadata database for writing, creating it if needed (takes RocksDB's lock). */
    MetaStore(Path directory) {
        this(directory, false);
    }

    private MetaStore(Path directory, boolean readOnly) {
        this.directory = requireNonNull(directory, "directory");
        this.readOnly = readOnly;
        // checked first so that a missing database is named and nothing is created for it
        if (readOnly && !Files.isDirectory(directory)) {
            throw new SnapshotStoreException(
                    "cannot open the store's metadata database " + directory
                            + " read-only: it does not exist (the store is incomplete)",
                    null);
        }
        this.options = new Options().setCreateIfMissing(!readOnly);
        this.syncWrites = new WriteOptions().setSync(true);
        try {
            if (readOnly) {
                this.db = RocksDB.openReadOnly(options, directory.toString());
            } else {
                Files.createDirectories(directory);
                this.db = RocksDB.open(options, directory.toString());
            }
        } catch (RocksDBException | java.io.IOException e) {
            syncWrites.close();
            options.close();
            throw new SnapshotStoreException(
                    "cannot open the store's metadata database " + directory + ": " + e.getMessage()
                            + (readOnly ? " (read-only)" : " (is another import running on this store?)"),
                    e);
        }
    }

    /** Opens an existing metadata database read-only: no lock, so any number of readers, next to a writer too. */
    static MetaStore openReadOnly(Path directory) {
        return new MetaStore(directory, true);
    }

    byte[] get(byte[] key) {
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new SnapshotStoreException("read from " + directory + " failed: " + e.getMessage(), e);
        }
    }

    void put(byte[] key, byte[] value) {
        if (readOnly) {
            throw SnapshotStoreException.readOnly(
                    directory.getParent(), "write to the metadata database (catalogue, chain index)");
        }
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

    /** The value of the first key in {@code [from, to)}, if any. */
    byte[] firstValue(byte[] from, byte[] to) {
        try (RocksIterator it = db.newIterator()) {
            it.seek(from);
            return it.isValid() && Arrays.compareUnsigned(it.key(), to) < 0 ? it.value() : null;
        }
    }

    /** The value of the last key in {@code [from, to]}, if any. */
    byte[] lastValue(byte[] from, byte[] to) {
        try (RocksIterator it = db.newIterator()) {
            it.seekForPrev(to);
            return it.isValid() && Arrays.compareUnsigned(it.key(), from) >= 0 ? it.value() : null;
        }
    }

    @Override
    public void close() {
        db.close();
        syncWrites.close();
        options.close();
    }
}
