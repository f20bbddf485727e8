package org.fvmreplay.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.ipld.car.CarWriter;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.Multihash;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.fvmreplay.snapshots.SnapshotStatus;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.TipsetEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lotus chain exports (FVM v4 era, CBOR 0x51 blocks) import completely, with their chain index. */
class ChainExportImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void importsBlocksWithTheCborCodec() {
        Path car = TestData.shared().resolve("cases/car-cbor-0x51-codec.car");
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 2)) {
            ImportResult result =
                    new SnapshotImporter(store, ImportOptions.defaults()).importFile(car, ImportListener.NONE);
            assertThat(result.record().status()).isEqualTo(SnapshotStatus.COMPLETE);
            assertThat(result.record().blockCount()).isEqualTo(2);
            assertThat(result.unverifiableBlocks()).isZero();
            assertThat(TestData.storedCids(store)).isEqualTo(TestData.cidsOf(car));
            assertThat(TestData.storedCids(store)).extracting(Cid::codec).containsExactlyInAnyOrder(0x51L, 0x71L);
        }
    }

    @Test
    void importsIdentityCidsLongerThan64Bytes() throws IOException {
        // the VM rejects such CIDs when an actor makes one; the importer only stores and verifies blocks
        byte[] inline = new byte[100];
        java.util.Arrays.fill(inline, (byte) 7);
        Cid identity = Cid.v1(Multicodec.RAW, Multihash.of(MultihashCode.IDENTITY, inline));
        byte[] parent = new CborWriter().writeArrayHeader(1).writeCid(identity).toByteArray();
        Cid parentCid = Cid.forDagCbor(parent);
        Path car = tmp.resolve("identity.car");
        try (CarWriter writer = new CarWriter(Files.newOutputStream(car), List.of(parentCid))) {
            writer.write(parentCid, parent);
            writer.write(identity, inline);
        }
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 2)) {
            ImportResult result =
                    new SnapshotImporter(store, ImportOptions.defaults()).importFile(car, ImportListener.NONE);
            assertThat(result.record().status()).isEqualTo(SnapshotStatus.COMPLETE);
            assertThat(result.record().blockCount()).isEqualTo(2);
            assertThat(store.blocks().get(parentCid)).isEqualTo(parent);
            assertThat(store.blocks().get(identity)).isEqualTo(inline);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"devnet-a", "devnet-c"})
    void importsAChainExport(String chain) throws IOException {
        Path dir = TestData.shared().resolve("chains").resolve(chain);
        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 3)) {
            ImportResult result = new SnapshotImporter(store, ImportOptions.defaults())
                    .importFile(dir.resolve("chain.car.zst"), ImportListener.NONE);
            assertThat(result.record().status()).isEqualTo(SnapshotStatus.COMPLETE);
            assertThat(result.chainIndexProblem()).isEmpty();
            long blocks = manifest.get("car").get("blocks").asLong();
            assertThat(result.record().blockCount()).isEqualTo(blocks);
            assertThat(result.record().blockBytes())
                    .isEqualTo(manifest.get("car").get("block_bytes").asLong());
            long[] stored = {0};
            store.blocks().forEachCid(c -> stored[0]++);
            assertThat(stored[0]).isEqualTo(blocks);

            // the chain index lists every tipset (epochs 0..head minus null rounds) as the reference node saw it
            List<JsonNode> expected = tipsets(dir);
            List<TipsetEntry> indexed = store.chainIndex().all();
            assertThat(result.tipsetsIndexed()).isEqualTo(expected.size());
            assertThat(indexed)
                    .extracting(TipsetEntry::epoch)
                    .containsExactlyElementsOf(
                            expected.stream().map(t -> t.get("epoch").asLong()).toList());
            assertThat(indexed.get(indexed.size() - 1).epoch())
                    .isEqualTo(manifest.get("head_epoch").asLong());
            for (int i = 0; i < expected.size(); i++) {
                JsonNode t = expected.get(i);
                TipsetEntry e = indexed.get(i);
                assertThat(e.key()).as("epoch %d", e.epoch()).isEqualTo(cids(t.get("cids")));
                assertThat(e.parents()).isEqualTo(cids(t.get("parents")));
                assertThat(e.parentStateRoot())
                        .isEqualTo(Cid.parse(t.get("parent_state_root").asText()));
                assertThat(e.parentMessageReceipts())
                        .isEqualTo(Cid.parse(t.get("parent_message_receipts").asText()));
                assertThat(e.parentBaseFee().toString())
                        .isEqualTo(t.get("parent_base_fee").asText());
            }
        }
    }

    static List<JsonNode> tipsets(Path chainDir) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new ZstdInputStream(Files.newInputStream(chainDir.resolve("tipsets.jsonl.zst"))),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    private static List<Cid> cids(JsonNode array) {
        List<Cid> out = new ArrayList<>();
        array.forEach(c -> out.add(Cid.parse(c.asText())));
        return out;
    }
}
