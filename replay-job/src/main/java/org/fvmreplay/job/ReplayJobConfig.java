package org.fvmreplay.job;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fvmreplay.analytics.schema.Table;
import org.fvmreplay.analytics.schema.Tables;
import org.fvmreplay.fvm.engine.WasmEngines;
import org.fvmreplay.fvm.gas.Repricing;

/**
 * What one replay job does: which store and epochs, how the network is configured, which engine runs the actors and
 * where which tables go. Serializable, because Flink ships it to every task; paths are strings for the same reason and
 * must name the same files on every TaskManager (a shared volume on a cluster).
 *
 * @param store an imported store directory (opened read-only)
 * @param fromEpoch first epoch to replay (genesis is never executed)
 * @param toEpoch last epoch, inclusive
 * @param networkFile network schedule and actor manifests (a shared chain's manifest.json), or empty for mainnet/calibnet
 *     recognised from the genesis
 * @param actorsDir bundles for state migrations, or empty
 * @param engine "chicory" or "wasmtime"
 * @param chunkEpochs epochs per chunk: the unit of parallelism, of output files and of resumption
 * @param parallelism task slots used (the mini-cluster gets this many)
 * @param tables table names to write
 * @param out the output folder
 * @param repricing prices to replay every tipset under a second time, for the {@code repricing} table; empty for none
 * @param codeCache where the actors' compiled code is kept across runs, or empty
 * @param blockCacheBytes decoded blocks each TaskManager's store handle keeps in heap (0 for none)
 */
public record ReplayJobConfig(
        String store,
        long fromEpoch,
        long toEpoch,
        Optional<String> networkFile,
        Optional<String> actorsDir,
        String engine,
        int chunkEpochs,
        int parallelism,
        List<String> tables,
        String out,
        Optional<Repricing> repricing,
        Optional<String> codeCache,
        long blockCacheBytes)
        implements Serializable {
    private static final long serialVersionUID = 3L;

    public ReplayJobConfig {
        requireNonNull(store, "store is null");
        requireNonNull(networkFile, "networkFile is null");
        requireNonNull(actorsDir, "actorsDir is null");
        requireNonNull(engine, "engine is null");
        tables = List.copyOf(requireNonNull(tables, "tables is null"));
        requireNonNull(out, "out is null");
        requireNonNull(repricing, "repricing is null");
        requireNonNull(codeCache, "codeCache is null");
        if (blockCacheBytes < 0) {
            throw new IllegalArgumentException("block cache " + blockCacheBytes + " bytes: expected 0 or more");
        }
        if (repricing.isPresent() != tables.contains(Tables.REPRICING.name())) {
            throw new IllegalArgumentException(
                    repricing.isPresent()
                            ? "repricing asked for, but the repricing table is not among the tables " + tables
                            : "the repricing table needs prices to compare with: give --price-nv or --price-list");
        }
        if (fromEpoch < 0 || toEpoch < fromEpoch) {
            throw new IllegalArgumentException("epochs " + fromEpoch + ".." + toEpoch + ": expected 0 <= from <= to");
        }
        if (chunkEpochs < 1) {
            throw new IllegalArgumentException("chunk size " + chunkEpochs + ": expected at least 1 epoch");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism " + parallelism + ": expected at least 1");
        }
        if (!WasmEngines.NAMES.contains(engine)) {
            throw new IllegalArgumentException("engine " + engine + ": expected chicory or wasmtime");
        }
    }

    /** The selected tables. */
    public List<Table<?>> selectedTables() {
        return Tables.parse(String.join(",", tables));
    }

    /**
     * What makes two runs' outputs interchangeable: a rerun with the same identity continues the folder's chunks, any other
     * run must use another folder. Parallelism is not part of it (it changes no row).
     */
    public Map<String, String> identity() {
        Map<String, String> id = new LinkedHashMap<>();
        id.put("store", store);
        id.put("from_epoch", Long.toString(fromEpoch));
        id.put("to_epoch", Long.toString(toEpoch));
        id.put("network", networkFile.orElse("(from genesis)"));
        id.put("engine", engine);
        id.put("chunk_epochs", Integer.toString(chunkEpochs));
        id.put("tables", String.join(",", tables));
        repricing.ifPresent(r -> id.putAll(r.identity()));
        return id;
    }

    /** Serializable, unlike {@link Optional}: the fields Flink serializes. */
    private Object writeReplace() {
        return new Serialized(
                store,
                fromEpoch,
                toEpoch,
                networkFile.orElse(null),
                actorsDir.orElse(null),
                engine,
                chunkEpochs,
                parallelism,
                List.copyOf(tables),
                out,
                repricing.orElse(null),
                codeCache.orElse(null),
                blockCacheBytes);
    }

    private record Serialized(
            String store,
            long fromEpoch,
            long toEpoch,
            String networkFile,
            String actorsDir,
            String engine,
            int chunkEpochs,
            int parallelism,
            List<String> tables,
            String out,
            Repricing repricing,
            String codeCache,
            long blockCacheBytes)
            implements Serializable {
        private static final long serialVersionUID = 3L;

        private Object readResolve() {
            return new ReplayJobConfig(
                    store,
                    fromEpoch,
                    toEpoch,
                    Optional.ofNullable(networkFile),
                    Optional.ofNullable(actorsDir),
                    engine,
                    chunkEpochs,
                    parallelism,
                    tables,
                    out,
                    Optional.ofNullable(repricing),
                    Optional.ofNullable(codeCache),
                    blockCacheBytes);
        }
    }
}
