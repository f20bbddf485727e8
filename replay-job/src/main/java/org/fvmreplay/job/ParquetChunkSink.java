package org.fvmreplay.job;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.fvmreplay.analytics.output.ChunkManifest;
import org.fvmreplay.analytics.output.ChunkWriter;
import org.fvmreplay.analytics.output.EpochChunk;
import org.fvmreplay.analytics.output.OutputFolder;
import org.fvmreplay.analytics.output.RepricingTotals;
import org.fvmreplay.analytics.parquet.ParquetSettings;
import org.fvmreplay.analytics.rows.RepricingRow;
import org.fvmreplay.analytics.rows.TipsetRow;
import org.fvmreplay.analytics.schema.Table;
import org.fvmreplay.analytics.schema.Tables;
import org.fvmreplay.job.rows.RepricingRows;
import org.fvmreplay.job.rows.TableRows;

/**
 * The analytics sink: writes the selected tables of each chunk to Parquet as its tipsets arrive, and makes the chunk's
 * files visible (with its manifest) when the replay operator marks its end. A writer that fails or is cancelled before a
 * chunk's end leaves nothing in the table folders, so a retried task or a rerun redoes the chunk from scratch.
 */
public final class ParquetChunkSink implements Sink<ReplayRecord> {
    private static final long serialVersionUID = 1L;

    private final ReplayJobConfig config;

    public ParquetChunkSink(ReplayJobConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public SinkWriter<ReplayRecord> createWriter(WriterInitContext context) throws IOException {
        return new Writer(config);
    }

    /** One per sink subtask; handles one chunk at a time, since the replay operator emits a chunk's records contiguously. */
    private static final class Writer implements SinkWriter<ReplayRecord> {
        private final OutputFolder output;
        private final List<ChunkManifest.TipsetRoots> roots = new ArrayList<>();
        private RepricingTotals repricing = RepricingTotals.NONE;
        private ChunkWriter chunk;
        private EpochChunk current;

        Writer(ReplayJobConfig config) throws IOException {
            // attach, not open: open (run once by the client) cleans up after killed runs, which must not happen under
            // a running task
            this.output = OutputFolder.attach(
                    Path.of(config.out()), config.identity(), config.selectedTables(), ParquetSettings.DEFAULT);
        }

        @Override
        public void write(ReplayRecord record, Context context) throws IOException {
            if (record instanceof ReplayRecord.TipsetReplayed t) {
                begin(t.chunk());
                writeTipset(t);
            } else if (record instanceof ReplayRecord.ChunkReplayed end) {
                begin(end.chunk());
                chunk.commit(roots, chunk.writes(Tables.REPRICING) ? Optional.of(repricing) : Optional.empty());
                chunk = null;
                current = null;
                roots.clear();
                repricing = RepricingTotals.NONE;
            }
        }

        private void begin(EpochChunk next) throws IOException {
            if (next.equals(current)) {
                return;
            }
            if (chunk != null) {
                // a chunk's records are contiguous: a new chunk before the end of the last means the last was cut short
                chunk.abort();
                throw new IllegalStateException("chunk " + current + " ended without its end marker before " + next);
            }
            chunk = output.open(next.fromEpoch(), next.toEpoch());
            current = next;
        }

        private void writeTipset(ReplayRecord.TipsetReplayed t) throws IOException {
            TipsetRow tipset = TableRows.tipset(t);
            chunk.write(Tables.TIPSETS, tipset);
            roots.add(ChunkManifest.TipsetRoots.of(tipset));
            if (t.messages().isEmpty() && t.migration().isEmpty()) {
                return;
            }
            writeAll(Tables.MESSAGES, () -> TableRows.messages(t));
            writeAll(Tables.CALLS, () -> TableRows.calls(t));
            writeAll(Tables.GAS_CHARGES, () -> TableRows.gasCharges(t));
            writeAll(Tables.SYSCALLS, () -> TableRows.syscalls(t));
            writeAll(Tables.EVENTS, () -> TableRows.events(t));
            writeAll(Tables.STATE_DIFFS, () -> TableRows.stateDiffs(t));
            if (chunk.writes(Tables.REPRICING)) {
                for (RepricingRow row : RepricingRows.rows(t)) {
                    chunk.write(Tables.REPRICING, row);
                    repricing = repricing.plus(row);
                }
            }
        }

        /** Computes the rows of {@code table} only when the run writes it. */
        private <R> void writeAll(Table<R> table, java.util.function.Supplier<List<R>> rows) throws IOException {
            if (chunk.writes(table)) {
                for (R row : rows.get()) {
                    chunk.write(table, row);
                }
            }
        }

        @Override
        public void flush(boolean endOfInput) {}

        @Override
        public void close() throws IOException {
            if (chunk != null) {
                chunk.abort();
                chunk = null;
            }
        }
    }
}
