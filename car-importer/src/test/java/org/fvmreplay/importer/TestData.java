package org.fvmreplay.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.fvmreplay.ipld.car.CarBlock;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.SnapshotStore;

/** Reference data ({@code ../shared}) and helpers for importer tests. */
final class TestData {
    private TestData() {}

    static Path shared() {
        String property = System.getProperty("fvmreplay.shared");
        Path dir = property != null && !property.isBlank()
                ? Path.of(property)
                : Path.of("").toAbsolutePath().resolve("../../shared");
        assertThat(dir).as("shared data directory (set -Dfvmreplay.shared)").isDirectory();
        return dir.normalize();
    }

    static Path snapshot(String name) {
        return shared().resolve("snapshots").resolve(name);
    }

    /** The distinct CIDs of a CAR, read with the reference reader. */
    static Set<Cid> cidsOf(Path car) {
        Set<Cid> cids = new HashSet<>();
        try (CarReader reader = CarReader.open(car)) {
            reader.forEachRemaining((CarBlock b) -> cids.add(b.cid()));
        }
        return cids;
    }

    static long sectionsOf(Path car) {
        try (CarReader reader = CarReader.open(car)) {
            return reader.readAll().size();
        }
    }

    static Set<Cid> storedCids(SnapshotStore store) {
        Set<Cid> cids = new HashSet<>();
        store.blocks().forEachCid(cids::add);
        return cids;
    }

    /** Writes the pre-state CARs (gzip + base64 in the "car" field) of the first {@code n} vectors to {@code dir}. */
    static List<Path> vectorCars(Path dir, int n) {
        Path corpus = shared().resolve("vectors/corpus/extracted");
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(corpus)) {
            List<Path> vectors = files.filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .limit(n)
                    .toList();
            int i = 0;
            List<Path> cars = new ArrayList<>();
            for (Path v : vectors) {
                JsonNode node = json.readTree(v.toFile());
                byte[] gz = Base64.getDecoder().decode(node.get("car").asText());
                byte[] car;
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                    car = in.readAllBytes();
                }
                Path out = dir.resolve("vector-" + (i++) + ".car");
                Files.write(out, car);
                cars.add(out);
            }
            return cars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
