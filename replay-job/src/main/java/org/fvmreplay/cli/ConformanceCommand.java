package org.fvmreplay.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.fvmreplay.conformance.ConformanceResult;
import org.fvmreplay.conformance.ConformanceRunner;
import org.fvmreplay.conformance.MessageOutcome;
import org.fvmreplay.conformance.ReportWriter;
import org.fvmreplay.conformance.RepricingReport;
import org.fvmreplay.conformance.TestVectorReader;
import org.fvmreplay.conformance.VariantReport;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.WasmEngines;
import org.fvmreplay.fvm.gas.Repricing;
import org.fvmreplay.fvm.trace.TraceWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code conformance PATH...}: runs every variant of every conformance vector under the paths and prints
 * {@code PASS|FAIL|SKIP id variant [reason]} per variant; with {@code --price-nv}/{@code --price-list} it reprices instead.
 */
@Command(
        name = "conformance",
        mixinStandardHelpOptions = true,
        description = {
            "Run Filecoin conformance test vectors (message class) and compare receipts and post-state roots.",
            "Prints PASS|FAIL|SKIP <vector id> <variant> [reason] per variant, then 'N passed, N failed, N skipped'.",
            "With --price-nv or --price-list, runs each variant under its own and under the other prices and prints",
            "REPRICED <vector id> <variant> before=G after=G delta=D [OUT_OF_GAS=i,...] instead."
        })
public final class ConformanceCommand implements Callable<Integer> {
    /** Exit code when a variant failed (or, repricing, could not be run). */
    public static final int EXIT_FAILED = 1;
    /** Show a progress bar from this many vector files on. */
    private static final int PROGRESS_MIN_FILES = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(
            arity = "1..*",
            paramLabel = "PATH",
            description = "Vector files (*.json) or folders searched for them.")
    private List<Path> paths;

    @Mixin
    private EngineOption engine = new EngineOption();

    @Option(
            names = "--report",
            paramLabel = "FILE.json",
            description = "Write a JSON report of every variant (expected vs actual receipts, gas, roots).")
    private Path report;

    @Option(
            names = "--trace-dir",
            paramLabel = "DIR",
            description = "Write one JSON Lines execution trace per variant into DIR.")
    private Path traceDir;

    @Mixin
    private RepricingOptions prices = new RepricingOptions();

    @Option(
            names = "--actors",
            paramLabel = "DIR",
            description =
                    "Actor bundles (v*.tar.zst); default: the 'actors' folder beside the nearest parent of PATH that has one.")
    private Path actors;

    @Mixin
    private CodeCacheOption codeCache = new CodeCacheOption();

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    private boolean noProgress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new ParameterException(spec.commandLine(), "no such file or directory: " + path);
            }
        }
        // vectors run FVM v2, v3 or v4: a file must fit one of them, and a variant of another generation fails alone
        Optional<Repricing> repricing = prices.parse(spec.commandLine(), List.of(17, 18, 21));
        Path actorsDir = actorsDirectory();
        if (traceDir != null) {
            try {
                Files.createDirectories(traceDir);
            } catch (IOException e) {
                throw new ParameterException(
                        spec.commandLine(), "cannot create --trace-dir " + traceDir + ": " + e.getMessage());
            }
        }
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            try {
                files.addAll(TestVectorReader.findVectorFiles(path));
            } catch (IOException | UncheckedIOException e) {
                err.println("error: cannot list vectors under " + path + ": " + e.getMessage());
                return EXIT_FAILED;
            }
        }
        WasmEngine wasm = newEngine();
        try (ProgressBar bar = progressBar(files.size())) {
            ConformanceRunner runner = new ConformanceRunner(actorsDir, wasm);
            TraceFiles traces = new TraceFiles(traceDir);
            return repricing.isPresent()
                    ? reprice(runner, files, repricing.get(), traces, bar, out, err)
                    : conform(runner, files, traces, bar, out, err);
        } finally {
            wasm.close();
        }
    }

    private int conform(
            ConformanceRunner runner,
            List<Path> files,
            TraceFiles traces,
            ProgressBar bar,
            PrintWriter out,
            PrintWriter err) {
        List<VariantReport> all = new ArrayList<>();
        for (Path file : files) {
            for (VariantReport variant : runner.runReports(file, traces.enabled())) {
                all.add(variant);
                out.println(variant.toResult().line());
                traces.write(variant, variant.messages(), err);
            }
            out.flush();
            step(bar);
        }
        long passed = all.stream()
                .filter(v -> v.status() == ConformanceResult.Status.PASS)
                .count();
        long failed = all.stream()
                .filter(v -> v.status() == ConformanceResult.Status.FAIL)
                .count();
        long skipped = all.stream()
                .filter(v -> v.status() == ConformanceResult.Status.SKIP)
                .count();
        if (report != null) {
            ReportWriter.writeConformance(report, engine.name(), all);
        }
        out.printf("%d passed, %d failed, %d skipped%n", passed, failed, skipped);
        out.flush();
        return failed == 0 ? 0 : EXIT_FAILED;
    }

    private int reprice(
            ConformanceRunner runner,
            List<Path> files,
            Repricing repricing,
            TraceFiles traces,
            ProgressBar bar,
            PrintWriter out,
            PrintWriter err) {
        List<RepricingReport> all = new ArrayList<>();
        for (Path file : files) {
            for (RepricingReport r : runner.reprice(file, repricing, traces.enabled())) {
                all.add(r);
                out.println(repricingLine(r));
                if (r.ran()) {
                    traces.write(r.after(), r.after().messages(), err);
                }
            }
            out.flush();
            step(bar);
        }
        List<RepricingReport> ran = all.stream().filter(RepricingReport::ran).toList();
        long skipped = all.stream()
                .filter(r -> !r.ran() && r.before().status() == ConformanceResult.Status.SKIP)
                .count();
        long errors = all.size() - ran.size() - skipped;
        long before = ran.stream().mapToLong(RepricingReport::gasBefore).sum();
        long after = ran.stream().mapToLong(RepricingReport::gasAfter).sum();
        long outOfGas = ran.stream().mapToLong(r -> r.newlyOutOfGas().size()).sum();
        if (report != null) {
            ReportWriter.writeRepricing(report, engine.name(), repricing.describe(), all);
        }
        out.printf(
                "%d repriced (%s), %d skipped, %d errors; gas before %d, after %d, delta %s; %d messages out of gas%n",
                ran.size(),
                repricing.describe(),
                skipped,
                errors,
                before,
                after,
                signedWithPercent(after - before, before),
                outOfGas);
        out.flush();
        return errors == 0 ? 0 : EXIT_FAILED;
    }

    static String repricingLine(RepricingReport r) {
        VariantReport v = r.before();
        if (!r.ran()) {
            String kind = v.status() == ConformanceResult.Status.SKIP ? "SKIP" : "ERROR";
            return kind + " " + v.vectorId() + " " + v.variant() + " " + r.reason();
        }
        List<Integer> oog = r.newlyOutOfGas();
        return "REPRICED " + v.vectorId() + " " + v.variant() + " before=" + r.gasBefore() + " after=" + r.gasAfter()
                + " delta=" + signedWithPercent(r.delta(), r.gasBefore())
                + (oog.isEmpty()
                        ? ""
                        : " OUT_OF_GAS=" + oog.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    private static String signedWithPercent(long delta, long base) {
        String percent = base == 0 ? "" : String.format(Locale.ROOT, "(%+.1f%%)", 100.0 * delta / base);
        return String.format(Locale.ROOT, "%+d", delta) + percent;
    }

    /** {@code --actors}, else an {@code actors} folder holding bundles beside a parent of the first path (../shared/vectors gives ../shared/actors). */
    private Path actorsDirectory() {
        if (actors != null) {
            if (!Files.isDirectory(actors)) {
                throw new ParameterException(spec.commandLine(), "--actors " + actors + ": no such directory");
            }
            return actors;
        }
        List<Path> starts = new ArrayList<>();
        for (Path path : paths) {
            starts.add(path.toAbsolutePath().normalize());
        }
        String shared = System.getProperty("fvmreplay.shared");
        if (shared != null) {
            starts.add(Path.of(shared).toAbsolutePath().normalize().resolve("vectors"));
        }
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("actors");
                if (Files.isDirectory(candidate) && hasBundles(candidate)) {
                    return candidate;
                }
            }
        }
        throw new ParameterException(
                spec.commandLine(),
                "cannot find the actor bundles (an 'actors' folder of v*.tar.zst beside a parent of " + paths.get(0)
                        + "): pass --actors DIR");
    }

    private static boolean hasBundles(Path dir) {
        try (var list = Files.list(dir)) {
            return list.anyMatch(p -> p.getFileName().toString().endsWith(".tar.zst"));
        } catch (IOException e) {
            return false;
        }
    }

    private WasmEngine newEngine() {
        return WasmEngines.create(engine.name(), EngineConfig.reference(), codeCache.dir());
    }

    private ProgressBar progressBar(int files) {
        if (noProgress || files < PROGRESS_MIN_FILES || !stderrIsTerminal()) {
            return null;
        }
        return new ProgressBarBuilder()
                .setTaskName("vectors")
                .setInitialMax(files)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true, StandardCharsets.UTF_8)))
                .build();
    }

    private static void step(ProgressBar bar) {
        if (bar != null) {
            bar.step();
        }
    }

    /** Java 17 cannot ask whether stderr is a terminal; on Linux its descriptor names one, elsewhere fall back to the console. */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(fd)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    /** One trace file per variant in the trace folder, named after vector and variant. */
    private static final class TraceFiles {
        private final Path dir;
        private final Set<String> used = new HashSet<>();

        TraceFiles(Path dir) {
            this.dir = dir;
        }

        boolean enabled() {
            return dir != null;
        }

        void write(VariantReport variant, List<MessageOutcome> messages, PrintWriter err) {
            if (dir == null || messages.isEmpty()) {
                return;
            }
            String base = (variant.vectorId() + "." + variant.variant()).replaceAll("[^A-Za-z0-9._-]", "_");
            String name = base;
            for (int n = 2; !used.add(name); n++) {
                name = base + "-" + n;
            }
            Path file = dir.resolve(name + ".jsonl");
            try (TraceWriter writer =
                    new TraceWriter(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8)))) {
                for (MessageOutcome m : messages) {
                    if (m.trace().isPresent()) {
                        writer.writeMessage(
                                m.index(),
                                m.actual().exitCode(),
                                m.actual().gasUsed(),
                                m.gasLimit(),
                                m.trace().get());
                    }
                }
            } catch (IOException e) {
                err.println("error: cannot write trace " + file + ": " + e.getMessage());
                err.flush();
            }
        }
    }
}
