package org.fvmreplay.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.block.TipsetKey;
import org.fvmreplay.chain.store.ChainStore;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.cid.Cid;

/** A devnet chain of {@code ../shared/chains} loaded into memory, with its expected values; loaded once per JVM. */
public record SharedChain(
        String name,
        MemoryBlockstore store,
        ChainStore chain,
        List<Cid> roots,
        List<JsonNode> tipsets,
        JsonNode manifest) {
    private static final Map<String, SharedChain> LOADED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    public static SharedChain devnetA() {
        return load("devnet-a");
    }

    public static SharedChain devnetC() {
        return load("devnet-c");
    }

    public static Path dir(String name) {
        String property = System.getProperty("fvmreplay.shared");
        Path shared = property != null && !property.isBlank()
                ? Path.of(property)
                : Path.of("").toAbsolutePath().resolve("../../shared");
        Path dir = shared.resolve("chains").resolve(name);
        assertThat(dir.resolve("chain.car.zst"))
                .as("shared chain (set -Dfvmreplay.shared)")
                .isRegularFile();
        return dir;
    }

    static synchronized SharedChain load(String name) {
        return LOADED.computeIfAbsent(name, SharedChain::read);
    }

    private static SharedChain read(String name) {
        Path dir = dir(name);
        MemoryBlockstore store = new MemoryBlockstore();
        List<Cid> roots;
        try (CarReader reader = CarReader.open(dir.resolve("chain.car.zst"))) {
            reader.forEachRemaining(b -> store.put(b.cid(), b.data()));
            roots = reader.roots();
        }
        List<JsonNode> tipsets = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ZstdInputStream(Files.newInputStream(dir.resolve("tipsets.jsonl.zst"))), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    tipsets.add(JSON.readTree(line));
                }
            }
            return new SharedChain(
                    name,
                    store,
                    new ChainStore(store),
                    roots,
                    tipsets,
                    JSON.readTree(dir.resolve("manifest.json").toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path manifestPath() {
        return dir(name).resolve("manifest.json");
    }

    public Tipset head() {
        return chain.tipset(new TipsetKey(roots));
    }

    /** The expected record of the tipset with these block CIDs. */
    public static TipsetKey key(JsonNode tipset) {
        List<Cid> cids = new ArrayList<>();
        tipset.get("cids").forEach(c -> cids.add(Cid.parse(c.asText())));
        return new TipsetKey(cids);
    }
}
