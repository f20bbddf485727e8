package org.fvmreplay.analytics.output;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fvmreplay.analytics.parquet.TableFileWriter;
import org.fvmreplay.analytics.schema.Table;

/**
 * The files of one chunk while they are written: rows stream into one staging Parquet file per selected table, and
 * {@link #commit} moves them into the table folders and writes the manifest last. Closing without a commit aborts. One
 * thread at a time.
 *
 * <pre>
 * try (ChunkWriter chunk = folder.open(100, 199)) {
 *     chunk.write(Tables.MESSAGES, row);   // ... every row of the chunk's tipsets
 *     chunk.commit(roots);
 * }
 * </pre>
 */
public final class ChunkWriter implements AutoCloseable {
    private enum State {
        OPEN,
        COMMITTED,
        ABORTED
    }

    private final OutputFolder folder;
    private final EpochChunk chunk;
    private final Path staging;
    private final Map<String, TableFileWriter<?>> writers;
    private final Instant startedAt;
    private State state = State.OPEN;

    ChunkWriter(
            OutputFolder folder,
            EpochChunk chunk,
            Path staging,
            Map<String, TableFileWriter<?>> writers,
            Instant startedAt) {
        this.folder = folder;
        this.chunk = chunk;
        this.staging = staging;
        this.writers = writers;
        this.startedAt = startedAt;
    }

    /** The chunk being written. */
    public EpochChunk chunk() {
        return chunk;
    }

    /** Whether rows of {@code table} are kept: lets a caller skip computing rows of tables the run did not select. */
    public boolean writes(Table<?> table) {
        return writers.containsKey(table.name());
    }

    /**
     * Appends a row to {@code table}'s file; rows of a table the run did not select are dropped. A row whose required
     * value is null fails and is not written.
     */
    public <R> void write(Table<R> table, R row) throws IOException {
        requireNonNull(table, "table is null");
        requireOpen();
        TableFileWriter<R> writer = writer(table);
        if (writer != null) {
            writer.write(row);
        }
    }

    /** Rows written to {@code table} so far (0 for a table the run did not select). */
    public long rows(Table<?> table) {
        TableFileWriter<?> writer = writers.get(table.name());
        return writer == null ? 0 : writer.rows();
    }

    /**
     * Finishes the chunk: completes every table file (those without rows too), moves each into its table folder (an atomic
     * rename, replacing the chunk's file of an earlier run), then writes the manifest, last and atomically. The manifest of
     * an earlier commit of the chunk is deleted first, so a kill half-way leaves the chunk unfinished, never mixed.
     *
     * @param tipsets status and state roots of the chunk's tipsets, as the caller has them; recorded in the manifest
     * @return the manifest written
     */
    public ChunkManifest commit(List<ChunkManifest.TipsetRoots> tipsets) throws IOException {
        return commit(tipsets, Optional.empty());
    }

    /**
     * Finishes the chunk as {@link #commit(List)} does, recording the sums of its {@code repricing} rows in the manifest.
     */
    public ChunkManifest commit(List<ChunkManifest.TipsetRoots> tipsets, Optional<RepricingTotals> repricing)
            throws IOException {
        requireNonNull(tipsets, "tipsets is null");
        requireNonNull(repricing, "repricing is null");
        requireOpen();
        List<Path> moved = new ArrayList<>();
        try {
            for (TableFileWriter<?> writer : writers.values()) {
                writer.close();
                FileOps.force(writer.file());
            }
            Path manifestFile = folder.manifestFile(chunk);
            Files.deleteIfExists(manifestFile);
            FileOps.forceDirectory(manifestFile.getParent());
            Map<String, ChunkManifest.TableFile> tables = new LinkedHashMap<>();
            for (TableFileWriter<?> writer : writers.values()) {
                Path target = folder.tableFile(writer.table(), chunk);
                FileOps.moveAtomically(writer.file(), target);
                moved.add(target);
                tables.put(
                        writer.table().name(),
                        new ChunkManifest.TableFile(
                                folder.dir().relativize(target).toString().replace('\\', '/'), writer.rows()));
            }
            ChunkManifest manifest = new ChunkManifest(chunk, startedAt, Instant.now(), tables, tipsets, repricing);
            FileOps.writeAtomically(manifestFile, Json.manifest(manifest), staging);
            state = State.COMMITTED;
            FileOps.deleteRecursively(staging);
            return manifest;
        } catch (IOException | RuntimeException e) {
            if (state != State.COMMITTED) {
                // without its manifest the chunk is unfinished: take back what was moved, as a reopen would
                for (Path target : moved) {
                    deleteQuietly(target, e);
                }
                abort(e);
            }
            throw e;
        }
    }

    /** Discards the chunk: closes its files and deletes the staging folder; the table folders are untouched. Idempotent. */
    public void abort() throws IOException {
        if (state == State.OPEN) {
            abort(null);
        }
    }

    /** Aborts unless committed. */
    @Override
    public void close() throws IOException {
        abort();
    }

    private void abort(Throwable cause) throws IOException {
        state = State.ABORTED;
        closeQuietly(writers.values(), cause);
        FileOps.deleteRecursively(staging);
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException(
                    "chunk " + chunk + " is " + state.name().toLowerCase(Locale.ROOT));
        }
    }

    @SuppressWarnings("unchecked")
    private <R> TableFileWriter<R> writer(Table<R> table) {
        TableFileWriter<?> writer = writers.get(table.name());
        if (writer != null && writer.table() != table && !writer.table().equals(table)) {
            throw new IllegalArgumentException(
                    "table " + table.name() + " is not the table this run selected under that name");
        }
        return (TableFileWriter<R>) writer;
    }

    // closing a discarded file must not hide why it is discarded
    static void closeQuietly(Collection<? extends TableFileWriter<?>> writers, Throwable cause) {
        for (TableFileWriter<?> writer : writers) {
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                if (cause != null && cause != e) {
                    cause.addSuppressed(e);
                }
            }
        }
    }

    private static void deleteQuietly(Path file, Throwable cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
