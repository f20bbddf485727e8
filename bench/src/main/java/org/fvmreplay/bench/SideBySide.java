package org.fvmreplay.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Our conformance runs and chain replays side by side with the reference implementation's conformance runner, each run
 * a separate process pinned to the same CPUs, interleaved round by round. Prints CPU and wall medians, the per-message
 * cost at steady state, the one-time cost (compile, warm-up), peak RSS and, with a reference, each as a ratio to it.
 * Not part of the build's tests; see {@code bench/README.md}.
 *
 * <p>The per-message cost at steady state comes from two runs of the same process over the vector set repeated a
 * different number of times in one process (default once and three times): the difference in CPU time divided by the
 * messages of the extra passes. The one-time cost is what is left of the single pass. CPU time is the user and system
 * time of the process and its children as the shell's {@code times} reports them; peak RSS is the highest VmHWM of the
 * process tree, sampled every 20 ms.
 */
@Command(
        name = "SideBySide",
        mixinStandardHelpOptions = true,
        description = "Times our conformance runs and chain replays against the reference conformance runner.")
public final class SideBySide implements Callable<Integer> {
    /** The reference runner skips these: it treats every PoSt as valid, so the disputes' "Ok" cases cannot pass. */
    private static final String REFERENCE_SKIPS = "/DisputeWindowedPoSt/Ok/";

    private static final Pattern REFERENCE_RESULT =
            Pattern.compile("conformance tests result: (\\d+)/(\\d+) tests passed \\((\\d+) skipped\\)");
    private static final Pattern OUR_RESULT = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed, (\\d+) skipped$");
    private static final Pattern REPLAY_RESULT =
            Pattern.compile("replayed (\\d+) tipsets \\((\\d+) messages\\) in ([0-9.]+) s");
    private static final Pattern REPLAY_COUNTS =
            Pattern.compile("(?m)^(\\d+) matched, (\\d+) mismatched, (\\d+) skipped$");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = "--reference",
            paramLabel = "FILE",
            description = "the reference conformance runner: the test binary of ref-fvm's testing/conformance "
                    + "('cargo test --release -p fvm_conformance_tests --test runner --no-run' prints its path); "
                    + "without it only our figures are printed")
    private Path reference;

    @Option(
            names = "--vectors",
            paramLabel = "DIR",
            defaultValue = "../shared/vectors/corpus/extracted/0002-hygge-01",
            description = "test vectors, every .json under DIR (default ${DEFAULT-VALUE}: network version 18, which "
                    + "ref-fvm's release/v3 runner runs)")
    private Path vectors;

    @Option(
            names = "--actors",
            paramLabel = "DIR",
            defaultValue = "../shared/actors",
            description = "actor bundles for our runs (default ${DEFAULT-VALUE})")
    private Path actors;

    @Option(
            names = "--engines",
            split = ",",
            defaultValue = "chicory,wasmtime",
            description =
                    "our engines to time (default ${DEFAULT-VALUE}); 'E+cache' runs engine E with --code-cache on "
                            + "a cache filled by an untimed run first")
    private List<String> engines;

    @Option(names = "--rounds", defaultValue = "3", description = "interleaved rounds (default ${DEFAULT-VALUE})")
    private int rounds;

    @Option(
            names = "--passes",
            split = ",",
            defaultValue = "1,3",
            description = "how many times the vector set is run in one process, two counts (default ${DEFAULT-VALUE})")
    private List<Integer> passes;

    @Option(
            names = "--cpus",
            paramLabel = "LIST",
            description = "CPUs every run is pinned to, as taskset takes them (default: the last CPU)")
    private String cpus;

    @Option(
            names = "--chains",
            split = ",",
            paramLabel = "DIR",
            defaultValue = "../shared/chains/devnet-a,../shared/chains/devnet-c",
            description = "chains to replay with each engine (default ${DEFAULT-VALUE}); 'none' for none")
    private List<String> chains;

    @Option(names = "--no-conformance", description = "time only the chain replays")
    private boolean noConformance;

    @Option(
            names = "--jar",
            paramLabel = "FILE",
            description = "the fvm-replay jar (default: replay-job/target/replay-job-*.jar)")
    private Path jar;

    @Option(
            names = "--java-opts",
            paramLabel = "OPTS",
            defaultValue = "",
            description = "JVM options for our runs, space separated (default: none, the JVM's default heap)")
    private String javaOpts;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            defaultValue = "bench/results/side-by-side",
            description = "work folder: vector copies, stores, code caches, results.tsv (default ${DEFAULT-VALUE})")
    private Path dir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SideBySide()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (passes.size() != 2 || passes.get(0) < 1 || passes.get(1) <= passes.get(0)) {
            throw new IllegalArgumentException("--passes takes two increasing counts, such as 1,3; got " + passes);
        }
        if (cpus == null) {
            cpus = Integer.toString(Runtime.getRuntime().availableProcessors() - 1);
        }
        Path ourJar = jar != null ? jar : findJar();
        Files.createDirectories(dir);
        Path results = dir.resolve("results.tsv");
        log("results: " + results.toAbsolutePath() + "; pinned to CPUs " + cpus);

        Optional<VectorSet> vectorSet = Optional.empty();
        if (!noConformance) {
            VectorSet prepared = VectorSet.prepare(vectors, dir.resolve("vectors"), passes);
            log("vectors: %d files, %d variants, %d messages (without %s, which the reference skips)"
                    .formatted(prepared.files(), prepared.variants(), prepared.messages(), REFERENCE_SKIPS));
            vectorSet = Optional.of(prepared);
        }
        List<Path> chainDirs = chains.equals(List.of("none"))
                ? List.of()
                : chains.stream().map(Path::of).toList();
        Map<Path, Path> stores = new LinkedHashMap<>();
        for (Path chain : chainDirs) {
            stores.put(chain, importChain(ourJar, chain));
        }

        List<Subject> subjects = new ArrayList<>();
        if (reference != null) {
            subjects.add(Subject.reference(reference));
        }
        for (String engine : engines) {
            subjects.add(Subject.ours(engine, ourJar, javaOpts, actors, dir.resolve("code-cache")));
        }
        // the reference replays no chain: without vectors to compare on, leave it out
        if (noConformance) {
            subjects.removeIf(Subject::isReference);
        }
        Optional<Path> firstChain = chainDirs.stream().findFirst();
        for (Subject subject : subjects) {
            subject.fillCache(vectorSet, firstChain, firstChain.map(stores::get), cpus);
        }

        if (vectorSet.isPresent()) {
            VectorSet set = vectorSet.get();
            List<Run> runs = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (Subject subject : subjects) {
                    for (int passCount : passes) {
                        Run run = subject.conformance(set, passCount, round, cpus);
                        log(run.describe());
                        runs.add(run);
                        append(results, run);
                    }
                }
            }
            System.out.println();
            System.out.print(conformanceTable(subjects, runs, set));
            System.out.flush();
        }

        List<ChainRun> chainRuns = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Path chain : chainDirs) {
                for (Subject subject : subjects) {
                    if (subject.isReference()) {
                        continue;
                    }
                    ChainRun run = subject.replay(chain, stores.get(chain), round, cpus);
                    log(run.describe());
                    chainRuns.add(run);
                }
            }
        }

        if (!chainRuns.isEmpty()) {
            System.out.println();
            System.out.print(chainTable(subjects, chainDirs, chainRuns));
        }
        return 0;
    }

    private Path importChain(Path ourJar, Path chain) throws IOException, InterruptedException {
        Path store = dir.resolve("stores").resolve(chain.getFileName().toString());
        Path done = store.resolve(".side-by-side-imported");
        if (Files.exists(done)) {
            return store;
        }
        deleteRecursively(store);
        log("importing " + chain + " into " + store + " (untimed)");
        List<String> command = new ArrayList<>(javaCommand(ourJar, javaOpts));
        command.addAll(List.of(
                "import",
                "--no-progress",
                "--store",
                store.toString(),
                chain.resolve("chain.car.zst").toString()));
        Measured m = Measured.run(command, Map.of(), null, dir.resolve("import.log"));
        if (m.exitCode() != 0) {
            throw new IllegalStateException("import of " + chain + " failed; see " + dir.resolve("import.log"));
        }
        Files.writeString(done, "");
        return store;
    }

    private static String conformanceTable(List<Subject> subjects, List<Run> runs, VectorSet set) {
        Map<String, Summary> summaries = new LinkedHashMap<>();
        for (Subject s : subjects) {
            summaries.put(
                    s.name(),
                    Summary.of(
                            runs.stream()
                                    .filter(r -> r.subject().equals(s.name()))
                                    .toList(),
                            set));
        }
        Optional<Summary> ref =
                subjects.stream().filter(Subject::isReference).findFirst().map(s -> summaries.get(s.name()));
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "conformance: %d vectors, %d messages a pass; medians of %d rounds%n",
                set.files(),
                set.messages(),
                summaries.values().iterator().next().rounds()));
        out.append("| figure | ").append(String.join(" | ", summaries.keySet())).append(" |\n");
        out.append("| --- |").append(" ---: |".repeat(summaries.size())).append('\n');
        row(out, "whole run, 1 pass, CPU s", summaries, ref, Summary::onePassCpu, "%.1f");
        row(out, "whole run, 1 pass, wall s", summaries, ref, Summary::onePassWall, "%.1f");
        row(out, "per message at steady state, CPU ms", summaries, ref, s -> s.marginalCpu() * 1e3, "%.2f");
        row(out, "one-time cost, CPU s", summaries, ref, Summary::oneTimeCpu, "%.1f");
        row(out, "peak RSS, MiB", summaries, ref, s -> s.peakRssKib() / 1024.0, "%.0f");
        return out.toString();
    }

    private static void row(
            StringBuilder out,
            String figure,
            Map<String, Summary> summaries,
            Optional<Summary> ref,
            ToDoubleFunction<Summary> value,
            String format) {
        out.append("| ").append(figure).append(" |");
        for (Summary s : summaries.values()) {
            double v = value.applyAsDouble(s);
            out.append(' ').append(String.format(Locale.ROOT, format, v));
            if (ref.isPresent() && ref.get() != s) {
                out.append(String.format(Locale.ROOT, " (%.2f×)", v / value.applyAsDouble(ref.get())));
            }
            out.append(" |");
        }
        out.append('\n');
    }

    private static String chainTable(List<Subject> subjects, List<Path> chains, List<ChainRun> runs) {
        StringBuilder out = new StringBuilder();
        out.append("chain replay (replay command, whole process); medians over rounds\n");
        out.append("| chain | engine | tipsets | messages | replay s | tipsets/s | messages/s | process CPU s | "
                + "process wall s | peak RSS MiB |\n");
        out.append("| --- | --- |" + " ---: |".repeat(8) + "\n");
        for (Path chain : chains) {
            for (Subject s : subjects) {
                List<ChainRun> mine = runs.stream()
                        .filter(r -> r.subject().equals(s.name()) && r.chain().equals(chain))
                        .toList();
                if (mine.isEmpty()) {
                    continue;
                }
                ChainRun first = mine.get(0);
                double replay = median(mine.stream().mapToDouble(ChainRun::replaySeconds));
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | %d | %.1f | %.2f | %.1f | %.1f | %.1f | %.0f |%n",
                        chain.getFileName(),
                        s.name(),
                        first.tipsets(),
                        first.messages(),
                        replay,
                        first.tipsets() / replay,
                        first.messages() / replay,
                        median(mine.stream().mapToDouble(r -> r.process().cpuSeconds())),
                        median(mine.stream().mapToDouble(r -> r.process().wallSeconds())),
                        mine.stream()
                                        .mapToLong(r -> r.process().peakRssKib())
                                        .max()
                                        .orElse(0)
                                / 1024.0));
            }
        }
        return out.toString();
    }

    static double median(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static Path findJar() throws IOException {
        Path target = Path.of("replay-job", "target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith("replay-job-")
                                && n.endsWith(".jar")
                                && !n.endsWith("-sources.jar")
                                && !n.endsWith("-tests.jar")
                                && !n.endsWith("-flink.jar");
                    })
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no replay-job jar in " + target + ": build first with ./mvnw -B -q -DskipTests package"));
        }
    }

    static List<String> javaCommand(Path jar, String javaOpts) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String opt : javaOpts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                command.add(opt);
            }
        }
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    private static void append(Path results, Run run) throws IOException {
        if (!Files.exists(results)) {
            Files.writeString(results, "time\tsubject\tround\tpasses\twall_s\tcpu_s\tpeak_rss_kib\n");
        }
        Files.writeString(
                results,
                String.format(
                        Locale.ROOT,
                        "%s\t%s\t%d\t%d\t%.3f\t%.3f\t%d%n",
                        LocalDateTime.now(),
                        run.subject(),
                        run.round(),
                        run.passes(),
                        run.process().wallSeconds(),
                        run.process().cpuSeconds(),
                        run.process().peakRssKib()),
                StandardOpenOption.APPEND);
    }

    private static void log(String line) {
        System.err.println("[" + LocalDateTime.now().withNano(0) + "] " + line);
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The vector set, copied once per pass count: {@code passes-K/pass-I/<name>/...} for I in 1..K. */
    record VectorSet(Map<Integer, Path> byPasses, int files, int variants, int messages) {
        VectorSet {
            byPasses = Map.copyOf(byPasses);
        }

        static VectorSet prepare(Path source, Path work, List<Integer> passCounts) throws IOException {
            if (!Files.isDirectory(source)) {
                throw new IllegalArgumentException("--vectors " + source + " is not a directory");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(p -> p.toString().endsWith(".json"))
                        .filter(p -> !p.toString().replace('\\', '/').contains(REFERENCE_SKIPS))
                        .sorted()
                        .toList();
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no test vectors under " + source);
            }
            int variants = 0;
            int messages = 0;
            for (Path file : files) {
                JsonNode vector = JSON.readTree(file.toFile());
                int fileVariants = Math.max(
                        1, vector.path("preconditions").path("variants").size());
                variants += fileVariants;
                messages += fileVariants * vector.path("apply_messages").size();
            }
            deleteRecursively(work);
            Map<Integer, Path> byPasses = new LinkedHashMap<>();
            String name = source.toAbsolutePath().normalize().getFileName().toString();
            for (int k : passCounts) {
                Path root = work.resolve("passes-" + k);
                for (int i = 1; i <= k; i++) {
                    Path pass = root.resolve("pass-" + i).resolve(name);
                    for (Path file : files) {
                        Path target = pass.resolve(source.relativize(file).toString());
                        Files.createDirectories(target.getParent());
                        Files.copy(file, target);
                    }
                }
                byPasses.put(k, root);
            }
            return new VectorSet(byPasses, files.size(), variants, messages);
        }

        Path root(int passes) {
            return requireNonNull(byPasses.get(passes), "no copy for " + passes + " passes");
        }
    }

    /** What is timed: the reference runner, or our command line with one engine. */
    record Subject(
            String name,
            boolean isReference,
            List<String> launcher,
            Optional<String> engine,
            Optional<Path> codeCache,
            Optional<Path> actors) {
        Subject {
            requireNonNull(name, "name is null");
            launcher = List.copyOf(launcher);
            requireNonNull(engine, "engine is null");
            requireNonNull(codeCache, "codeCache is null");
            requireNonNull(actors, "actors is null");
        }

        static Subject reference(Path runner) {
            if (!Files.isExecutable(runner)) {
                throw new IllegalArgumentException("--reference " + runner + " is not an executable file");
            }
            return new Subject(
                    "reference",
                    true,
                    List.of(runner.toAbsolutePath().toString(), "--nocapture"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }

        static Subject ours(String spec, Path jar, String javaOpts, Path actors, Path cacheRoot) {
            boolean cached = spec.endsWith("+cache");
            String engine = cached ? spec.substring(0, spec.length() - "+cache".length()) : spec;
            if (!engine.equals("chicory") && !engine.equals("wasmtime")) {
                throw new IllegalArgumentException("unknown engine '" + engine + "' in --engines: chicory or wasmtime");
            }
            return new Subject(
                    spec,
                    false,
                    javaCommand(jar, javaOpts),
                    Optional.of(engine),
                    cached ? Optional.of(cacheRoot.resolve(engine)) : Optional.empty(),
                    Optional.of(actors));
        }

        /**
         * An untimed run that fills this subject's code cache, so every timed run finds it filled: over the vectors, or
         * a replay of the first chain when only chains are timed.
         */
        void fillCache(Optional<VectorSet> set, Optional<Path> chain, Optional<Path> store, String cpus)
                throws IOException, InterruptedException {
            if (codeCache.isEmpty()) {
                return;
            }
            deleteRecursively(codeCache.get());
            log(name + ": filling the code cache " + codeCache.get() + " (untimed)");
            if (set.isPresent()) {
                conformance(set.get(), set.get().byPasses().keySet().iterator().next(), 0, cpus);
            } else if (chain.isPresent()) {
                replay(chain.get(), store.orElseThrow(), 0, cpus);
            }
        }

        Run conformance(VectorSet set, int passes, int round, String cpus) throws IOException, InterruptedException {
            Path root = set.root(passes);
            Path log = Files.createTempFile("side-by-side-", ".log");
            try {
                Measured m;
                if (isReference) {
                    m = Measured.run(
                            launcher,
                            Map.of("VECTOR", root.toString(), "TEST_VECTOR_PARALLELISM", "1", "NO_COLOR", "1"),
                            cpus,
                            log);
                } else {
                    List<String> c = ourCommand("conformance");
                    c.addAll(List.of("--actors", actors.orElseThrow().toString(), root.toString()));
                    m = Measured.run(c, Map.of(), cpus, log);
                }
                String output = ANSI.matcher(Files.readString(log, StandardCharsets.UTF_8))
                        .replaceAll("");
                checkAllPassed(output, set.variants() * passes, m.exitCode(), log);
                return new Run(name, round, passes, m);
            } finally {
                Files.deleteIfExists(log);
            }
        }

        /** Our command line for a subcommand, with this subject's engine and code cache. */
        private List<String> ourCommand(String subcommand) {
            List<String> c = new ArrayList<>(launcher);
            c.addAll(List.of(subcommand, "--no-progress", "--engine", engine.orElseThrow()));
            // without a cache of its own a subject must compile every time: the commands' default cache would hide it
            c.addAll(codeCache.map(d -> List.of("--code-cache", d.toString())).orElse(List.of("--no-code-cache")));
            return c;
        }

        private void checkAllPassed(String output, int expected, int exitCode, Path log) {
            Matcher m = (isReference ? REFERENCE_RESULT : OUR_RESULT).matcher(output);
            String tail = output.substring(Math.max(0, output.length() - 2000));
            if (!m.find()) {
                throw new IllegalStateException(
                        name + " printed no result line (exit code " + exitCode + "):\n" + tail);
            }
            int passed = Integer.parseInt(m.group(1));
            int failed = isReference ? Integer.parseInt(m.group(2)) - passed : Integer.parseInt(m.group(2));
            if (failed != 0 || passed != expected || exitCode != 0) {
                throw new IllegalStateException(String.format(
                        "%s: %d passed, %d failed, expected %d passed (exit code %d); timing a failing run means "
                                + "nothing:%n%s",
                        name, passed, failed, expected, exitCode, tail));
            }
        }

        ChainRun replay(Path chain, Path store, int round, String cpus) throws IOException, InterruptedException {
            long headEpoch = JSON.readTree(chain.resolve("manifest.json").toFile())
                    .path("head_epoch")
                    .asLong(-1);
            if (headEpoch < 1) {
                throw new IllegalStateException(chain.resolve("manifest.json") + " has no head_epoch");
            }
            List<String> c = ourCommand("replay");
            c.addAll(List.of(
                    "--store",
                    store.toString(),
                    "--network",
                    chain.resolve("manifest.json").toString(),
                    "--actors",
                    actors.orElseThrow().toString(),
                    "--from",
                    "1",
                    // the head's own messages have no receipts in the chain: its child is not there
                    "--to",
                    Long.toString(headEpoch - 1)));
            Path log = Files.createTempFile("side-by-side-", ".log");
            try {
                Measured m = Measured.run(c, Map.of(), cpus, log);
                String output = Files.readString(log, StandardCharsets.UTF_8);
                Matcher timing = REPLAY_RESULT.matcher(output);
                Matcher counts = REPLAY_COUNTS.matcher(output);
                if (!timing.find()
                        || !counts.find()
                        || m.exitCode() != 0
                        || !counts.group(2).equals("0")) {
                    throw new IllegalStateException(name + ": the replay of " + chain + " did not match (exit code "
                            + m.exitCode() + "):\n" + output.substring(Math.max(0, output.length() - 2000)));
                }
                return new ChainRun(
                        name,
                        chain,
                        round,
                        Integer.parseInt(timing.group(1)),
                        Long.parseLong(timing.group(2)),
                        Double.parseDouble(timing.group(3)),
                        m);
            } finally {
                Files.deleteIfExists(log);
            }
        }
    }

    /** One timed conformance process. */
    record Run(String subject, int round, int passes, Measured process) {
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%s, round %d, %d pass(es): %.1f s wall, %.1f s CPU, %.0f MiB peak RSS",
                    subject,
                    round,
                    passes,
                    process.wallSeconds(),
                    process.cpuSeconds(),
                    process.peakRssKib() / 1024.0);
        }
    }

    /** One timed replay process over a whole chain. */
    record ChainRun(
            String subject, Path chain, int round, int tipsets, long messages, double replaySeconds, Measured process) {
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%s, round %d, %s: %d tipsets, %d messages replayed in %.1f s; process %.1f s wall, %.1f s CPU, "
                            + "%.0f MiB peak RSS",
                    subject,
                    round,
                    chain.getFileName(),
                    tipsets,
                    messages,
                    replaySeconds,
                    process.wallSeconds(),
                    process.cpuSeconds(),
                    process.peakRssKib() / 1024.0);
        }
    }

    /** A subject's conformance figures, each the median over rounds. */
    record Summary(
            int rounds, double onePassCpu, double onePassWall, double marginalCpu, double oneTimeCpu, long peakRssKib) {
        static Summary of(List<Run> runs, VectorSet set) {
            List<Integer> counts = set.byPasses().keySet().stream().sorted().toList();
            int low = counts.get(0);
            int high = counts.get(1);
            Map<Integer, Map<Integer, Run>> byRound = new LinkedHashMap<>();
            for (Run r : runs) {
                byRound.computeIfAbsent(r.round(), k -> new LinkedHashMap<>()).put(r.passes(), r);
            }
            // one round's figures: CPU and wall of a single pass, CPU per message at steady state, one-time CPU
            record Round(double passCpu, double passWall, double marginalCpu, double oneTimeCpu) {}
            List<Round> perRound = new ArrayList<>();
            for (Map<Integer, Run> round : byRound.values()) {
                Run lo = round.get(low);
                Run hi = round.get(high);
                double marginal = (hi.process().cpuSeconds() - lo.process().cpuSeconds())
                        / ((double) (high - low) * set.messages());
                double oneTime = lo.process().cpuSeconds() - low * set.messages() * marginal;
                perRound.add(new Round(
                        lo.process().cpuSeconds() / low, lo.process().wallSeconds() / low, marginal, oneTime));
            }
            return new Summary(
                    perRound.size(),
                    median(perRound.stream().mapToDouble(Round::passCpu)),
                    median(perRound.stream().mapToDouble(Round::passWall)),
                    median(perRound.stream().mapToDouble(Round::marginalCpu)),
                    median(perRound.stream().mapToDouble(Round::oneTimeCpu)),
                    runs.stream().mapToLong(r -> r.process().peakRssKib()).max().orElse(0));
        }
    }

    /**
     * A finished process: wall time, CPU time (user + system of the process and its children) and peak resident set
     * size.
     */
    record Measured(int exitCode, double wallSeconds, double cpuSeconds, long peakRssKib) {
        private static final Pattern TIMES_LINE = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s");

        /**
         * Runs {@code command} through bash, pinned with taskset to {@code cpus} when given, output (both streams) to
         * {@code log}; the shell's {@code times} gives the children's CPU time exactly.
         */
        static Measured run(List<String> command, Map<String, String> env, String cpus, Path log)
                throws IOException, InterruptedException {
            Path times = Files.createTempFile("side-by-side-", ".times");
            try {
                List<String> shell = new ArrayList<>(
                        List.of("bash", "-c", "\"${@:2}\"; rc=$?; times > \"$1\"; exit $rc", "bash", times.toString()));
                if (cpus != null) {
                    shell.addAll(List.of("taskset", "-c", cpus));
                }
                shell.addAll(command);
                ProcessBuilder builder = new ProcessBuilder(shell).redirectErrorStream(true);
                builder.redirectOutput(log.toFile());
                builder.environment().putAll(env);
                long start = System.nanoTime();
                Process process = builder.start();
                long peak = 0;
                while (!process.waitFor(20, TimeUnit.MILLISECONDS)) {
                    peak = Math.max(peak, highWaterMark(process.toHandle()));
                }
                double wall = (System.nanoTime() - start) / 1e9;
                List<String> lines = Files.readAllLines(times);
                if (lines.size() < 2) {
                    throw new IllegalStateException("no CPU times from " + command.get(0));
                }
                Matcher m = TIMES_LINE.matcher(lines.get(1));
                if (!m.find()) {
                    throw new IllegalStateException("unexpected 'times' output: " + lines);
                }
                double cpu = Integer.parseInt(m.group(1)) * 60
                        + Double.parseDouble(m.group(2))
                        + Integer.parseInt(m.group(3)) * 60
                        + Double.parseDouble(m.group(4));
                return new Measured(process.exitValue(), wall, cpu, peak);
            } finally {
                Files.deleteIfExists(times);
            }
        }

        /** The largest VmHWM (peak RSS, KiB) among the process's descendants. */
        private static long highWaterMark(ProcessHandle root) {
            return root.descendants()
                    .mapToLong(p -> {
                        try {
                            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
                                if (line.startsWith("VmHWM:")) {
                                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                                }
                            }
                        } catch (IOException | UncheckedIOException e) {
                            // the process ended between listing and reading: its last sample stands
                        }
                        return 0;
                    })
                    .max()
                    .orElse(0);
        }
    }
}
