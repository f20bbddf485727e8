package org.fvmreplay.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.fvmreplay.analytics.output.ChunkManifest;
import org.fvmreplay.analytics.output.OutputFolder;
import org.fvmreplay.analytics.output.RepricingTotals;
import org.fvmreplay.analytics.schema.Tables;
import org.fvmreplay.chain.execution.ActorBundles;
import org.fvmreplay.fvm.gas.Repricing;
import org.fvmreplay.importer.ImportException;
import org.fvmreplay.importer.ImportListener;
import org.fvmreplay.importer.ImportOptions;
import org.fvmreplay.importer.ImportResult;
import org.fvmreplay.importer.SnapshotImporter;
import org.fvmreplay.job.ReplayJob;
import org.fvmreplay.job.ReplayJobConfig;
import org.fvmreplay.job.ReplayJobException;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.SnapshotStoreException;
import org.fvmreplay.snapshots.TipsetEntry;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code job}: the main job: replays epochs in parallel on Flink and writes every table to Parquet. */
@Command(
        name = "job",
        mixinStandardHelpOptions = true,
        description = {
            "Replay the epochs of a store (or of every chain in a folder like ../shared/chains) in parallel on Apache Flink, check each",
            "tipset against the chain, and write what happened inside every message to Parquet tables (one folder per table).",
            "Runs on an embedded Flink mini-cluster; on a Flink cluster, submit the job jar of the cluster-jar build (see the README).",
            "A rerun of the same command skips the chunks already written.",
            "With --price-nv or --price-list, every tipset is replayed a second time under those prices, from the same parent state",
            "(each tipset on its own: changes do not compound across tipsets), into the repricing table."
        })
public final class JobCommand implements Callable<Integer> {
    static final class Input {
        @Option(names = "--store", paramLabel = "DIR", description = "a store made by 'fvm-replay import'")
        Path store;

        @Option(
                names = "--chains",
                paramLabel = "DIR",
                description =
                        "a folder of chains (each a folder with chain.car.zst and manifest.json, like ../shared/chains): each is imported into --stores and replayed whole")
        Path chains;
    }

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    @Option(
            names = "--stores",
            paramLabel = "DIR",
            defaultValue = "fvm-replay-stores",
            description =
                    "with --chains: where the chains are imported, one store each (default ${DEFAULT-VALUE}; an import already done is not redone)")
    private Path stores;

    @Option(names = "--from", paramLabel = "EPOCH", description = "first epoch (default: the first of the chain index)")
    private Long from;

    @Option(
            names = "--to",
            paramLabel = "EPOCH",
            description = "last epoch, inclusive (default: the last whose child is in the store)")
    private Long to;

    @Option(
            names = "--network",
            paramLabel = "FILE",
            description = "with --store: network configuration (a shared chain's manifest.json works as it is); "
                    + "default: recognised from the genesis (mainnet, calibnet)")
    private Path networkFile;

    @Option(
            names = "--actors",
            paramLabel = "DIR",
            description =
                    "folder of actor bundles (vN.tar.zst) for state migrations; default: an 'actors' folder beside a "
                            + "parent of the network file")
    private Path actorsDir;

    @Mixin
    private EngineOption engine = new EngineOption();

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "task slots (default: the number of cores here; on a cluster, give the slots to use)")
    private Integer parallelism;

    @Option(
            names = "--chunk-epochs",
            paramLabel = "N",
            defaultValue = "50",
            description =
                    "epochs per chunk: the unit of work, of output files and of resumption (default ${DEFAULT-VALUE})")
    private int chunkEpochs;

    @Option(
            names = "--tables",
            paramLabel = "T,T",
            split = ",",
            description =
                    "tables to write (default: all but repricing, which --price-nv and --price-list add): ${sys:fvm.tables}")
    private List<String> tables;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "fvm-replay-output",
            description = "output folder (default ${DEFAULT-VALUE}); with --chains, one subfolder per chain")
    private Path out;

    @Option(names = "--no-progress", description = "no progress on stderr")
    private boolean noProgress;

    @Mixin
    private RepricingOptions prices = new RepricingOptions();

    @Mixin
    private CodeCacheOption codeCache = new CodeCacheOption();

    @Mixin
    private BlockCacheOption blockCache = new BlockCacheOption();

    static {
        System.setProperty("fvm.tables", String.join(", ", Tables.names()));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (input.store != null) {
                return run(input.store, Optional.ofNullable(networkFile), out, stdout, err);
            }
            return runChains(stdout, err);
        } catch (ReplayJobException | SnapshotStoreException | ImportException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return 2;
        }
    }

    private int runChains(PrintWriter stdout, PrintWriter err) throws Exception {
        Path chains = input.chains;
        if (!Files.isDirectory(chains)) {
            throw new ReplayJobException("--chains " + chains + ": no such directory");
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> list = Files.list(chains)) {
            list.filter(d -> Files.isRegularFile(d.resolve("manifest.json"))
                            && Files.isRegularFile(d.resolve("chain.car.zst")))
                    .sorted()
                    .forEach(found::add);
        }
        if (found.isEmpty()) {
            throw new ReplayJobException("--chains " + chains
                    + ": no chain folder in it (a chain folder holds chain.car.zst and manifest.json)");
        }
        int worst = 0;
        for (Path chain : found) {
            String name = chain.getFileName().toString();
            Path store = stores.resolve(name);
            err.println("== " + name + ": importing " + chain.resolve("chain.car.zst") + " into " + store);
            err.flush();
            try (SnapshotStore opened = SnapshotStore.open(store)) {
                ImportResult result = new SnapshotImporter(opened, ImportOptions.defaults())
                        .importFile(chain.resolve("chain.car.zst"), ImportListener.NONE);
                err.printf(
                        "%s: %,d blocks, %d tipsets indexed (%s)%n",
                        name,
                        result.record().blockCount(),
                        result.tipsetsIndexed(),
                        result.outcome() == ImportResult.Outcome.ALREADY_COMPLETE ? "already imported" : "imported");
            }
            worst = Math.max(
                    worst, run(store, Optional.of(chain.resolve("manifest.json")), out.resolve(name), stdout, err));
        }
        return worst;
    }

    private int run(Path store, Optional<Path> network, Path output, PrintWriter stdout, PrintWriter err)
            throws Exception {
        long first;
        long last;
        try (SnapshotStore opened = Files.isDirectory(store) && org.fvmreplay.snapshots.StoreManifest.exists(store)
                ? SnapshotStore.openReadOnly(store)
                : null) {
            if (opened == null) {
                throw new ReplayJobException(
                        "--store " + store + ": not a store (create one with 'fvm-replay import')");
            }
            Optional<TipsetEntry> head = opened.chainIndex().last();
            if (head.isEmpty()) {
                throw new ReplayJobException(
                        "--store " + store + ": the store has no chain index (import a snapshot with its chain)");
            }
            first = opened.chainIndex().first().orElseThrow().epoch();
            // the head has no child in the store, so its results cannot be checked: stop before it unless asked
            last = opened.chainIndex()
                    .before(head.get().epoch())
                    .orElse(head.get())
                    .epoch();
        }
        int slots = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
        // the override file's entries are checked against the network versions replayed, in ReplayJob.plan
        Optional<Repricing> repricing;
        try {
            repricing = prices.parse(spec.commandLine(), List.of());
        } catch (ParameterException e) {
            // one line, as every other bad input of the job, rather than the usage text
            throw new ReplayJobException(e.getMessage());
        }
        ReplayJobConfig config;
        try {
            config = new ReplayJobConfig(
                    store.toAbsolutePath().normalize().toString(),
                    from != null ? from : first,
                    to != null ? to : last,
                    network.map(p -> p.toAbsolutePath().normalize().toString()),
                    actors(network).map(Path::toString),
                    engine.name(),
                    chunkEpochs,
                    slots,
                    tables(repricing.isPresent()),
                    output.toAbsolutePath().normalize().toString(),
                    repricing,
                    codeCache.dir().map(p -> p.toAbsolutePath().normalize().toString()),
                    blockCache.bytes());
        } catch (IllegalArgumentException e) {
            throw new ReplayJobException(e.getMessage());
        }
        ReplayJob job = new ReplayJob(config);
        ReplayJob.Plan plan = job.plan();
        err.printf(
                "replaying epochs %d..%d of %s: %d tipsets in %d chunks (%d already written), %d slots, engine %s, "
                        + "actor bundles for state migrations: %s%n",
                config.fromEpoch(),
                config.toEpoch(),
                store,
                plan.tipsets(),
                plan.chunks().size(),
                plan.finished().size(),
                config.parallelism(),
                config.engine(),
                config.actorsDir()
                        .orElse("none (no 'actors' folder beside the network file; a tipset after an upgrade whose "
                                + "migration needs new actor code reports MISSING_STATE: pass --actors DIR)"));
        err.flush();
        long started = System.nanoTime();
        ReplayJob.Execution execution;
        try (Progress progress = new Progress(job, plan.tipsets(), noProgress)) {
            execution = job.execute(plan);
        }
        if (execution.detached()) {
            // the cluster runs the job after this returns: rerunning now would clean up the chunks its tasks are
            // writing
            stdout.printf(
                    "%s: submitted detached as Flink job %s, %d chunks; each finished chunk adds a manifest to %s. "
                            + "Rerun this command only after the job has ended (it skips finished chunks and cleans up the rest).%n",
                    config.out(),
                    execution.jobId(),
                    plan.pending().size(),
                    Path.of(config.out(), OutputFolder.MANIFESTS));
            stdout.flush();
            return 0;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return summary(config, job.finishedChunks(), plan, seconds, stdout);
    }

    private int summary(
            ReplayJobConfig config,
            List<ChunkManifest> manifests,
            ReplayJob.Plan plan,
            double seconds,
            PrintWriter stdout) {
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Long> rows = new TreeMap<>();
        for (ChunkManifest m : manifests) {
            m.tipsets().forEach(t -> statuses.merge(t.status(), 1, Integer::sum));
            m.tables().forEach((table, file) -> rows.merge(table, file.rows(), Long::sum));
        }
        int tipsets = statuses.values().stream().mapToInt(Integer::intValue).sum();
        stdout.printf(
                "%s: %d tipsets %s; this run replayed %d chunks in %.1f s%n",
                config.out(), tipsets, statuses, plan.pending().size(), seconds);
        for (String table : config.tables()) {
            stdout.printf(
                    "  %-12s %,10d rows  %s%n", table, rows.getOrDefault(table, 0L), Path.of(config.out(), table));
        }
        manifests.stream()
                .map(ChunkManifest::repricing)
                .flatMap(Optional::stream)
                .reduce(RepricingTotals::plus)
                .ifPresent(totals -> stdout.println(repricingLine(config, totals)));
        stdout.printf(
                "  start with: duckdb -c \"SELECT exit_code, count(*) AS messages, sum(gas_used) AS gas FROM read_parquet('%s/messages/*.parquet') GROUP BY 1\"%n",
                config.out());
        stdout.flush();
        return statuses.getOrDefault("MISMATCH", 0) > 0 ? 1 : 0;
    }

    /** The summary's repricing line: the share of messages that flip to out of gas and how gas and fees change. */
    static String repricingLine(ReplayJobConfig config, RepricingTotals t) {
        String prices = config.repricing().map(Repricing::describe).orElse("other prices");
        String failed = t.messages() > t.repriced()
                ? String.format(
                        Locale.ROOT, "; %,d messages not repriced (see error_after)", t.messages() - t.repriced())
                : "";
        return String.format(
                Locale.ROOT,
                "  repricing under %s: %,d of %,d messages (%.2f%%) flip to out of gas; gas used %,d -> %,d (%s); "
                        + "fees paid %s -> %s FIL (%s)%s",
                prices,
                t.flipsToOutOfGas(),
                t.repriced(),
                t.repriced() == 0 ? 0.0 : 100.0 * t.flipsToOutOfGas() / t.repriced(),
                t.gasUsedBefore(),
                t.gasUsedAfter(),
                percentChange(BigInteger.valueOf(t.gasUsedBefore()), BigInteger.valueOf(t.gasUsedAfter())),
                fil(t.totalFeeBefore()),
                fil(t.totalFeeAfter()),
                percentChange(t.totalFeeBefore(), t.totalFeeAfter()),
                failed);
    }

    /** attoFIL as FIL, exactly (18 decimals at most, trailing zeros dropped). */
    private static String fil(BigInteger atto) {
        return new BigDecimal(atto, 18).stripTrailingZeros().toPlainString();
    }

    private static String percentChange(BigInteger before, BigInteger after) {
        if (before.signum() == 0) {
            return after.signum() == 0 ? "+0.00%" : "from 0";
        }
        double change = new BigDecimal(after.subtract(before))
                .divide(new BigDecimal(before), MathContext.DECIMAL64)
                .doubleValue();
        return String.format(Locale.ROOT, "%+.2f%%", 100 * change);
    }

    /**
     * {@code --tables}, else every table but {@code repricing}, which is added when the run reprices (asking for it
     * without prices fails in {@link ReplayJobConfig}).
     */
    private List<String> tables(boolean repricing) {
        List<String> selected = new ArrayList<>(tables != null ? tables : Tables.replayNames());
        if (repricing && !selected.contains(Tables.REPRICING.name())) {
            selected.add(Tables.REPRICING.name());
        }
        return selected;
    }

    /** The bundle folder: {@code --actors}, else an {@code actors} folder of archives beside a parent of the network file. */
    private Optional<Path> actors(Optional<Path> network) {
        if (actorsDir != null) {
            if (!Files.isDirectory(actorsDir)) {
                throw new ReplayJobException("--actors " + actorsDir + ": no such directory");
            }
            return Optional.of(actorsDir.toAbsolutePath().normalize());
        }
        if (network.isEmpty()) {
            return Optional.empty();
        }
        return ActorBundles.folderNear(network.get());
    }

    /**
     * Progress from the output folder's chunk manifests, polled: it works the same whether the tasks run in this JVM or on a
     * cluster that writes to a folder this machine reads. A bar on a terminal, else a line every 15 seconds.
     */
    private static final class Progress implements AutoCloseable {
        private final Thread poller;
        private volatile boolean stopped;

        Progress(ReplayJob job, int total, boolean disabled) {
            int already = tipsets(job);
            ProgressBar bar = disabled || !ConformanceCommand.stderrIsTerminal()
                    ? null
                    : new ProgressBarBuilder()
                            .setTaskName("tipsets")
                            .setInitialMax(total)
                            .setUnit(" tipsets", 1)
                            .showSpeed()
                            .setUpdateIntervalMillis(500)
                            .startsFrom(already, java.time.Duration.ZERO)
                            .setConsumer(new ConsoleProgressBarConsumer(
                                    new PrintStream(System.err, true, StandardCharsets.UTF_8)))
                            .build();
            long started = System.nanoTime();
            poller = new Thread(
                    () -> {
                        long lastLine = System.nanoTime();
                        while (!stopped) {
                            try {
                                Thread.sleep(500);
                            } catch (InterruptedException e) {
                                break;
                            }
                            int done = tipsets(job);
                            if (bar != null) {
                                bar.stepTo(done);
                            } else if (!disabled && System.nanoTime() - lastLine > 15_000_000_000L) {
                                lastLine = System.nanoTime();
                                double rate = (done - already) / ((System.nanoTime() - started) / 1e9);
                                System.err.printf(
                                        "%d/%d tipsets, %.2f tipsets/s, ETA %s%n",
                                        done,
                                        total,
                                        rate,
                                        rate > 0
                                                ? java.time.Duration.ofSeconds((long) ((total - done) / rate))
                                                        .toString()
                                                        .substring(2)
                                                        .toLowerCase()
                                                : "unknown");
                            }
                        }
                        if (bar != null) {
                            bar.stepTo(tipsets(job));
                            bar.close();
                        }
                    },
                    "replay-progress");
            poller.setDaemon(true);
            poller.start();
        }

        private static int tipsets(ReplayJob job) {
            try {
                return job.finishedChunks().stream()
                        .mapToInt(m -> m.tipsets().size())
                        .sum();
            } catch (RuntimeException e) {
                return 0;
            }
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            poller.interrupt();
            poller.join(2000);
        }
    }
}
