package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.blockstore.BlockstoreException;

/**
 * A snapshot store directory: {@code store.properties} (the manifest), {@code shards/NNN} (the
 * blocks, one RocksDB per shard) and {@code meta/} (catalogue, checkpoints, chain index).
 * One process at a time may open it for writing (RocksDB locks each database). Any number of
 * handles, in any number of processes, may open it with {@link #openReadOnly} at the same time:
 * they take no lock and write nothing in the directory. Reads are thread-safe on every handle.
 */
public final class SnapshotStore implements AutoCloseable {
    public static final int DEFAULT_SHARDS = 4;
    /** Bytes of decoded blocks a store keeps in memory by default (heap, least recently used first out). */
    public static final long DEFAULT_BLOCK_CACHE_BYTES = 128L << 20;

    private final Path directory;
    private final StoreManifest manifest;
    private final ShardedBlockstore blocks;
    private final MetaStore meta;
    private final SnapshotCatalogue catalogue;
    private final ChainIndex chainIndex;
    private final boolean readOnly;

    private SnapshotStore(
            Path directory, StoreManifest manifest, ShardedBlockstore blocks, MetaStore meta, boolean readOnly) {
        this.directory = directory;
        this.readOnly = readOnly;
        this.manifest = manifest;
        this.blocks = blocks;
        this.meta = meta;
        this.catalogue = new SnapshotCatalogue(meta);
        this.chainIndex = new ChainIndex(meta);
    }

    /** Opens an existing store, or creates one with {@link #DEFAULT_SHARDS} shards. */
    public static SnapshotStore open(Path directory) {
        return open(directory, 0, UnaryOperator.identity());
    }

    /**
     * Opens or creates a store. {@code shards} is used for a new store; for an existing one it must
     * match the manifest, or be 0 ("whatever it has").
     */
    public static SnapshotStore open(Path directory, int shards) {
        return open(directory, shards, UnaryOperator.identity());
    }

    /** As {@link #open(Path, int)}, wrapping every shard with {@code shardDecorator} (fault injection in tests). */
    public static SnapshotStore open(Path directory, int shards, UnaryOperator<Blockstore> shardDecorator) {
        requireNonNull(directory, "directory");
        requireNonNull(shardDecorator, "shardDecorator");
        Path dir = directory.toAbsolutePath().normalize();
        StoreManifest manifest;
        if (StoreManifest.exists(dir)) {
            manifest = StoreManifest.read(dir);
            if (shards != 0 && shards != manifest.shards()) {
                throw new SnapshotStoreException(
                        "store " + dir + " has " + manifest.shards() + " shards (fixed at creation); "
                                + "it cannot be opened with --shards " + shards
                                + ": drop the option or use a new store directory",
                        null);
            }
        } else {
            if (Files.exists(dir.resolve("shards")) || Files.exists(dir.resolve("meta"))) {
                throw new SnapshotStoreException(
                        dir + " holds store data but no " + StoreManifest.FILE_NAME
                                + ": it is not a store this program created, or its manifest was lost",
                        null);
            }
            manifest = StoreManifest.create(shards == 0 ? DEFAULT_SHARDS : shards);
            // the manifest comes first: a crash right after it leaves an empty but valid store
            manifest.write(dir);
        }
        MetaStore meta = new MetaStore(dir.resolve("meta"));
        try {
            ShardedBlockstore blocks =
                    ShardedBlockstore.open(dir, manifest.shards(), shardDecorator, DEFAULT_BLOCK_CACHE_BYTES);
            return new SnapshotStore(dir, manifest, blocks, meta, false);
        } catch (RuntimeException e) {
            meta.close();
            throw e;
        }
    }

    /**
     * Opens an existing store read-only, for readers that share it (replay workers, possibly on
     * several machines over a shared volume). RocksDB's read-only open takes no lock, so any number
     * of read-only handles may be open at once, also next to a writer; each sees the store as it was
     * when it was opened (later writes are not visible: reopen to see them). Meant for a store that
     * no one is writing: a writer's compactions may delete files a reader still refers to, and its
     * reads then fail. Nothing is created or written in the directory; every write through the
     * store (blocks, bulk loads, catalogue, chain index) throws a {@link SnapshotStoreException}.
     */
    public static SnapshotStore openReadOnly(Path directory) {
        return openReadOnly(directory, DEFAULT_BLOCK_CACHE_BYTES);
    }

    /**
     * {@link #openReadOnly(Path)} with a block cache of {@code blockCacheBytes} (Java heap; 0 for none) instead of
     * {@link #DEFAULT_BLOCK_CACHE_BYTES}.
     */
    public static SnapshotStore openReadOnly(Path directory, long blockCacheBytes) {
        requireNonNull(directory, "directory");
        if (blockCacheBytes < 0) {
            throw new IllegalArgumentException("blockCacheBytes must not be negative: " + blockCacheBytes);
        }
        Path dir = directory.toAbsolutePath().normalize();
        if (!StoreManifest.exists(dir)) {
            String missing = Files.isDirectory(dir) ? "no " + StoreManifest.FILE_NAME : "no such directory";
            throw new SnapshotStoreException(
                    "no snapshot store at " + dir + " (" + missing
                            + "): a read-only open does not create one; create it by importing a snapshot into it",
                    null);
        }
        StoreManifest manifest = StoreManifest.read(dir);
        MetaStore meta = MetaStore.openReadOnly(dir.resolve("meta"));
        try {
            ShardedBlockstore blocks = ShardedBlockstore.openReadOnly(dir, manifest.shards(), blockCacheBytes);
            return new SnapshotStore(dir, manifest, blocks, meta, true);
        } catch (BlockstoreException e) {
            meta.close();
            throw new SnapshotStoreException(
                    "cannot open the shards of store " + dir + " read-only: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            meta.close();
            throw e;
        }
    }

    public Path directory() {
        return directory;
    }

    public StoreManifest manifest() {
        return manifest;
    }

    public ShardedBlockstore blocks() {
        return blocks;
    }

    public SnapshotCatalogue catalogue() {
        return catalogue;
    }

    public ChainIndex chainIndex() {
        return chainIndex;
    }

    /** True when opened with {@link #openReadOnly}: writes throw a {@link SnapshotStoreException}. */
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public void close() {
        try {
            blocks.close();
        } finally {
            meta.close();
        }
    }
}
