package org.fvmreplay.importer;

import static java.util.Objects.requireNonNull;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.fvmreplay.ipld.blockstore.Block;
import org.fvmreplay.ipld.blockstore.BlockstoreException;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarFormatException;
import org.fvmreplay.ipld.car.CarReadOptions;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multihash;
import org.fvmreplay.snapshots.ChainIndex;
import org.fvmreplay.snapshots.SnapshotRecord;
import org.fvmreplay.snapshots.SnapshotStatus;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.SnapshotStoreException;
import org.fvmreplay.snapshots.TipsetEntry;

/**
 * Imports CAR snapshots into a {@link SnapshotStore}, streaming. Three stages keep the cores busy:
 * a reader thread parses sections (and decompresses), a pool hashes every block against its CID,
 * and the calling thread takes verified batches in file order. With {@link BulkMode#SST} it buffers
 * them per shard and a {@link SortedTableLoader} turns each checkpoint's worth into one sorted SST
 * file per shard, ingested while the next buffer fills; with {@link BulkMode#BATCH} it writes one
 * RocksDB write batch per shard, without the write-ahead log. Either way automatic compaction pauses
 * during the import and the shards are compacted once at the end.
 *
 * <p>Resumable: every {@link ImportOptions#checkpointBytes()} of input the blocks are made durable
 * (SST files ingested, or memtables flushed) and only then the catalogue records the offset of the
 * first section not yet durable (synced). A killed
 * import rerun with the same file skips to that offset; blocks written after it are simply written
 * again (content addressing makes that harmless). Only at the end, after the chain index is built,
 * is the snapshot marked complete; importing a complete snapshot again does nothing.
 */
public final class SnapshotImporter {
    private static final int ZSTD_FRAME_MAGIC = 0xFD2FB528;

    private final SnapshotStore store;
    private final ImportOptions options;

    public SnapshotImporter(SnapshotStore store, ImportOptions options) {
        this.store = requireNonNull(store, "store");
        this.options = requireNonNull(options, "options");
    }

    /** A batch of consecutive sections; {@code endOffset} is the payload offset just past the last one. */
    private record Batch(List<CarBlock> blocks, long endOffset, long inputPosition, long bytes) {}

    /** Imports (or resumes, or skips when complete) one file. */
    public ImportResult importFile(Path file, ImportListener listener) {
        requireNonNull(file, "file");
        requireNonNull(listener, "listener");
        Path path = file.toAbsolutePath().normalize();
        String key = path.toString();
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new ImportException(key, 0, key + ": no such file", e);
        } catch (IOException e) {
            throw new ImportException(key, 0, "cannot read " + key + ": " + e, e);
        }
        SnapshotRecord previous = store.catalogue().get(key).orElse(null);
        if (previous != null
                && previous.complete()
                && previous.fileSize() == size
                && previous.roots().equals(rootsOf(path))) {
            return new ImportResult(previous, ImportResult.Outcome.ALREADY_COMPLETE, 0, 0, 0, Optional.empty());
        }
        AtomicLong rawBytes = new AtomicLong();
        CarReader reader = open(path, rawBytes);
        try {
            SnapshotRecord record;
            boolean resuming = previous != null
                    && !previous.complete()
                    && previous.fileSize() == size
                    && previous.roots().equals(reader.roots())
                    && previous.format().equals(reader.format().name());
            if (resuming) {
                record = previous;
            } else {
                // new, or the file changed since the partial import: start over (old blocks stay, harmlessly)
                record = new SnapshotRecord(
                        key, size, reader.format().name(), reader.roots(), SnapshotStatus.PARTIAL, 0, 0, 0);
                store.catalogue().put(record);
            }
            return run(path, size, reader, rawBytes, record, resuming, listener);
        } finally {
            reader.close();
        }
    }

    /** The CAR header's roots (reads only the header). */
    private List<Cid> rootsOf(Path path) {
        try (CarReader reader = open(path, new AtomicLong())) {
            return reader.roots();
        }
    }

    private CarReader open(Path path, AtomicLong rawBytes) {
        CarReadOptions readOptions = CarReadOptions.defaults().withVerifyBlocks(false); // the verifier pool hashes
        try {
            if (isZstd(path)) {
                // count compressed bytes so progress and ETA relate to the file size
                InputStream counting = new FilterInputStream(Files.newInputStream(path)) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            rawBytes.incrementAndGet();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buf, int off, int len) throws IOException {
                        int n = super.read(buf, off, len);
                        if (n > 0) {
                            rawBytes.addAndGet(n);
                        }
                        return n;
                    }
                };
                return CarReader.open(counting, path.toString(), readOptions);
            }
            return CarReader.open(path, readOptions);
        } catch (CarFormatException e) {
            throw asImportFailure(e);
        } catch (IOException | UncheckedIOException e) {
            throw new ImportException(path.toString(), 0, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean isZstd(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] first = in.readNBytes(4);
            if (first.length < 4) {
                return false;
            }
            int magic = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getInt();
            return magic == ZSTD_FRAME_MAGIC || (magic & 0xFFFFFFF0) == 0x184D2A50;
        }
    }

    private ImportResult run(
            Path path,
            long size,
            CarReader reader,
            AtomicLong rawBytes,
            SnapshotRecord start,
            boolean resuming,
            ImportListener listener) {
        String source = path.toString();
        long resumeOffset = start.checkpointOffset();
        BlockingQueue<Future<Batch>> queue = new ArrayBlockingQueue<>(options.queueDepth());
        ExecutorService verifiers = Executors.newFixedThreadPool(options.verifierThreads(), daemon("car-verify"));
        AtomicLong unverifiable = new AtomicLong();
        Thread readerThread = daemon("car-read")
                .newThread(() -> readAll(reader, rawBytes, resumeOffset, queue, verifiers, unverifiable));
        listener.started(path, size, resumeOffset);
        readerThread.start();
        SnapshotRecord record = start;
        long written = 0;
        long writtenBytes = 0;
        long lastCheckpoint = resumeOffset;
        long offset = resumeOffset;
        boolean sst = options.bulkMode() == BulkMode.SST;
        long checkpointBytes = sst ? sstBufferBytes() : options.checkpointBytes();
        AtomicReference<SnapshotRecord> checkpointed = new AtomicReference<>(start);
        SortedTableLoader loader = null;
        boolean bulkLoading = false;
        try {
            // SST mode writes nothing through memtables: they keep the default size
            store.blocks()
                    .beginBulkLoad(
                            sst ? 64L << 20 : memtableBytes(store.blocks().shardCount()));
            bulkLoading = true;
            if (sst) {
                loader = new SortedTableLoader(store.blocks(), listener, source, resumeOffset);
            }
            while (true) {
                Batch batch = take(queue, source);
                if (batch == null) {
                    break;
                }
                List<Block> blocks = new ArrayList<>(batch.blocks().size());
                for (CarBlock b : batch.blocks()) {
                    blocks.add(b.toBlock());
                }
                try {
                    if (sst) {
                        blocks.forEach(loader::add);
                    } else {
                        store.blocks().putAll(blocks);
                    }
                } catch (BlockstoreException | SnapshotStoreException e) {
                    long at = batch.blocks().get(0).sectionOffset() + reader.payloadOffset();
                    throw new ImportException(
                            source,
                            at,
                            source + ": cannot write the blocks from byte " + at + " on to the store "
                                    + store.directory() + ": " + e.getMessage() + ". Blocks before CAR payload offset "
                                    + lastCheckpoint
                                    + " are safely stored; fix the problem (disk space?) and rerun the same import to continue",
                            e);
                }
                written += blocks.size();
                writtenBytes += batch.bytes();
                offset = batch.endOffset();
                listener.progress(batch.inputPosition(), written, writtenBytes);
                if (offset - lastCheckpoint >= checkpointBytes) {
                    if (sst) {
                        loadThenCheckpoint(
                                loader,
                                checkpointed,
                                source,
                                offset,
                                start.blockCount() + written,
                                start.blockBytes() + writtenBytes);
                    } else {
                        record = checkpoint(
                                source,
                                record,
                                offset,
                                start.blockCount() + written,
                                start.blockBytes() + writtenBytes);
                    }
                    lastCheckpoint = offset;
                }
            }
            if (sst) {
                loadThenCheckpoint(
                        loader,
                        checkpointed,
                        source,
                        offset,
                        start.blockCount() + written,
                        start.blockBytes() + writtenBytes);
                loader.awaitPending();
                record = checkpointed.get();
            } else {
                record = checkpoint(
                        source, record, offset, start.blockCount() + written, start.blockBytes() + writtenBytes);
            }
            bulkLoading = false;
            endBulkLoad(source, offset, true);
            List<TipsetEntry> chain = List.of();
            String chainProblem = null;
            try {
                chain = ChainIndex.walk(store.blocks(), record.roots());
                store.chainIndex().putAll(chain);
            } catch (SnapshotStoreException e) {
                // every block is stored and verified; an odd chain must not make the import unfinishable
                chainProblem = e.getMessage();
            }
            record = record.withStatus(SnapshotStatus.COMPLETE);
            store.catalogue().put(record);
            return new ImportResult(
                    record,
                    resuming ? ImportResult.Outcome.RESUMED : ImportResult.Outcome.IMPORTED,
                    written,
                    chain.size(),
                    unverifiable.get(),
                    Optional.ofNullable(chainProblem));
        } finally {
            if (loader != null) {
                loader.close(); // a load in flight finishes (and may still record its checkpoint) before we return
            }
            if (bulkLoading) {
                try {
                    endBulkLoad(source, offset, false);
                } catch (ImportException e) {
                    // the import already failed; that failure is the one to report
                }
            }
            listener.finished();
            readerThread.interrupt();
            queue.clear(); // unblocks a reader waiting to put
            verifiers.shutdownNow();
            try {
                readerThread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Memtable size per shard in batch mode: a checkpoint's worth of input spread over the shards,
     * doubled for headroom (so one checkpoint makes about one flush), between 64 and 512 MiB.
     */
    private long memtableBytes(int shards) {
        return Math.max(64L << 20, Math.min(512L << 20, 2 * options.checkpointBytes() / shards));
    }

    /**
     * SST mode buffers a checkpoint's worth of blocks, and one more while the previous is loaded; as
     * Java objects they take about twice their size. A tenth of the heap per buffer keeps that well
     * inside a small heap, at the cost of more (smaller) SST files.
     */
    private long sstBufferBytes() {
        return Math.max(
                1, Math.min(options.checkpointBytes(), Runtime.getRuntime().maxMemory() / 10));
    }

    /** SST mode: the loader ingests everything buffered, then records the checkpoint (on its thread). */
    private void loadThenCheckpoint(
            SortedTableLoader loader,
            AtomicReference<SnapshotRecord> checkpointed,
            String source,
            long offset,
            long blocks,
            long bytes) {
        loader.load(offset, () -> checkpointed.set(checkpoint(source, checkpointed.get(), offset, blocks, bytes)));
    }

    private void endBulkLoad(String source, long offset, boolean compact) {
        try {
            store.blocks().endBulkLoad(compact);
        } catch (BlockstoreException | SnapshotStoreException e) {
            throw new ImportException(
                    source,
                    offset,
                    source + ": cannot finish loading the store " + store.directory() + ": " + e.getMessage()
                            + ". Every block is stored; fix the problem (disk space?) and rerun the same import",
                    e);
        }
    }

    private SnapshotRecord checkpoint(String source, SnapshotRecord record, long offset, long blocks, long bytes) {
        SnapshotRecord next = record.withCheckpoint(offset, blocks, bytes);
        try {
            // order matters: blocks durable first, then the (synced) record that promises them
            store.blocks().makeDurable();
            store.catalogue().put(next);
        } catch (BlockstoreException | SnapshotStoreException e) {
            throw new ImportException(
                    source,
                    offset,
                    source + ": cannot make the store " + store.directory()
                            + " durable at CAR payload offset " + offset + ": " + e.getMessage()
                            + ". The previous checkpoint, at offset "
                            + record.checkpointOffset()
                            + ", still holds; fix the problem (disk space?) and rerun the same import",
                    e);
        }
        return next;
    }

    private Batch take(BlockingQueue<Future<Batch>> queue, String source) {
        try {
            return queue.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CarFormatException car) {
                throw asImportFailure(car);
            }
            if (cause instanceof ImportException imp) {
                throw imp;
            }
            if (cause instanceof UncheckedIOException io) {
                throw new ImportException(source, -1, "cannot read " + source + ": " + io.getMessage(), io);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("import pipeline failed: " + cause, cause);
        }
    }

    private static ImportException asImportFailure(CarFormatException e) {
        return new ImportException(
                e.source(),
                e.offset(),
                e.getMessage()
                        + ". Blocks before the last checkpoint stay in the store; replace or repair the file and rerun the import",
                e);
    }

    /** Reader thread: parses sections into batches, hands each to the verifier pool, queues the futures in file order. */
    private void readAll(
            CarReader reader,
            AtomicLong rawBytes,
            long resumeOffset,
            BlockingQueue<Future<Batch>> queue,
            ExecutorService verifiers,
            AtomicLong unverifiable) {
        try {
            boolean compressed = reader.format().isCompressed();
            List<CarBlock> blocks = new ArrayList<>();
            long bytes = 0;
            boolean aligned = resumeOffset == 0;
            for (CarBlock b = reader.next(); b != null; b = reader.next()) {
                if (b.sectionOffset() < resumeOffset) {
                    continue; // durable before the checkpoint: skipped without hashing
                }
                if (!aligned && b.sectionOffset() != resumeOffset) {
                    throw new CarFormatException(
                            reader.source(),
                            resumeOffset + reader.payloadOffset(),
                            "the import checkpoint is not at a section boundary: the file changed since the interrupted import");
                }
                aligned = true;
                blocks.add(b);
                bytes += b.data().length;
                if (bytes >= options.batchBytes()) {
                    submit(
                            queue,
                            verifiers,
                            reader,
                            blocks,
                            bytes,
                            compressed ? rawBytes.get() : reader.position() + reader.payloadOffset(),
                            unverifiable);
                    blocks = new ArrayList<>();
                    bytes = 0;
                }
            }
            if (!blocks.isEmpty()) {
                submit(
                        queue,
                        verifiers,
                        reader,
                        blocks,
                        bytes,
                        compressed ? rawBytes.get() : reader.position() + reader.payloadOffset(),
                        unverifiable);
            }
            queue.put(CompletableFuture.completedFuture(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // anything the reader cannot finish must reach the writer, which otherwise waits forever
            try {
                queue.put(CompletableFuture.failedFuture(e));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void submit(
            BlockingQueue<Future<Batch>> queue,
            ExecutorService verifiers,
            CarReader reader,
            List<CarBlock> blocks,
            long bytes,
            long inputPosition,
            AtomicLong unverifiable)
            throws InterruptedException {
        CarBlock last = blocks.get(blocks.size() - 1);
        Batch batch = new Batch(blocks, last.dataOffset() + last.data().length, inputPosition, bytes);
        long payloadOffset = reader.payloadOffset();
        String source = reader.source();
        queue.put(verifiers.submit(() -> verify(batch, source, payloadOffset, unverifiable)));
    }

    private static Batch verify(Batch batch, String source, long payloadOffset, AtomicLong unverifiable) {
        for (CarBlock b : batch.blocks()) {
            Cid cid = b.cid();
            Multihash expected = cid.multihash();
            if (!Multihash.isComputable(expected.code())) {
                unverifiable.incrementAndGet();
                continue;
            }
            if (!expected.matches(b.data(), 0, b.data().length)) {
                Multihash actual = Multihash.digest(expected.code(), b.data());
                throw new CarFormatException(
                        source,
                        b.dataOffset() + payloadOffset,
                        "block does not match its CID " + cid + ": the " + b.data().length + " bytes hash to " + actual
                                + " (corrupt block or CID)");
            }
        }
        return batch;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
