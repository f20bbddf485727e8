package org.fvmreplay.job;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.DetachedJobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.fvmreplay.analytics.output.ChunkManifest;
import org.fvmreplay.analytics.output.EpochChunk;
import org.fvmreplay.analytics.output.OutputFolder;
import org.fvmreplay.analytics.parquet.ParquetSettings;
import org.fvmreplay.analytics.schema.Table;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.fvm.gas.Repricing;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.StoreManifest;
import org.fvmreplay.snapshots.TipsetEntry;

/**
 * The replay job: checks its inputs, plans the epoch chunks that are not yet in the output folder, and runs them on Flink
 * (a local mini-cluster unless the job is submitted to a cluster, where {@code getExecutionEnvironment} returns it):
 * a bounded source of chunks, the replay operator and the Parquet sink, chained in each slot.
 */
public final class ReplayJob {
    /** How often a failed replay task is retried before the job fails (a retried chunk is written from scratch). */
    private static final int TASK_ATTEMPTS = 2;

    private final ReplayJobConfig config;

    public ReplayJob(ReplayJobConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /** What a run did: the chunks it planned, skipped because already written, and ran. */
    public record Plan(List<EpochChunk> chunks, List<EpochChunk> finished, List<EpochChunk> pending, int tipsets) {}

    /**
     * Checks every input before anything is written: the store exists and its chain index covers the epochs, the network
     * file exists, the tables are known, the study's prices fit every network version replayed, the output folder is empty
     * or holds this same run.
     *
     * @throws ReplayJobException naming what is wrong and what to do
     */
    public Plan plan() {
        List<Table<?>> tables;
        try {
            tables = config.selectedTables();
        } catch (IllegalArgumentException e) {
            throw new ReplayJobException("--tables: " + e.getMessage());
        }
        Path store = Path.of(config.store());
        if (!Files.isDirectory(store)) {
            throw new ReplayJobException(
                    "--store " + store + ": no such directory (create one with 'fvm-replay import')");
        }
        if (!StoreManifest.exists(store)) {
            throw new ReplayJobException("--store " + store + ": not a store (no " + StoreManifest.FILE_NAME
                    + "; create one with 'fvm-replay import')");
        }
        config.networkFile().ifPresent(f -> {
            if (!Files.isRegularFile(Path.of(f))) {
                throw new ReplayJobException("--network " + f + ": no such file");
            }
        });
        int tipsets;
        try (SnapshotStore opened = SnapshotStore.openReadOnly(store)) {
            Optional<TipsetEntry> head = opened.chainIndex().last();
            if (head.isEmpty()) {
                throw new ReplayJobException("--store " + store
                        + ": the store has no chain index (import a snapshot with its chain: 'fvm-replay import')");
            }
            long first = opened.chainIndex().first().orElseThrow().epoch();
            long last = head.get().epoch();
            if (config.fromEpoch() < first || config.toEpoch() > last) {
                throw new ReplayJobException("epochs " + config.fromEpoch() + ".." + config.toEpoch()
                        + " are not all in the store, whose chain index covers " + first + ".." + last
                        + ": choose a range inside it");
            }
            List<TipsetEntry> replayed = opened.chainIndex().range(Math.max(1, config.fromEpoch()), config.toEpoch());
            tipsets = replayed.size();
            if (config.repricing().isPresent()) {
                checkRepricing(config.repricing().get(), ReplayResources.network(config, opened), replayed);
            }
        }
        OutputFolder output;
        List<EpochChunk> done;
        try {
            output = OutputFolder.open(Path.of(config.out()), config.identity(), tables);
            done = output.finishedChunkRanges();
        } catch (IOException e) {
            throw new ReplayJobException("--out " + config.out() + ": " + e.getMessage(), e);
        }
        List<EpochChunk> chunks = EpochChunk.split(config.fromEpoch(), config.toEpoch(), config.chunkEpochs());
        List<EpochChunk> finished = new ArrayList<>();
        List<EpochChunk> pending = new ArrayList<>();
        for (EpochChunk chunk : chunks) {
            (done.contains(chunk) ? finished : pending).add(chunk);
        }
        return new Plan(chunks, finished, pending, tipsets);
    }

    /** An override file names entries of one FVM generation: check it fits every network version the run replays. */
    private static void checkRepricing(Repricing repricing, NetworkConfig network, List<TipsetEntry> replayed) {
        Set<Integer> versions = new TreeSet<>();
        replayed.forEach(e -> versions.add(network.networkVersion(e.epoch())));
        for (int nv : versions) {
            try {
                repricing.priceListFor(nv);
            } catch (RuntimeException e) {
                throw new ReplayJobException(
                        repricing.describe() + " for the tipsets of network version " + nv + ": " + e.getMessage());
            }
        }
    }

    /**
     * How {@link #execute} ended: the job ran to its end (every chunk is in the output folder), or it was submitted detached
     * ({@code flink run -d}, application mode) and goes on running on the cluster.
     *
     * @param jobId the Flink job's id, empty when there was nothing to run
     */
    public record Execution(String jobId, boolean detached) {}

    /**
     * Runs the pending chunks of {@code plan}: to completion (blocking), unless the environment submits jobs detached, in which
     * case it returns once the cluster has the job.
     */
    public Execution execute(Plan plan) throws Exception {
        if (plan.pending().isEmpty()) {
            return new Execution("", false);
        }
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, config.parallelism());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, TASK_ATTEMPTS);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(Math.min(config.parallelism(), plan.pending().size()));
        // records go from the replay operator to the sink in the same thread: no copies of tipset traces
        env.getConfig().enableObjectReuse();
        env.fromSource(new ChunkSource(plan.pending().size()), WatermarkStrategy.noWatermarks(), "epoch chunks")
                .uid("epoch-chunks")
                .flatMap(new ChunkReplayFunction(config, plan.pending()))
                .name("replay tipsets")
                .uid("replay")
                .sinkTo(new ParquetChunkSink(config))
                .name("parquet tables")
                .uid("parquet");
        JobExecutionResult result = env.execute("fvm-replay " + config.fromEpoch() + ".." + config.toEpoch());
        return new Execution(result.getJobID().toString(), result instanceof DetachedJobExecutionResult);
    }

    /** The manifests of every finished chunk of the output folder, in epoch order. */
    public List<ChunkManifest> finishedChunks() {
        try {
            return OutputFolder.attach(
                            Path.of(config.out()), config.identity(), config.selectedTables(), ParquetSettings.DEFAULT)
                    .finishedChunks();
        } catch (IOException e) {
            throw new ReplayJobException("cannot read the manifests of " + config.out() + ": " + e.getMessage(), e);
        }
    }
}
