package org.fvmreplay.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fvmreplay.fvm.engine.EngineConfig;
import org.fvmreplay.fvm.engine.chicory.ChicoryEngine;
import org.fvmreplay.fvm.testing.SharedData;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken vector fails alone, with a reason naming what is wrong; the runner goes on with the next one. */
class BadVectorsTest {
    private static final Path GOOD = SharedData.vectors()
            .resolve(
                    "corpus/extracted/0002-hygge-01/fil_10_multisig/Propose/Ok/ext-0002-fil_10_multisig-Propose-Ok-1.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConformanceRunner runner;

    @TempDir
    Path dir;

    @BeforeAll
    static void runner() {
        runner =
                new ConformanceRunner(SharedData.root().resolve("actors"), new ChicoryEngine(EngineConfig.reference()));
    }

    private Path variant(String name, java.util.function.Consumer<ObjectNode> change) throws IOException {
        ObjectNode vector = (ObjectNode) JSON.readTree(GOOD.toFile());
        change.accept(vector);
        Path file = dir.resolve(name);
        JSON.writeValue(file.toFile(), vector);
        return file;
    }

    @Test
    void unknownNetworkVersionFailsThatVector() throws IOException {
        Path file = variant(
                "nv99.json",
                v -> ((ObjectNode) v.with("preconditions").withArray("variants").get(0)).put("nv", 99));
        List<ConformanceResult> results = runner.run(file);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ConformanceResult.Status.FAIL);
            assertThat(r.reason()).contains("unknown network version 99");
        });
    }

    @Test
    void aBlockMissingFromTheCarIsNamed() throws IOException {
        Cid absent = Cid.forDagCbor(new byte[] {(byte) 0x81, 0x07});
        Path file = variant(
                "missing-block.json",
                v -> v.with("preconditions").with("state_tree").with("root_cid").put("/", absent.toString()));
        List<ConformanceResult> results = runner.run(file);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ConformanceResult.Status.FAIL);
            assertThat(r.reason()).contains(absent.toString()).contains("missing");
        });
    }

    @Test
    void aMissingActorBundleIsNamedAndTheRunGoesOn() throws IOException {
        Path noBundles = Files.createDirectories(dir.resolve("empty-actors"));
        ConformanceRunner withoutBundles =
                new ConformanceRunner(noBundles, new ChicoryEngine(EngineConfig.reference()));
        assertThat(withoutBundles.run(GOOD)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ConformanceResult.Status.FAIL);
            assertThat(r.reason()).contains("no actor bundle").contains(noBundles.toString());
        });
        // the same runner instance still runs the next, good vector
        Files.writeString(dir.resolve("a-malformed.json"), "{\"class\": ");
        assertThat(runner.run(dir.resolve("a-malformed.json")))
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(ConformanceResult.Status.FAIL));
        assertThat(runner.run(GOOD))
                .singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(ConformanceResult.Status.PASS));
    }
}
