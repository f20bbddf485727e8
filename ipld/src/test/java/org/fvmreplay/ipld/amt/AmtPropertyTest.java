package org.fvmreplay.ipld.amt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.hamt.Cbor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random set/delete sequences: the root depends only on the surviving contents (including
 * height shrinking), and a reload holds exactly those contents in index order.
 */
class AmtPropertyTest {

    private static long randomIndex(Random rnd, long seed) {
        return switch ((int) (seed % 3)) {
            case 0 -> rnd.nextInt(64);
            case 1 -> rnd.nextInt(5000);
            // Sparse and huge indices, up to the maximum.
            default ->
                rnd.nextInt(4) == 0 ? Amt.MAX_INDEX - rnd.nextInt(100) : rnd.nextLong() >>> (1 + rnd.nextInt(63));
        };
    }

    @ParameterizedTest(name = "bit width {0}")
    @ValueSource(ints = {1, 3, 5})
    void historyDoesNotChangeTheRoot(int bitWidth) {
        for (long seed = 1; seed <= 30; seed++) {
            Random rnd = new Random(seed);
            MemoryBlockstore store = new MemoryBlockstore();
            Amt amt = Amt.create(store, bitWidth);
            Map<Long, byte[]> model = new TreeMap<>(Long::compareUnsigned);
            List<Long> used = new ArrayList<>();
            int ops = rnd.nextInt(400);
            for (int op = 0; op < ops; op++) {
                long index = !used.isEmpty() && rnd.nextInt(3) == 0
                        ? used.get(rnd.nextInt(used.size()))
                        : randomIndex(rnd, seed);
                used.add(index);
                if (rnd.nextInt(3) == 0) {
                    assertThat(amt.delete(index)).isEqualTo(model.remove(index));
                } else {
                    byte[] v = Cbor.uint(rnd.nextInt(7));
                    assertThat(amt.set(index, v)).isEqualTo(model.put(index, v));
                }
                assertThat(amt.count()).isEqualTo(model.size());
                if (rnd.nextInt(40) == 0) {
                    Cid mid = amt.flush();
                    if (rnd.nextBoolean()) {
                        amt = Amt.load(mid, store);
                    }
                }
            }
            if (!model.isEmpty() && rnd.nextBoolean()) {
                // Drop everything above a surviving index, so the root must shrink in height.
                List<Long> present = new ArrayList<>(model.keySet());
                long threshold = present.get(rnd.nextInt(present.size()));
                for (long index : present) {
                    if (Long.compareUnsigned(index, threshold) > 0) {
                        assertThat(amt.delete(index)).isEqualTo(model.remove(index));
                    }
                }
            }
            Cid root = amt.flush();

            List<Map.Entry<Long, byte[]>> survivors = new ArrayList<>(model.entrySet());
            Collections.shuffle(survivors, rnd);
            Amt direct = Amt.create(new MemoryBlockstore(), bitWidth);
            survivors.forEach(e -> direct.set(e.getKey(), e.getValue()));
            assertThat(direct.flush()).as("seed %d", seed).isEqualTo(root);
            assertThat(direct.height()).isEqualTo(amt.height());

            Amt reloaded = Amt.load(root, store);
            List<AmtEntry> expected = new ArrayList<>();
            model.forEach((k, v) -> expected.add(new AmtEntry(k, v)));
            List<AmtEntry> actual = new ArrayList<>();
            reloaded.forEach(actual::add);
            assertThat(actual).isEqualTo(expected);
            assertThat(reloaded.count()).isEqualTo(model.size());
            for (Map.Entry<Long, byte[]> e : model.entrySet()) {
                assertThat(reloaded.get(e.getKey())).isEqualTo(e.getValue());
            }
            // Iteration from any present index yields the tail in order.
            if (!expected.isEmpty()) {
                int from = rnd.nextInt(expected.size());
                List<AmtEntry> tail = new ArrayList<>();
                reloaded.iteratorFrom(expected.get(from).index()).forEachRemaining(tail::add);
                assertThat(tail).isEqualTo(expected.subList(from, expected.size()));
            }
        }
    }
}
