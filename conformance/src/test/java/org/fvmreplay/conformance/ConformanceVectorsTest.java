package org.fvmreplay.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.junit.jupiter.api.Test;

/**
 * Runs every extracted conformance vector with the default engine: no variant may fail, and every skip must say why
 * (only Window PoSt, which needs real proof verification, as in the reference harness).
 */
class ConformanceVectorsTest {
    /** Passing network version 18 (FVM v3) variants: all 144 but the Window PoSt dispute. */
    private static final int EXPECTED_PASSES_NV18 = 143;
    /** Passing network version 17 (FVM v2) variants: all of them. */
    private static final int EXPECTED_PASSES_NV17 = 150;

    private static Path shared() {
        String property = System.getProperty("fvmreplay.shared");
        return property != null ? Path.of(property) : Path.of("..", "shared");
    }

    @Test
    void runsEveryVectorWithoutCrashing() throws Exception {
        Path corpus = shared().resolve("vectors/corpus/extracted");
        List<Path> files = TestVectorReader.findVectorFiles(corpus);
        assertThat(files).hasSizeGreaterThan(200);
        ConformanceRunner runner =
                new ConformanceRunner(shared().resolve("actors"), new ChicoryEngine(EngineConfig.reference()));
        List<ConformanceResult> results = new ArrayList<>();
        Map<Integer, Integer> passesByNetworkVersion = new TreeMap<>();
        String only = System.getProperty("fvmreplay.conformance.filter", "");
        for (Path file : files) {
            if (!file.toString().contains(only)) {
                continue;
            }
            List<Integer> versions = networkVersions(file);
            List<ConformanceResult> fileResults = runner.run(file);
            for (int i = 0; i < fileResults.size(); i++) {
                ConformanceResult result = fileResults.get(i);
                results.add(result);
                System.out.println(result.line());
                if (result.status() == ConformanceResult.Status.PASS && fileResults.size() == versions.size()) {
                    passesByNetworkVersion.merge(versions.get(i), 1, Integer::sum);
                }
            }
        }
        long passed = results.stream()
                .filter(r -> r.status() == ConformanceResult.Status.PASS)
                .count();
        long failed = results.stream()
                .filter(r -> r.status() == ConformanceResult.Status.FAIL)
                .count();
        long skipped = results.stream()
                .filter(r -> r.status() == ConformanceResult.Status.SKIP)
                .count();
        // not the "N passed, N failed" shape: CI reads that line as a test runner summary
        System.out.printf(
                "conformance vectors: pass %d, fail %d, skip %d; passes by network version %s%n",
                passed, failed, skipped, passesByNetworkVersion);
        assertThat(results)
                .filteredOn(r -> r.status() == ConformanceResult.Status.FAIL)
                .extracting(ConformanceResult::line)
                .isEmpty();
        assertThat(results)
                .filteredOn(r -> r.status() == ConformanceResult.Status.SKIP)
                .allSatisfy(r -> assertThat(r.reason()).contains("Window PoSt"));
        if (only.isEmpty()) {
            assertThat(passesByNetworkVersion)
                    .containsEntry(17, EXPECTED_PASSES_NV17)
                    .containsEntry(18, EXPECTED_PASSES_NV18);
            assertThat(skipped).isEqualTo(1);
        }
    }

    /** The network version of each variant of the vector in {@code file}, in order; empty when it cannot be read. */
    private static List<Integer> networkVersions(Path file) {
        try {
            return new TestVectorReader()
                    .read(file).preconditions().variants().stream()
                            .map(TestVector.Variant::networkVersion)
                            .toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
