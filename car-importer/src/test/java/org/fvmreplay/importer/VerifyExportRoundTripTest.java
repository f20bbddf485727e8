package org.fvmreplay.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.CarExporter;
import org.fvmreplay.snapshots.DagWalker;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.SnapshotStoreException;
import org.fvmreplay.snapshots.TipsetEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify reports what is missing; export writes a CAR that imports back to the same blocks. */
class VerifyExportRoundTripTest {
    private static final Cid GENESIS_STATE =
            Cid.parse("bafy2bzacech3yb7xlb7c57v2xh7rvmt4skeidk7z2g36llksaz4biflblbt24");
    private static final Cid EPOCH2_STATE = Cid.parse("bafy2bzacecbifligvzk3u5wdigafvubkcxksvy5rwyfhepfophatf25f6s7se");
    private static final Cid EPOCH3_STATE = Cid.parse("bafy2bzacebpkfyohjp7thdmpjy44lkimctgphlxu3apnkgwtrkxy723vhbk5y");

    @TempDir
    Path tmp;

    private SnapshotStore importInto(String name, Path car) {
        SnapshotStore store = SnapshotStore.open(tmp.resolve(name), 2);
        new SnapshotImporter(store, ImportOptions.defaults()).importFile(car, ImportListener.NONE);
        return store;
    }

    @Test
    void verifyFindsTheStateRootsTheSnapshotLacks() {
        try (SnapshotStore store = importInto("a", TestData.snapshot("chain4.car"))) {
            List<Cid> roots = store.catalogue().list().get(0).roots();
            DagWalker.Result all = new DagWalker(store.blocks(), true).walk(roots, (c, d) -> {});
            // chain4.car carries the genesis state only: the states after epochs 1 and 2 are referenced, not included
            assertThat(all.missing()).contains(EPOCH2_STATE, EPOCH3_STATE).doesNotContain(GENESIS_STATE);
            assertThat(all.blocks()).isEqualTo(1222); // every block of the file is reachable from its root
            DagWalker.Result genesis = new DagWalker(store.blocks(), true).walk(List.of(GENESIS_STATE), (c, d) -> {});
            assertThat(genesis.complete()).isTrue();
            assertThat(genesis.blocks()).isEqualTo(1209);
        }
    }

    @Test
    void stateRootExportImportsBackToTheSameBlocks() throws IOException {
        Path out = tmp.resolve("genesis-state.car");
        List<Cid> walked = new ArrayList<>();
        try (SnapshotStore a = importInto("a", TestData.snapshot("chain4.car"))) {
            new DagWalker(a.blocks(), true).walk(List.of(GENESIS_STATE), (c, d) -> walked.add(c));
            CarExporter.Export export = new CarExporter(a.blocks()).exportDag(GENESIS_STATE, out);
            assertThat(export.blocks()).isEqualTo(1209);
            assertThat(export.roots()).containsExactly(GENESIS_STATE);
            for (Cid cid : walked) {
                assertThat(a.blocks().get(cid)).isNotNull();
            }
        }
        List<Cid> inFile;
        try (CarReader reader = CarReader.open(out)) {
            assertThat(reader.roots()).containsExactly(GENESIS_STATE);
            inFile = reader.readAll().stream().map(CarBlock::cid).toList();
        }
        assertThat(inFile).isEqualTo(walked); // every block once, in walk order, each verified by the reader
        Path again = tmp.resolve("again.car");
        try (SnapshotStore b = importInto("b", out)) {
            assertThat(TestData.storedCids(b)).isEqualTo(new HashSet<>(walked));
            new CarExporter(b.blocks()).exportDag(GENESIS_STATE, again);
        }
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(out)); // export is deterministic
    }

    @Test
    void tipsetRangeExportCarriesHeadersMessagesAndParentState() {
        Path out = tmp.resolve("epochs-0-1.car");
        List<TipsetEntry> original;
        Set<Cid> expected = new HashSet<>();
        try (SnapshotStore a = importInto("a", TestData.snapshot("chain4.car"))) {
            original = a.chainIndex().range(0, 1);
            assertThat(original).extracting(TipsetEntry::epoch).containsExactly(0L, 1L);
            List<Cid> keys = new ArrayList<>(original.get(1).key());
            keys.addAll(original.get(0).key());
            new DagWalker(a.blocks(), false).walk(keys, (c, d) -> expected.add(c));
            CarExporter.Export export = new CarExporter(a.blocks()).exportTipsets(original, out);
            assertThat(export.roots()).isEqualTo(original.get(1).key());
            assertThat(export.blocks()).isEqualTo(expected.size());
            // the whole chain cannot be exported: its newest states are not in the snapshot
            assertThatThrownBy(() -> new CarExporter(a.blocks())
                            .exportTipsets(a.chainIndex().all(), tmp.resolve("all.car")))
                    .isInstanceOf(SnapshotStoreException.class)
                    .hasMessageContaining("not in the store");
            assertThat(tmp.resolve("all.car")).doesNotExist();
        }
        try (SnapshotStore b = importInto("b", out)) {
            assertThat(TestData.storedCids(b)).isEqualTo(expected);
            assertThat(expected).contains(GENESIS_STATE);
            assertThat(b.chainIndex().all()).isEqualTo(original);
        }
    }
}
