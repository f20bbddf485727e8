package org.fvmreplay.ipld.hamt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fvmreplay.ipld.hamt.Cbor.tstring;
import static org.fvmreplay.ipld.hamt.Cbor.uint;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random operation sequences: the root depends only on the surviving contents (canonical
 * form), and a reload from the flushed root holds exactly those contents. Run over the shapes the
 * reference test-suite uses.
 */
class HamtPropertyTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of("filecoin bw5", HamtConfig.DEFAULT),
                Arguments.of("ref default bw8", new HamtConfig(8, 3, 0, HamtHasher.SHA2_256)),
                Arguments.of("binary tree", new HamtConfig(1, 3, 0, HamtHasher.SHA2_256)),
                Arguments.of("min data depth", new HamtConfig(4, 1, 2, HamtHasher.SHA2_256)),
                Arguments.of("identity bw2", new HamtConfig(2, 3, 0, HamtHasher.IDENTITY)));
    }

    private static byte[] key(Random rnd, int keySpace) {
        return tstring("k" + rnd.nextInt(keySpace));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void historyDoesNotChangeTheRoot(String name, HamtConfig conf) {
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            MemoryBlockstore store = new MemoryBlockstore();
            Hamt hamt = Hamt.create(store, conf);
            Map<String, byte[]> model = new TreeMap<>();
            int keySpace = 5 + rnd.nextInt(seed % 2 == 0 ? 40 : 400);
            int ops = rnd.nextInt(600);
            for (int op = 0; op < ops; op++) {
                byte[] k = key(rnd, keySpace);
                String hk = HexFormat.of().formatHex(k);
                if (rnd.nextInt(3) == 0) {
                    byte[] removed = hamt.delete(k);
                    byte[] expected = model.remove(hk);
                    assertThat(removed).isEqualTo(expected);
                } else {
                    byte[] v = uint(rnd.nextInt(5));
                    assertThat(hamt.set(k, v)).isEqualTo(model.put(hk, v));
                }
                if (rnd.nextInt(50) == 0) {
                    // Flushing (and sometimes reloading) mid-way must not change the outcome.
                    Cid mid = hamt.flush();
                    if (rnd.nextBoolean()) {
                        hamt = Hamt.load(mid, store, conf);
                    }
                }
            }
            Cid root = hamt.flush();

            List<Map.Entry<String, byte[]>> survivors = new ArrayList<>(model.entrySet());
            Collections.shuffle(survivors, rnd);
            Hamt direct = Hamt.create(new MemoryBlockstore(), conf);
            for (Map.Entry<String, byte[]> e : survivors) {
                direct.set(HexFormat.of().parseHex(e.getKey()), e.getValue());
            }
            assertThat(direct.flush()).as("seed %d", seed).isEqualTo(root);

            Hamt reloaded = Hamt.load(root, store, conf);
            Map<String, byte[]> contents = new LinkedHashMap<>();
            for (HamtEntry e : reloaded) {
                assertThat(contents.put(HexFormat.of().formatHex(e.key()), e.value()))
                        .isNull();
            }
            assertThat(contents.keySet()).containsExactlyInAnyOrderElementsOf(model.keySet());
            for (Map.Entry<String, byte[]> e : model.entrySet()) {
                assertThat(contents.get(e.getKey())).isEqualTo(e.getValue());
                assertThat(reloaded.get(HexFormat.of().parseHex(e.getKey()))).isEqualTo(e.getValue());
            }
            // Iteration order is a property of the structure, so it survives the reload too.
            List<String> before = new ArrayList<>();
            hamt.forEach((k, v) -> before.add(HexFormat.of().formatHex(k)));
            assertThat(new ArrayList<>(contents.keySet())).isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void insertionOrderDoesNotChangeTheRoot(String name, HamtConfig conf) {
        for (long seed = 100; seed < 120; seed++) {
            Random rnd = new Random(seed);
            List<Integer> keys = new ArrayList<>();
            for (int i = 0; i < 1 + rnd.nextInt(300); i++) {
                keys.add(i);
            }
            Hamt first = Hamt.create(new MemoryBlockstore(), conf);
            keys.forEach(i -> first.set(tstring(i), uint(i)));
            Collections.shuffle(keys, rnd);
            Hamt second = Hamt.create(new MemoryBlockstore(), conf);
            keys.forEach(i -> second.set(tstring(i), uint(i)));
            assertThat(second.flush()).as("seed %d", seed).isEqualTo(first.flush());
        }
    }
}
