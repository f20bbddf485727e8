package org.fvmreplay.ipld.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.fvmreplay.ipld.car.ActorBundleArchive;
import org.fvmreplay.ipld.car.BlockVerification;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.car.SharedData;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.model.IpldValue;
import org.junit.jupiter.api.Test;

/**
 * Every CAR in {@code ../shared}: each block verifies against its CID, and each DAG-CBOR block
 * decodes strictly and re-encodes to the same bytes (or, if real data is not canonical, is named
 * here and still reads leniently).
 */
class CorpusVerificationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Real blocks known not to be canonical DAG-CBOR; a new one fails the test so someone looks at it. */
    private static final Set<String> KNOWN_NON_CANONICAL = Set.of(
            // Filecoin's pre-genesis "Datetime / Network / Token ..." block (sha2-256), linked from genesis:
            // its map keys are in insertion order, not DAG-CBOR's length-first order
            "bafyreiaqpwbbyjo4a42saasj36kkrpv4tsherf2e7bvezkert2a7dhonoi");

    private final Map<Cid, Boolean> checkedCbor = new ConcurrentHashMap<>();
    private final Map<String, String> nonCanonical = new ConcurrentHashMap<>();

    @Test
    void vectorCarsVerify() throws IOException {
        Path root = SharedData.root().resolve("vectors/corpus/extracted");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Tally tally = new Tally();
        files.parallelStream().forEach(file -> {
            byte[] gzip = Base64.getDecoder().decode(carField(file));
            try (InputStream car = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
                check(CarReader.open(car, root.relativize(file).toString()), tally);
            } catch (IOException e) {
                throw new UncheckedIOException(file.toString(), e);
            }
        });
        report("vectors", files.size(), tally);
        assertThat(files).hasSize(294);
        assertThat(tally.cars.get()).isEqualTo(294);
        assertThat(tally.blocks.get()).isGreaterThan(294);
        assertCanonical();
    }

    @Test
    void actorBundleCarsVerify() throws IOException {
        List<Path> archives;
        try (Stream<Path> list = Files.list(SharedData.root().resolve("actors"))) {
            archives =
                    list.filter(p -> p.toString().endsWith(".tar.zst")).sorted().toList();
        }
        Tally tally = new Tally();
        Map<String, Integer> networksPerArchive = new ConcurrentHashMap<>();
        Map<String, Cid> mainnetRoots = new ConcurrentHashMap<>();
        archives.parallelStream()
                .forEach(archive -> ActorBundleArchive.forEachCar(archive, (network, source, car) -> {
                    networksPerArchive.merge(archive.getFileName().toString(), 1, Integer::sum);
                    CarReader reader = CarReader.open(new NonClosing(car), source);
                    if (network.equals("mainnet")) {
                        mainnetRoots.put(
                                archive.getFileName().toString(), reader.roots().get(0));
                    }
                    check(reader, tally);
                }));
        report("actor bundles", archives.size(), tally);
        System.out.println("networks per archive: " + new TreeMap<>(networksPerArchive));
        assertThat(archives).hasSize(11);
        assertThat(networksPerArchive)
                .hasSize(11)
                .allSatisfy((archive, n) -> assertThat(n).as(archive).isGreaterThanOrEqualTo(5));
        // manifest CIDs published by Lotus (shared/README.md)
        assertThat(mainnetRoots.get("v9.tar.zst"))
                .hasToString("bafy2bzaceb6j6666h36xnhksu3ww4kxb6e25niayfgkdnifaqi6m6ooc66i6i");
        assertThat(mainnetRoots.get("v10.tar.zst"))
                .hasToString("bafy2bzacecsuyf7mmvrhkx2evng5gnz5canlnz2fdlzu2lvcgptiq2pzuovos");
        assertThat(mainnetRoots.get("v16.tar.zst"))
                .hasToString("bafy2bzacecnepvsh4lw6pwljobvwm6zwu6mbwveatp7llhpuguvjhjiqz7o46");
        assertThat(mainnetRoots.get("v19.tar.zst"))
                .hasToString("bafy2bzacedxsqapxwj5znwy4leem5gsuenhhfyqcntews3yis5iek67thy6lc");
        assertCanonical();
    }

    @Test
    void snapshotCarsVerify() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(SharedData.root().resolve("snapshots"))) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        Tally tally = new Tally();
        files.parallelStream().forEach(file -> check(CarReader.open(file), tally));
        report("snapshots", files.size(), tally);
        assertThat(files).hasSize(6);
        assertThat(tally.cars.get()).isEqualTo(6);
        assertCanonical();
    }

    private void check(CarReader reader, Tally tally) {
        try (reader) {
            for (CarBlock block = reader.next(); block != null; block = reader.next()) {
                assertThat(block.verification())
                        .as("%s %s", reader.source(), block.cid())
                        .isEqualTo(BlockVerification.VERIFIED);
                tally.blocks.incrementAndGet();
                tally.bytes.addAndGet(block.data().length);
                if (block.cid().codec() == Multicodec.DAG_CBOR
                        && checkedCbor.putIfAbsent(block.cid(), Boolean.TRUE) == null) {
                    tally.cborBlocks.incrementAndGet();
                    checkCanonical(reader.source(), block);
                }
            }
            tally.cars.incrementAndGet();
        }
    }

    private void checkCanonical(String source, CarBlock block) {
        String problem;
        try {
            IpldValue value = DagCbor.decode(block.data());
            if (java.util.Arrays.equals(DagCbor.encode(value), block.data())) {
                return;
            }
            problem = "decodes strictly but re-encodes to different bytes";
        } catch (CborException e) {
            problem = e.getMessage();
        }
        // not canonical: it must still be readable, and it is reported by name
        IpldValue lenient = DagCbor.decodeLenient(block.data());
        assertThat(lenient)
                .as("lenient reading of non-canonical %s", block.cid())
                .isNotNull();
        nonCanonical.put(block.cid().toString(), source + " @" + block.sectionOffset() + ": " + problem);
    }

    private void assertCanonical() {
        nonCanonical.forEach((cid, what) -> System.out.println("NON-CANONICAL DAG-CBOR block " + cid + " in " + what));
        assertThat(nonCanonical.keySet())
                .as("blocks that are not canonical DAG-CBOR: %s", nonCanonical)
                .isSubsetOf(KNOWN_NON_CANONICAL);
    }

    private static void report(String what, int files, Tally tally) {
        System.out.printf(
                "corpus %s: %d files, %d CARs, %d blocks (%d distinct DAG-CBOR checked), %d block bytes%n",
                what, files, tally.cars.get(), tally.blocks.get(), tally.cborBlocks.get(), tally.bytes.get());
    }

    private static String carField(Path file) {
        try {
            JsonNode car = JSON.readTree(file.toFile()).get("car");
            assertThat(car).as("field 'car' in %s", file).isNotNull();
            return car.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static final class Tally {
        final AtomicLong cars = new AtomicLong();
        final AtomicLong blocks = new AtomicLong();
        final AtomicLong cborBlocks = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
    }

    /** The tar stream must stay open for the next entry when the reader closes. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {}
    }
}
