package org.fvmreplay.ipld.car;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.model.IpldValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActorBundleArchiveTest {
    @Test
    void readsTheMainnetManifestOfActorsV10() {
        ActorBundleArchive archive = ActorBundleArchive.read(SharedData.root().resolve("actors/v10.tar.zst"));
        assertThat(archive.networks())
                .contains("mainnet", "calibrationnet", "devnet", "testing", "testing-fake-proofs");
        try (CarReader reader = archive.open("mainnet")) {
            Cid manifest = reader.roots().get(0);
            // published by Lotus for actors v10 (shared/README.md)
            assertThat(manifest).hasToString("bafy2bzacecsuyf7mmvrhkx2evng5gnz5canlnz2fdlzu2lvcgptiq2pzuovos");
            List<CarBlock> blocks = reader.readAll();
            CarBlock root = blocks.stream()
                    .filter(b -> b.cid().equals(manifest))
                    .findFirst()
                    .orElseThrow();
            // the root is [version 1, CID of the entry list]; entries are [name, code CID]; code blocks are raw WASM
            IpldValue.ListValue versioned = (IpldValue.ListValue) DagCbor.decode(root.data());
            assertThat(versioned.values().get(0)).isEqualTo(IpldValue.Int.of(1));
            Cid entriesCid = ((IpldValue.Link) versioned.values().get(1)).cid();
            CarBlock entriesBlock = blocks.stream()
                    .filter(b -> b.cid().equals(entriesCid))
                    .findFirst()
                    .orElseThrow();
            IpldValue.ListValue entries = (IpldValue.ListValue) DagCbor.decode(entriesBlock.data());
            assertThat(entries.values()).isNotEmpty();
            IpldValue.ListValue first = (IpldValue.ListValue) entries.values().get(0);
            Cid code = ((IpldValue.Link) first.values().get(1)).cid();
            CarBlock wasm = blocks.stream()
                    .filter(b -> b.cid().equals(code))
                    .findFirst()
                    .orElseThrow();
            assertThat(wasm.cid().codec()).isEqualTo(Multicodec.RAW);
            assertThat(Arrays.copyOf(wasm.data(), 4)).containsExactly(0, 'a', 's', 'm');
        }
    }

    @Test
    void unknownNetworkIsAClearError() {
        ActorBundleArchive archive = ActorBundleArchive.read(SharedData.root().resolve("actors/v9.tar.zst"));
        assertThatThrownBy(() -> archive.carBytes("moonnet")).hasMessageContaining("no bundle for network 'moonnet'");
    }

    @Test
    void corruptArchiveFailsAsCarFormatException(@TempDir Path dir) throws IOException {
        byte[] archive = Files.readAllBytes(SharedData.root().resolve("actors/v9.tar.zst"));
        Path broken = dir.resolve("broken.tar.zst");
        Files.write(broken, Arrays.copyOf(archive, archive.length / 3));
        assertThatThrownBy(() -> ActorBundleArchive.forEachCar(broken, (network, source, car) -> car.readAllBytes()))
                .isInstanceOf(CarFormatException.class)
                .hasMessageContaining("broken.tar.zst");
    }
}
