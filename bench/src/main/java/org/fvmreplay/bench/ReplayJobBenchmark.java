package org.fvmreplay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.fvmreplay.analytics.output.ChunkManifest;
import org.fvmreplay.analytics.schema.Tables;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.block.TipsetKey;
import org.fvmreplay.chain.execution.ActorBundles;
import org.fvmreplay.chain.execution.ActorManifestMigrations;
import org.fvmreplay.chain.execution.ReplayStatus;
import org.fvmreplay.chain.execution.TipsetExecutor;
import org.fvmreplay.chain.execution.TipsetReplay;
import org.fvmreplay.chain.execution.TipsetReport;
import org.fvmreplay.chain.network.ActorManifests;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.chain.store.ChainStore;
import org.fvmreplay.fvm.engine.CompiledModule;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.HostFunctions;
import org.fvmreplay.fvm.engine.MemoryLimiter;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.WasmEngines;
import org.fvmreplay.fvm.engine.WasmInstance;
import org.fvmreplay.fvm.gas.Repricing;
import org.fvmreplay.importer.ImportListener;
import org.fvmreplay.importer.ImportOptions;
import org.fvmreplay.importer.ImportResult;
import org.fvmreplay.importer.SnapshotImporter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.job.ReplayJob;
import org.fvmreplay.job.ReplayJobConfig;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.TipsetEntry;

/**
 * Throughput of the Flink replay job ({@link ReplayJob}) against a single-thread replay of the same chain, and what each
 * Parquet table costs. Not part of the build's tests; see {@code bench/README.md}.
 *
 * <p>Usage: {@code ReplayJobBenchmark [--chains devnet-a,devnet-c] [--engine chicory|wasmtime] [--repeat N] [--chunk-epochs N]
 * [--dir DIR] [--to EPOCH] [--warmup-epochs N] [--each-table] [--price-nv N]}
 *
 * <p>Every measured run happens in this one JVM, after a warm-up pass (a short baseline and a short job, discarded), and
 * every run builds its own executor, so each figure includes instrumenting and compiling the actors it uses (and the JIT
 * of the classes Chicory generates for them), exactly once, as a fresh {@code fvm-replay replay} or {@code job} command
 * pays it; what no figure includes is JVM start-up and the JIT of the replay, Flink and Parquet code itself. Same JVM
 * rather than a child JVM per run: with a child JVM, start-up and cold JIT of Flink (seconds on a loaded machine) would
 * weigh differently on the baseline and the job, and the ratio would measure class loading rather than replay.
 */
public final class ReplayJobBenchmark {
    /** The label of the job that writes every table and reprices every tipset under {@code --price-nv}. */
    private static final String REPRICED = "all+repricing";

    private static final String USAGE =
            "usage: ReplayJobBenchmark [--chains devnet-a,devnet-c] [--engine chicory|wasmtime] [--repeat N] [--chunk-epochs N]"
                    + " [--dir DIR] [--to EPOCH] [--warmup-epochs N] [--each-table] [--price-nv N]";

    private ReplayJobBenchmark() {}

    /** The command line, with every default made explicit so that the printed command reproduces the run. */
    private record Options(
            List<String> chains,
            String engine,
            int repeat,
            int chunkEpochs,
            Path dir,
            Optional<Long> to,
            int warmupEpochs,
            boolean eachTable,
            int priceNetworkVersion) {
        String command() {
            return "java -Dfvmreplay.shared=" + System.getProperty("fvmreplay.shared", "../shared")
                    + " -cp bench/target/benchmarks.jar "
                    + ReplayJobBenchmark.class.getName() + " --chains " + String.join(",", chains) + " --engine "
                    + engine + " --repeat " + repeat
                    + " --chunk-epochs " + chunkEpochs + " --dir " + dir
                    + to.map(t -> " --to " + t).orElse("") + " --warmup-epochs " + warmupEpochs
                    + (eachTable ? " --each-table" : "") + " --price-nv " + priceNetworkVersion;
        }
    }

    /** An imported chain and the epochs replayed: every tipset from genesis's child to the last whose child is in the store. */
    private record Chain(
            String name, Path store, Path network, Optional<Path> actors, long firstEpoch, long lastEpoch) {}

    /** What one run did: its wall time, the CPU time of this whole process, the mean load average while it ran, and its result. */
    private record Run(
            double seconds,
            double cpuSeconds,
            double loadAverage,
            int tipsets,
            long messages,
            Map<String, Integer> statuses,
            double compileSeconds) {}

    /** One measured configuration of one chain and its runs. */
    private static final class Measurement {
        final String chain;
        final String name;
        final int slots;
        final String tables;
        final List<Run> runs = new ArrayList<>();

        Measurement(String chain, String name, int slots, String tables) {
            this.chain = chain;
            this.name = name;
            this.slots = slots;
            this.tables = tables;
        }

        /** The median run by wall time (the lower middle one for an even count: the runs are few and disturbed upwards). */
        Run median() {
            List<Run> sorted = runs.stream()
                    .sorted(Comparator.comparingDouble(Run::seconds))
                    .toList();
            return sorted.get((sorted.size() - 1) / 2);
        }

        double min() {
            return runs.stream().mapToDouble(Run::seconds).min().orElseThrow();
        }

        double max() {
            return runs.stream().mapToDouble(Run::seconds).max().orElseThrow();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Path shared = Path.of(System.getProperty("fvmreplay.shared", "../shared"));
        Files.createDirectories(options.dir());
        int cores = Runtime.getRuntime().availableProcessors();
        // 1, 2 and every core; on a machine of one or two cores the last is one of the first two
        List<Integer> slotCounts =
                new LinkedHashSet<>(List.of(1, 2, cores)).stream().sorted().toList();
        List<Chain> chains = new ArrayList<>();
        for (String name : options.chains()) {
            chains.add(importChain(shared, name, options));
        }

        if (options.warmupEpochs() > 0) {
            // once per JVM: what it warms (class loading, the JIT of the replay, Flink and Parquet code) is shared by
            // every chain
            Chain first = chains.get(0);
            Chain warm = new Chain(
                    first.name(),
                    first.store(),
                    first.network(),
                    first.actors(),
                    first.firstEpoch(),
                    Math.min(first.lastEpoch(), first.firstEpoch() + options.warmupEpochs() - 1));
            System.out.printf(
                    Locale.ROOT,
                    "warm-up (discarded): %s epochs %d..%d%n",
                    warm.name(),
                    warm.firstEpoch(),
                    warm.lastEpoch());
            report("  warm-up baseline", baseline(warm, options.engine()));
            report(
                    "  warm-up job, all tables, " + cores + " slot(s)",
                    job(warm, options, cores, Tables.replayNames(), "warmup"));
        }

        List<Measurement> results = new ArrayList<>();
        for (Chain chain : chains) {
            Measurement baseline = new Measurement(chain.name(), "baseline (replay, 1 thread)", 1, "none");
            List<Measurement> all = new ArrayList<>();
            List<Measurement> tablesOnly = new ArrayList<>();
            Map<Measurement, List<String>> jobs = new LinkedHashMap<>();
            for (int slots : slotCounts) {
                Measurement m = new Measurement(chain.name(), "job", slots, "all");
                all.add(m);
                jobs.put(m, Tables.replayNames());
            }
            Measurement repriced = new Measurement(chain.name(), "job", cores, REPRICED);
            List<String> withRepricing = new ArrayList<>(Tables.replayNames());
            withRepricing.add(Tables.REPRICING.name());
            jobs.put(repriced, withRepricing);
            tablesOnly.add(repriced);
            List<String> alone = options.eachTable() ? Tables.replayNames() : List.of("tipsets");
            for (String table : alone) {
                Measurement m = new Measurement(chain.name(), "job", cores, table);
                tablesOnly.add(m);
                jobs.put(m, List.of(table));
            }
            // rounds rather than one configuration's repeats in a row: a slow spell on a shared machine then hits every
            // configuration alike
            for (int round = 1; round <= options.repeat(); round++) {
                System.out.printf(
                        Locale.ROOT,
                        "%s, round %d of %d: epochs %d..%d%n",
                        chain.name(),
                        round,
                        options.repeat(),
                        chain.firstEpoch(),
                        chain.lastEpoch());
                baseline.runs.add(report("  baseline", baseline(chain, options.engine())));
                for (Map.Entry<Measurement, List<String>> e : jobs.entrySet()) {
                    Measurement m = e.getKey();
                    m.runs.add(report(
                            "  job, tables " + m.tables + ", " + m.slots + " slot(s)",
                            job(chain, options, m.slots, e.getValue(), "round-" + round)));
                }
            }
            results.add(baseline);
            results.addAll(all);
            results.addAll(tablesOnly);
            check(baseline, jobs.keySet());
        }
        String markdown = markdown(options, results, cores);
        System.out.println();
        System.out.print(markdown);
        Path saved = options.dir().resolve("replay-job-" + LocalDate.now() + ".md");
        Files.writeString(saved, markdown, StandardCharsets.UTF_8);
        System.out.println("(also written to " + saved + ")");
    }

    private static Options parse(String[] args) {
        List<String> chains = List.of("devnet-a", "devnet-c");
        String engine = WasmEngines.defaultName();
        int repeat = 1;
        int chunkEpochs = 50; // the job command's default
        Path dir = Path.of("bench/results");
        Optional<Long> to = Optional.empty();
        int warmupEpochs = 100;
        boolean eachTable = false;
        int priceNetworkVersion = 21;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--chains" -> chains = List.of(args[++i].split(","));
                    case "--engine" -> engine = args[++i];
                    case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                    case "--chunk-epochs" -> chunkEpochs = Integer.parseInt(args[++i]);
                    case "--dir" -> dir = Path.of(args[++i]);
                    case "--to" -> to = Optional.of(Long.parseLong(args[++i]));
                    case "--warmup-epochs" -> warmupEpochs = Integer.parseInt(args[++i]);
                    case "--each-table" -> eachTable = true;
                    case "--price-nv" -> priceNetworkVersion = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        if (!WasmEngines.NAMES.contains(engine) || repeat < 1 || chunkEpochs < 1 || warmupEpochs < 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        return new Options(chains, engine, repeat, chunkEpochs, dir, to, warmupEpochs, eachTable, priceNetworkVersion);
    }

    /** Imports a shared chain into {@code DIR/stores/NAME} unless already there (not timed: the import is another benchmark). */
    private static Chain importChain(Path shared, String name, Options options) {
        Path folder = shared.resolve("chains").resolve(name);
        Path car = folder.resolve("chain.car.zst");
        Path network = folder.resolve("manifest.json");
        if (!Files.isRegularFile(car) || !Files.isRegularFile(network)) {
            throw new IllegalArgumentException(
                    folder + ": not a chain folder (expected chain.car.zst and manifest.json)");
        }
        Path store =
                options.dir().resolve("stores").resolve(name).toAbsolutePath().normalize();
        long first;
        long last;
        try {
            Files.createDirectories(store.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (SnapshotStore opened = SnapshotStore.open(store)) {
            ImportResult result =
                    new SnapshotImporter(opened, ImportOptions.defaults()).importFile(car, ImportListener.NONE);
            List<TipsetEntry> index = opened.chainIndex().range(0, Long.MAX_VALUE);
            System.out.printf(
                    Locale.ROOT,
                    "%s: %s in %s (%,d blocks, %d tipsets indexed)%n",
                    name,
                    result.outcome() == ImportResult.Outcome.ALREADY_COMPLETE ? "already imported" : "imported",
                    store,
                    result.record().blockCount(),
                    index.size());
            first = index.get(0).epoch();
            // as the job command does: the head has no child in the store, so its replay cannot be checked
            last = index.size() > 1 ? index.get(index.size() - 2).epoch() : first;
        }
        if (options.to().isPresent()) {
            last = Math.min(last, options.to().get());
        }
        Path actors = shared.resolve("actors");
        return new Chain(
                name,
                store,
                network.toAbsolutePath().normalize(),
                Files.isDirectory(actors) ? Optional.of(actors.toAbsolutePath().normalize()) : Optional.empty(),
                first,
                last);
    }

    /**
     * The single-thread replay as {@code fvm-replay replay} runs it (its code, without the output): a fresh store handle
     * and executor, every tipset from its parent state checked against its child, no tracing, nothing written. Timed from
     * opening the store to closing it, as the job is timed from planning to its last commit.
     */
    private static Run baseline(Chain chain, String engineName) {
        Sampler sampler = Sampler.start();
        Map<String, Integer> statuses = new TreeMap<>();
        int tipsets = 0;
        long messages = 0;
        TimedEngine engine;
        try (SnapshotStore opened = SnapshotStore.openReadOnly(chain.store())) {
            ChainStore store = new ChainStore(opened.blocks());
            NetworkConfig network = NetworkConfig.read(chain.network());
            Map<Integer, Cid> manifests = ActorManifests.read(chain.network());
            engine = new TimedEngine(WasmEngines.create(engineName, EngineConfig.reference(), Optional.empty()));
            try (engine) {
                TipsetReplay replay = new TipsetReplay(
                        store,
                        new TipsetExecutor(
                                store,
                                network,
                                engine,
                                new ActorManifestMigrations(
                                        manifests, chain.actors().map(ActorBundles::new))));
                List<TipsetEntry> selected =
                        opened.chainIndex().range(Math.max(1, chain.firstEpoch()), chain.lastEpoch());
                Map<ReplayStatus, Integer> counts = new EnumMap<>(ReplayStatus.class);
                for (int i = 0; i < selected.size(); i++) {
                    TipsetEntry entry = selected.get(i);
                    Optional<TipsetEntry> next = i + 1 < selected.size()
                            ? Optional.of(selected.get(i + 1))
                            : opened.chainIndex().nextAfter(entry.epoch());
                    tipsets++;
                    if (next.isEmpty()) {
                        counts.merge(ReplayStatus.MISSING_STATE, 1, Integer::sum);
                        continue;
                    }
                    Tipset tipset = store.tipset(new TipsetKey(entry.key()));
                    TipsetReport report = replay.replay(
                            tipset, store.tipset(new TipsetKey(next.get().key())));
                    counts.merge(report.status(), 1, Integer::sum);
                    messages += report.messages();
                }
                counts.forEach((status, n) -> statuses.put(status.name(), n));
            }
        }
        return sampler.stop(tipsets, messages, statuses, engine.compileNanos.get() / 1e9);
    }

    /**
     * One run of the replay job on this JVM's mini-cluster into a fresh output folder (a folder that holds this run's
     * chunks already would make it skip them), deleted afterwards. Timed from planning to the last chunk's commit, as
     * {@code fvm-replay job} runs it. Its messages are counted from the baseline: the job writes rows, not a count of
     * explicit messages.
     */
    private static Run job(Chain chain, Options options, int slots, List<String> tables, String label)
            throws Exception {
        Path out = options.dir()
                .resolve("out")
                .resolve(chain.name())
                .resolve(label + "-" + slots + "-slots-" + String.join("+", tables))
                .toAbsolutePath();
        deleteRecursively(out);
        ReplayJobConfig config = new ReplayJobConfig(
                chain.store().toString(),
                chain.firstEpoch(),
                chain.lastEpoch(),
                Optional.of(chain.network().toString()),
                chain.actors().map(Path::toString),
                options.engine(),
                options.chunkEpochs(),
                slots,
                tables,
                out.toString(),
                tables.contains(Tables.REPRICING.name())
                        ? Optional.of(Repricing.networkVersion(options.priceNetworkVersion()))
                        : Optional.empty(),
                Optional.empty(),
                SnapshotStore.DEFAULT_BLOCK_CACHE_BYTES);
        Sampler sampler = Sampler.start();
        ReplayJob job = new ReplayJob(config);
        ReplayJob.Plan plan = job.plan();
        if (!plan.finished().isEmpty()) {
            throw new IllegalStateException(out + " already held chunks: the run would skip them");
        }
        job.execute(plan);
        Run run = sampler.stop(plan.tipsets(), -1, Map.of(), Double.NaN);
        Map<String, Integer> statuses = new TreeMap<>();
        int tipsets = 0;
        for (ChunkManifest m : job.finishedChunks()) {
            for (ChunkManifest.TipsetRoots t : m.tipsets()) {
                statuses.merge(t.status(), 1, Integer::sum);
                tipsets++;
            }
        }
        deleteRecursively(out);
        return new Run(run.seconds(), run.cpuSeconds(), run.loadAverage(), tipsets, -1, statuses, Double.NaN);
    }

    private static Run report(String name, Run run) {
        System.out.printf(
                Locale.ROOT,
                "%-42s %8.1f s  %8.1f CPU s  load %5.2f  %d tipsets %s%s%n",
                name,
                run.seconds(),
                run.cpuSeconds(),
                run.loadAverage(),
                run.tipsets(),
                run.statuses(),
                Double.isNaN(run.compileSeconds())
                        ? ""
                        : String.format(Locale.ROOT, "  actor compilation %.1f s", run.compileSeconds()));
        System.out.flush();
        return run;
    }

    /** The job must have replayed what the baseline did, with the same outcome: a faster wrong answer is not a result. */
    private static void check(Measurement baseline, Iterable<Measurement> jobs) {
        Map<String, Integer> expected = baseline.runs.get(0).statuses();
        for (Measurement m : jobs) {
            for (Run r : m.runs) {
                if (!r.statuses().equals(expected)) {
                    System.out.printf(
                            Locale.ROOT,
                            "WARNING %s: job (tables %s, %d slots) gave %s, the baseline %s%n",
                            m.chain,
                            m.tables,
                            m.slots,
                            r.statuses(),
                            expected);
                }
            }
        }
    }

    private static String markdown(Options options, List<Measurement> results, int cores) {
        StringBuilder b = new StringBuilder();
        Runtime rt = Runtime.getRuntime();
        b.append(String.format(
                Locale.ROOT,
                "Replay job vs single-thread replay, %s, engine %s, %d epochs per chunk, %d cores, Java %s, max heap %d MiB, "
                        + "%d run(s) per figure (median; min-max in brackets when more than one).%n%n",
                LocalDate.now(),
                options.engine(),
                options.chunkEpochs(),
                cores,
                System.getProperty("java.version"),
                rt.maxMemory() >> 20,
                options.repeat()));
        b.append(
                "| chain | run | tables | slots | tipsets | seconds | CPU s | tipsets/s | messages/s | vs baseline | vs job 1 slot | load |\n");
        b.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Measurement m : results) {
            if (!m.tables.equals("all") && !m.tables.equals("none")) {
                continue;
            }
            Measurement baseline = find(results, m.chain, "none", 1);
            Measurement single = find(results, m.chain, "all", 1);
            Run r = m.median();
            long messages = baseline.median().messages();
            boolean isJob = !m.tables.equals("none");
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %d | %d | %s | %.1f | %.2f | %.2f | %s | %s | %.1f |%n",
                    m.chain,
                    m.name,
                    m.tables,
                    m.slots,
                    r.tipsets(),
                    seconds(m),
                    r.cpuSeconds(),
                    r.tipsets() / r.seconds(),
                    messages / r.seconds(),
                    isJob ? String.format(Locale.ROOT, "%.2f", baseline.median().seconds() / r.seconds()) : "1.00",
                    isJob ? String.format(Locale.ROOT, "%.2f", single.median().seconds() / r.seconds()) : "",
                    r.loadAverage()));
        }
        b.append(String.format(
                Locale.ROOT,
                "%nCost of tables: the job at %d slots, time relative to writing `tipsets` only (> 1 means slower).%n%n",
                cores));
        b.append("| chain | tables | slots | seconds | CPU s | vs tipsets only | load |\n");
        b.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Measurement m : results) {
            if (m.tables.equals("none") || m.tables.equals("all") && m.slots != cores) {
                continue;
            }
            Measurement tipsetsOnly = find(results, m.chain, "tipsets", cores);
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %s | %.1f | %.2f | %.1f |%n",
                    m.chain,
                    m.tables,
                    m.slots,
                    seconds(m),
                    m.median().cpuSeconds(),
                    m.median().seconds() / tipsetsOnly.median().seconds(),
                    m.median().loadAverage()));
        }
        b.append(String.format(
                Locale.ROOT,
                "%nCost of repricing: the job writing every table and replaying each tipset a second time under the prices of "
                        + "network version %d (`--price-nv %d`), time relative to the same job without repricing.%n%n",
                options.priceNetworkVersion(),
                options.priceNetworkVersion()));
        b.append("| chain | slots | seconds without | seconds with | with / without | load |\n");
        b.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Measurement m : results) {
            if (!m.tables.equals(REPRICED)) {
                continue;
            }
            Measurement without = find(results, m.chain, "all", cores);
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %s | %s | %.2f | %.1f |%n",
                    m.chain,
                    m.slots,
                    seconds(without),
                    seconds(m),
                    m.median().seconds() / without.median().seconds(),
                    m.median().loadAverage()));
        }
        b.append(String.format(Locale.ROOT, "%nReproduce: `%s`%n%n", options.command()));
        b.append("What the figures include: every run is in one JVM after a discarded warm-up pass (")
                .append(
                        options.warmupEpochs() > 0
                                ? options.warmupEpochs() + " epochs of the first chain, baseline and job"
                                : "none: `--warmup-epochs 0`")
                .append(
                        "), so JVM start-up and the JIT of the replay, Flink and Parquet code are outside every figure; every run builds its own store handle ")
                .append(
                        "and executor, so instrumenting and compiling the actors (once per network version, as `fvm-replay` does) and the JIT of their generated ")
                .append(
                        "code are inside every figure, baseline and job alike. Baseline: opening the store to closing it, every tipset replayed and checked ")
                .append(
                        "against its child, no tracing, nothing written. Job: planning to the last chunk's commit, including the start and stop of the ")
                .append(
                        "embedded mini-cluster, tracing (when a table other than `tipsets` is selected) and writing Parquet. messages/s counts the explicit ")
                .append(
                        "messages the baseline replayed, for the job too. Actor compilation (the engine's `compile`, without instrumentation) took ");
        List<String> compiles = new ArrayList<>();
        for (Measurement m : results) {
            if (m.tables.equals("none")) {
                compiles.add(String.format(
                        Locale.ROOT, "%.1f s of the baseline on %s", m.median().compileSeconds(), m.chain));
            }
        }
        b.append(String.join(", ", compiles))
                .append(" (the job compiles the same modules once per run too). CPU s is this process's CPU time ")
                .append(
                        "(all threads, GC included); load is the mean 1-minute load average sampled during the run: compare runs at a similar load only.\n");
        return b.toString();
    }

    private static String seconds(Measurement m) {
        return m.runs.size() == 1
                ? String.format(Locale.ROOT, "%.1f", m.median().seconds())
                : String.format(Locale.ROOT, "%.1f (%.1f-%.1f)", m.median().seconds(), m.min(), m.max());
    }

    private static Measurement find(List<Measurement> results, String chain, String tables, int slots) {
        return results.stream()
                .filter(m -> m.chain.equals(chain) && m.tables.equals(tables) && m.slots == slots)
                .findFirst()
                .orElseThrow();
    }

    /** Wall time, process CPU time and the load average (sampled every 5 s: a run's last minute alone would misstate a long run) of one run. */
    private static final class Sampler {
        private final long startNanos = System.nanoTime();
        private final long startCpu = processCpuNanos();
        private final List<Double> loads = new ArrayList<>();
        private final Thread thread;

        private Sampler() {
            thread = new Thread(
                    () -> {
                        while (!Thread.currentThread().isInterrupted()) {
                            synchronized (loads) {
                                loads.add(ManagementFactory.getOperatingSystemMXBean()
                                        .getSystemLoadAverage());
                            }
                            try {
                                Thread.sleep(5000);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "load-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        static Sampler start() {
            return new Sampler();
        }

        Run stop(int tipsets, long messages, Map<String, Integer> statuses, double compileSeconds) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double cpu = (processCpuNanos() - startCpu) / 1e9;
            thread.interrupt();
            double load;
            synchronized (loads) {
                loads.add(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                load = loads.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            }
            return new Run(seconds, cpu, load, tipsets, messages, statuses, compileSeconds);
        }

        private static long processCpuNanos() {
            return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    ? os.getProcessCpuTime()
                    : 0;
        }
    }

    /** An engine that adds up the time its delegate spends compiling modules. */
    private static final class TimedEngine implements WasmEngine {
        private final WasmEngine delegate;
        final AtomicLong compileNanos = new AtomicLong();

        TimedEngine(WasmEngine delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public EngineConfig config() {
            return delegate.config();
        }

        @Override
        public CompiledModule compile(Cid codeCid, byte[] instrumentedWasm) {
            long start = System.nanoTime();
            try {
                return delegate.compile(codeCid, instrumentedWasm);
            } finally {
                compileNanos.addAndGet(System.nanoTime() - start);
            }
        }

        @Override
        public WasmInstance instantiate(
                CompiledModule module, HostFunctions hostFunctions, MemoryLimiter memoryLimiter) {
            return delegate.instantiate(module, hostFunctions, memoryLimiter);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
