package org.fvmreplay.fvm.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.junit.jupiter.api.Test;

/** Runs every extracted conformance vector with the default engine and checks the pass count reached so far. */
class ConformanceVectorsTest {
    /** Lower bound of passing variants; raise it as more vectors pass. */
    private static final int EXPECTED_MIN_PASSES = Integer.getInteger("fvmreplay.conformance.minPasses", 143);

    private static Path shared() {
        String property = System.getProperty("fvmreplay.shared");
        return property != null ? Path.of(property) : Path.of("..", "shared");
    }

    @Test
    void runsEveryVectorWithoutCrashing() throws Exception {
        Path corpus = shared().resolve("vectors/corpus/extracted");
        List<Path> files = TestVectorReader.findVectorFiles(corpus);
        assertThat(files).hasSizeGreaterThan(200);
        ConformanceRunner runner = new ConformanceRunner(shared().resolve("actors"), new ChicoryEngine(EngineConfig.reference()));
        List<ConformanceResult> results = new ArrayList<>();
        String only = System.getProperty("fvmreplay.conformance.filter", "");
        for (Path file : files) {
            if (!file.toString().contains(only)) {
                continue;
            }
            for (ConformanceResult result : runner.run(file)) {
                results.add(result);
                System.out.println(result.line());
            }
        }
        long passed = results.stream().filter(r -> r.status() == ConformanceResult.Status.PASS).count();
        long failed = results.stream().filter(r -> r.status() == ConformanceResult.Status.FAIL).count();
        long skipped = results.stream().filter(r -> r.status() == ConformanceResult.Status.SKIP).count();
        // not the "N passed, N failed" shape: CI reads that line as a test runner summary
        System.out.printf("conformance vectors: pass %d, fail %d, skip %d%n", passed, failed, skipped);
        assertThat(results).allSatisfy(r -> {
            if (r.status() != ConformanceResult.Status.PASS) {
                assertThat(r.reason()).isNotBlank();
            }
        });
        assertThat(passed).isGreaterThanOrEqualTo(EXPECTED_MIN_PASSES);
    }
}
