package org.fvmreplay.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fvmreplay.ipld.car.ActorBundleArchive;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.SnapshotRecord;
import org.fvmreplay.snapshots.SnapshotStatus;
import org.fvmreplay.snapshots.SnapshotStore;
import org.fvmreplay.snapshots.TipsetEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SharedSnapshotImportTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "chain4.car",
                "chain4.car.zst",
                "chain4.forest.car.zst",
                "carv2.car.zst",
                "mainnet-genesis.car",
                "calibnet-genesis.car"
            })
    void importsEverySnapshotFile(String name) {
        Path car = TestData.snapshot(name);
        Set<Cid> expected = TestData.cidsOf(car);
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 3)) {
            ImportResult result =
                    new SnapshotImporter(store, ImportOptions.defaults()).importFile(car, ImportListener.NONE);
            assertThat(result.outcome()).isEqualTo(ImportResult.Outcome.IMPORTED);
            assertThat(result.record().status()).isEqualTo(SnapshotStatus.COMPLETE);
            assertThat(result.record().blockCount()).isEqualTo(TestData.sectionsOf(car));
            assertThat(TestData.storedCids(store)).isEqualTo(expected);
            List<TipsetEntry> chain = store.chainIndex().all();
            if (name.startsWith("chain4")) {
                // four tipsets of one block each, mainnet epochs 0..3
                assertThat(result.tipsetsIndexed()).isEqualTo(4);
                assertThat(chain).extracting(TipsetEntry::epoch).containsExactly(0L, 1L, 2L, 3L);
                assertThat(chain).allSatisfy(t -> assertThat(t.key()).hasSize(1));
                assertThat(chain.get(3).key()).isEqualTo(result.record().roots());
                assertThat(chain.get(3).parentStateRoot())
                        .isEqualTo(Cid.parse("bafy2bzacebpkfyohjp7thdmpjy44lkimctgphlxu3apnkgwtrkxy723vhbk5y"));
                assertThat(chain)
                        .extracting(t -> t.parentBaseFee().longValueExact())
                        .containsExactly(100000000L, 87500000L, 76577384L, 67005211L);
                assertThat(chain.get(0).parentStateRoot())
                        .isEqualTo(chain.get(1).parentStateRoot());
            } else {
                // genesis CARs and the CARv2 hold one tipset: the genesis block at epoch 0
                assertThat(result.tipsetsIndexed()).isEqualTo(1);
                assertThat(chain).extracting(TipsetEntry::epoch).containsExactly(0L);
                assertThat(chain.get(0).key()).isEqualTo(result.record().roots());
            }
        }
    }

    @Test
    void importsAnActorBundleAndVectorCars() throws Exception {
        byte[] bundle = ActorBundleArchive.read(TestData.shared().resolve("actors/v10.tar.zst"))
                .carBytes("mainnet");
        Path bundleCar = Files.write(tmp.resolve("builtin-actors-mainnet-v10.car"), bundle);
        List<Path> cars = new ArrayList<>(List.of(bundleCar));
        cars.addAll(TestData.vectorCars(tmp, 4));
        try (SnapshotStore store = SnapshotStore.open(tmp.resolve("store"), 2)) {
            SnapshotImporter importer = new SnapshotImporter(store, ImportOptions.defaults());
            Set<Cid> expected = new HashSet<>();
            for (Path car : cars) {
                expected.addAll(TestData.cidsOf(car));
                assertThat(importer.importFile(car, ImportListener.NONE)
                                .record()
                                .complete())
                        .isTrue();
            }
            assertThat(TestData.storedCids(store)).isEqualTo(expected);
            assertThat(store.catalogue().list())
                    .extracting(SnapshotRecord::status)
                    .containsOnly(SnapshotStatus.COMPLETE)
                    .hasSize(5);
            assertThat(store.catalogue()
                            .get(bundleCar.toAbsolutePath().normalize().toString())
                            .orElseThrow()
                            .roots())
                    .containsExactly(Cid.parse("bafy2bzacecsuyf7mmvrhkx2evng5gnz5canlnz2fdlzu2lvcgptiq2pzuovos"));
        }
    }
}
