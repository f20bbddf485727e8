package org.fvmreplay.analytics.output;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fvmreplay.analytics.rows.TipsetRow;

/**
 * What a finished chunk holds, written last as {@code _manifests/<chunk>.json}: its existence is what makes the chunk
 * finished.
 *
 * @param tables per table name, in table order: the file (relative to the run folder) and its row count
 * @param tipsets per replayed tipset of the chunk, as the caller gave them: status and state roots computed and recorded
 * @param repricing the sums of the chunk's {@code repricing} rows, when the run reprices
 */
public record ChunkManifest(
        EpochChunk chunk,
        Instant startedAt,
        Instant committedAt,
        Map<String, TableFile> tables,
        List<TipsetRoots> tipsets,
        Optional<RepricingTotals> repricing) {
    public ChunkManifest {
        requireNonNull(repricing, "repricing is null");
        requireNonNull(chunk, "chunk is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(committedAt, "committedAt is null");
        // keeps table order, which Map.copyOf would not
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(tables, "tables is null")));
        tipsets = List.copyOf(tipsets);
        for (TipsetRoots tipset : tipsets) {
            if (!chunk.contains(tipset.epoch())) {
                throw new IllegalArgumentException("tipset " + tipset.epoch() + " is not in chunk " + chunk.name());
            }
        }
    }

    /** Rows of {@code table} in this chunk. */
    public long rows(String table) {
        TableFile file = tables.get(table);
        if (file == null) {
            throw new IllegalArgumentException("chunk " + chunk.name() + " has no table " + table);
        }
        return file.rows();
    }

    /** One table's file of the chunk. */
    public record TableFile(String file, long rows) {
        public TableFile {
            requireNonNull(file, "file is null");
        }
    }

    /**
     * How one tipset of the chunk compared with the chain.
     *
     * @param computedStateRoot null when it did not execute
     * @param expectedStateRoot the child's parent state root; null when the child is not in the store
     */
    public record TipsetRoots(long epoch, String status, String computedStateRoot, String expectedStateRoot) {
        public TipsetRoots {
            requireNonNull(status, "status is null");
        }

        /** The roots of a tipsets row. */
        public static TipsetRoots of(TipsetRow row) {
            return new TipsetRoots(row.epoch(), row.status(), row.computedStateRoot(), row.expectedStateRoot());
        }
    }
}
