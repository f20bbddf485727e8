package org.fvmreplay.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fvmreplay.conformance.ConformanceResult;
import org.fvmreplay.conformance.ConformanceRunner;
import org.fvmreplay.conformance.TestVectorReader;
import org.fvmreplay.conformance.VariantReport;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.WasmEngines;

/**
 * Conformance throughput, single thread: vectors per second over the passing nv18 vectors, cold (this fresh process,
 * module cache empty: every actor's code is instrumented and compiled on first use) then warm (the same runner again).
 * One engine and one tracing setting per process, so every cold figure really is cold. Not JMH: a cold run happens once.
 * <pre>
 * java -cp bench/target/benchmarks.jar org.fvmreplay.bench.ConformanceThroughput chicory off [--limit N] [--warm-rounds N]
 * </pre>
 */
public final class ConformanceThroughput {
    private ConformanceThroughput() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ConformanceThroughput chicory|wasmtime on|off [--limit N] [--warm-rounds N]");
            System.exit(2);
        }
        String engineName = args[0];
        boolean trace = args[1].equals("on");
        int limit = Integer.MAX_VALUE;
        int warmRounds = 2;
        for (int i = 2; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--limit" -> limit = Integer.parseInt(args[i + 1]);
                case "--warm-rounds" -> warmRounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path shared = Path.of(System.getProperty("fvmreplay.shared", "../shared"));
        WasmEngine engine = WasmEngines.create(engineName, EngineConfig.reference(), Optional.empty());
        ConformanceRunner runner = new ConformanceRunner(shared.resolve("actors"), engine);
        List<Path> files = TestVectorReader.findVectorFiles(shared.resolve("vectors/corpus/extracted"));

        // cold: every file once; only the time of files whose variants all pass at nv18 counts
        List<Path> passing = new ArrayList<>();
        long coldNanos = 0;
        for (Path file : files) {
            if (passing.size() >= limit) {
                break;
            }
            long start = System.nanoTime();
            List<VariantReport> reports = runner.runReports(file, trace);
            long elapsed = System.nanoTime() - start;
            if (!reports.isEmpty()
                    && reports.stream()
                            .allMatch(r -> r.networkVersion() == 18 && r.status() == ConformanceResult.Status.PASS)) {
                passing.add(file);
                coldNanos += elapsed;
            }
        }
        double cold = passing.size() / (coldNanos / 1e9);
        long warmNanos = 0;
        for (int round = 0; round < warmRounds; round++) {
            long start = System.nanoTime();
            for (Path file : passing) {
                runner.runReports(file, trace);
            }
            warmNanos += System.nanoTime() - start;
        }
        double warm = passing.size() * (double) warmRounds / (warmNanos / 1e9);
        System.out.printf(
                Locale.ROOT,
                "engine=%s trace=%s vectors=%d cold=%.2f vectors/s warm=%.2f vectors/s%n",
                engineName,
                trace ? "on" : "off",
                passing.size(),
                cold,
                warm);
        engine.close();
    }
}
