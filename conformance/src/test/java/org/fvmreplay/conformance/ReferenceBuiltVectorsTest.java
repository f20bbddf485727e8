package org.fvmreplay.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.WasmEngine;
import org.fvmreplay.fvm.engine.WasmEngines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vectors ref-fvm executed for network versions 21–29 on the mainnet bundles (how they were made:
 * {@code reference-vectors/fvm-v4/README.md}): every one must pass on both engines, exit codes, return bytes, gas and
 * post-state root alike.
 */
class ReferenceBuiltVectorsTest {
    private static Path shared() {
        String property = System.getProperty("fvmreplay.shared");
        return property != null ? Path.of(property) : Path.of("..", "shared");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void everyNetworkVersionFrom21To29MatchesTheReference(String engineName) throws Exception {
        List<Path> files = TestVectorReader.findVectorFiles(vectors());
        assertThat(files).hasSize(9);
        List<String> passed = new ArrayList<>();
        List<String> other = new ArrayList<>();
        try (WasmEngine engine = WasmEngines.create(engineName, EngineConfig.reference(), Optional.empty())) {
            ConformanceRunner runner = new ConformanceRunner(shared().resolve("actors"), engine);
            for (Path file : files) {
                for (ConformanceResult result : runner.run(file)) {
                    (result.status() == ConformanceResult.Status.PASS ? passed : other).add(result.line());
                }
            }
        }
        assertThat(other).isEmpty();
        // each line ends with its variant, named for its network version: one of each from 21 to 29
        assertThat(passed)
                .extracting(line -> line.substring(line.lastIndexOf(' ') + 1))
                .containsExactlyInAnyOrder("nv21", "nv22", "nv23", "nv24", "nv25", "nv26", "nv27", "nv28", "nv29");
    }

    private static Path vectors() throws URISyntaxException {
        return Path.of(ReferenceBuiltVectorsTest.class
                .getResource("/reference-vectors/fvm-v4")
                .toURI());
    }
}
