package org.fvmreplay.ipld.amt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.hamt.Cbor;
import org.fvmreplay.ipld.hamt.TrackingBlockstore;
import org.fvmreplay.ipld.hamt.TrackingBlockstore.Stats;
import org.junit.jupiter.api.Test;

/**
 * The operation sequences with hard-coded root CIDs in ref-fvm's {@code ipld/amt/tests/amt_tests.rs}
 * (master), replayed with the same expected CIDs and, where the reference asserts them, the same
 * blockstore statistics.
 */
class AmtReferenceCidTest {

    private static byte[] tbytes(String s) {
        return Cbor.bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Cid cid(String s) {
        return Cid.parse(s);
    }

    @Test
    void basicGetSet() {
        TrackingBlockstore db = new TrackingBlockstore();
        Amt a = Amt.create(db);
        a.set(2, tbytes("foo"));
        assertThat(a.get(2)).isEqualTo(tbytes("foo"));
        assertThat(a.count()).isEqualTo(1);
        Cid c = a.flush();
        assertThat(Amt.load(c, db).get(2)).isEqualTo(tbytes("foo"));
        assertThat(a.flush()).isEqualTo(c);
        assertThat(c).isEqualTo(cid("bafy2bzacedv5uu5za6oqtnozjvju5lhbgaybayzhw4txiojw7hd47ktgbv5wc"));
        assertThat(db.stats()).isEqualTo(new Stats(1, 1, 13, 13));
    }

    @Test
    void legacyV0BasicGetSet() {
        TrackingBlockstore db = new TrackingBlockstore();
        Amt a = Amt.create(db, AmtFormat.V0, 3);
        a.set(2, tbytes("foo"));
        assertThat(a.get(2)).isEqualTo(tbytes("foo"));
        assertThat(a.count()).isEqualTo(1);
        Cid c = a.flush();
        assertThat(Amt.load(c, db, AmtFormat.V0).get(2)).isEqualTo(tbytes("foo"));
        assertThat(a.flush()).isEqualTo(c);
        assertThat(c).isEqualTo(cid("bafy2bzaceansvim5z2rzifilsbzsjuoul2adx7iad7x3b4paj3qsexqf6ovxk"));
        assertThat(db.stats()).isEqualTo(new Stats(1, 1, 12, 12));
    }

    @Test
    void outOfRange() {
        TrackingBlockstore db = new TrackingBlockstore();
        Amt a = Amt.create(db);
        a.set(Amt.MAX_INDEX, tbytes("what is up"));
        assertThat(a.height()).isEqualTo(21);
        assertThatThrownBy(() -> a.set(Amt.MAX_INDEX + 1, tbytes("what is up")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("18446744073709551615")
                .hasMessageContaining("maximum 18446744073709551614");
        a.set(Amt.MAX_INDEX - 1, tbytes("what is up"));
        assertThat(a.height()).isEqualTo(21);
        assertThat(a.flush()).isEqualTo(cid("bafy2bzacecl3zuubhdvkojg6uhbu4mebaehx554q6algfjitqiivvnrqprkxo"));
        assertThat(db.stats()).isEqualTo(new Stats(0, 22, 0, 1039));
    }

    @Test
    void expand() {
        TrackingBlockstore db = new TrackingBlockstore();
        Amt a = Amt.create(db);
        a.set(2, tbytes("foo"));
        a.set(11, tbytes("bar"));
        a.set(79, tbytes("baz"));
        assertThat(a.get(2)).isEqualTo(tbytes("foo"));
        assertThat(a.get(11)).isEqualTo(tbytes("bar"));
        assertThat(a.get(79)).isEqualTo(tbytes("baz"));
        Cid c = a.flush();
        Amt loaded = Amt.load(c, db);
        assertThat(loaded.get(2)).isEqualTo(tbytes("foo"));
        assertThat(loaded.get(11)).isEqualTo(tbytes("bar"));
        assertThat(loaded.get(79)).isEqualTo(tbytes("baz"));
        assertThat(c).isEqualTo(cid("bafy2bzacecughjbclx3lbqwibrwc6pe7nttlc3qewedsrayghsvh5j5lpofiq"));
        assertThat(db.stats()).isEqualTo(new Stats(6, 6, 261, 261));
    }

    @Test
    void bulkInsert() {
        TrackingBlockstore db = new TrackingBlockstore();
        Amt a = Amt.create(db);
        int n = 5000;
        for (int i = 0; i < n; i++) {
            a.set(i, tbytes("foo foo bar"));
        }
        for (int i = 0; i < n; i++) {
            assertThat(a.get(i)).isEqualTo(tbytes("foo foo bar"));
        }
        assertThat(a.count()).isEqualTo(n);
        Cid c = a.flush();
        Amt loaded = Amt.load(c, db);
        for (int i = 0; i < n; i++) {
            assertThat(loaded.get(i)).isEqualTo(tbytes("foo foo bar"));
        }
        assertThat(c).isEqualTo(cid("bafy2bzacecfquuqzqzlox25aynodzw2qhxijdzfvno6tibyes3kb6nd3f7uxa"));
        assertThat(db.stats()).isEqualTo(new Stats(717, 717, 94379, 94379));
    }

    @Test
    void flushRead() {
        TrackingBlockstore db = new TrackingBlockstore();
        Amt a = Amt.create(db);
        for (int i = 0; i < 100; i++) {
            a.set(i, tbytes("foo foo bar"));
        }
        a.flush();
        for (int i = 0; i < 100; i++) {
            assertThat(a.get(i)).isEqualTo(tbytes("foo foo bar"));
        }
        // No reads: flushed nodes stay cached.
        assertThat(db.stats()).isEqualTo(new Stats(0, 16, 0, 1930));
    }

    @Test
    void delete() {
        TrackingBlockstore db = new TrackingBlockstore();
        Amt a = Amt.create(db);
        for (int i = 0; i < 4; i++) {
            a.set(i, tbytes("cat"));
        }
        assertThat(a.count()).isEqualTo(4);
        a.delete(1);
        assertThat(a.get(1)).isNull();
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.get(0)).isEqualTo(tbytes("cat"));
        assertThat(a.get(2)).isEqualTo(tbytes("cat"));
        assertThat(a.get(3)).isEqualTo(tbytes("cat"));
        a.delete(0);
        a.delete(2);
        a.delete(3);
        assertThat(a.count()).isZero();
        a.set(23, tbytes("dog"));
        a.set(24, tbytes("dog"));
        a.delete(23);
        assertThat(a.count()).isEqualTo(1);
        Cid c = a.flush();
        assertThat(Amt.load(c, db).count()).isEqualTo(1);

        Amt fresh = Amt.create(db);
        fresh.set(24, tbytes("dog"));
        assertThat(fresh.flush()).isEqualTo(c);
        assertThat(c).isEqualTo(cid("bafy2bzacebnnxpurpb3zqqr22i7ch4uruz6hgykn3ryzoo4hh3ox2m2kufsvg"));
        assertThat(db.stats()).isEqualTo(new Stats(1, 4, 52, 122));
    }

    @Test
    void deleteFailCheck() {
        Amt a = Amt.create(new TrackingBlockstore());
        a.set(1, Cbor.text("one"));
        a.set(9, Cbor.text("nine"));
        assertThat(a.height()).isEqualTo(1);
        assertThat(a.delete(10)).isNull();
        assertThat(a.delete(0)).isNull();
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.get(1)).isEqualTo(Cbor.text("one"));
        assertThat(a.get(9)).isEqualTo(Cbor.text("nine"));
    }

    @Test
    void deleteFirstEntry() {
        TrackingBlockstore db = new TrackingBlockstore();
        Amt a = Amt.create(db);
        a.set(0, tbytes("cat"));
        a.set(27, tbytes("cat"));
        assertThat(a.count()).isEqualTo(2);
        assertThat(a.height()).isEqualTo(1);
        a.delete(27);
        assertThat(a.count()).isEqualTo(1);
        assertThat(a.get(0)).isEqualTo(tbytes("cat"));
        Cid c = a.flush();
        Amt loaded = Amt.load(c, db);
        assertThat(loaded.count()).isEqualTo(1);
        assertThat(loaded.height()).isZero();
        assertThat(c).isEqualTo(cid("bafy2bzacecmxrjeri2ojuy3riae2mpbnztx2hqggqgkcrxao2nwpga77j2vqe"));
        assertThat(db.stats()).isEqualTo(new Stats(1, 1, 13, 13));
    }

    @Test
    void deleteReduceHeight() {
        TrackingBlockstore db = new TrackingBlockstore();
        Amt a = Amt.create(db);
        a.set(1, tbytes("thing"));
        Cid c1 = a.flush();
        a.set(37, tbytes("other"));
        assertThat(a.height()).isEqualTo(1);
        Cid c2 = a.flush();

        Amt a2 = Amt.load(c2, db);
        assertThat(a2.count()).isEqualTo(2);
        assertThat(a2.height()).isEqualTo(1);
        assertThat(a2.delete(37)).isNotNull();
        assertThat(a2.count()).isEqualTo(1);
        assertThat(a2.height()).isZero();
        assertThat(a2.flush()).isEqualTo(c1);
        assertThat(c1).isEqualTo(cid("bafy2bzacebmkyah6kppbszluix3g332hntzx6wfdcqcr5hjdsaxri5jhgrdmo"));
        assertThat(db.stats()).isEqualTo(new Stats(3, 5, 117, 147));
    }

    private static long[] everyThird() {
        return LongStream.range(0, 10000).filter(i -> (i + 1) % 3 == 0).toArray();
    }

    private static Cid buildEveryThird(TrackingBlockstore db) {
        long[] indexes = everyThird();
        Amt a = Amt.create(db);
        for (long i : indexes) {
            a.set(i, tbytes("value"));
        }
        for (long i : indexes) {
            assertThat(a.get(i)).isEqualTo(tbytes("value"));
        }
        assertThat(a.count()).isEqualTo(indexes.length);
        int seen = 0;
        for (AmtEntry ignored : a) {
            seen++;
        }
        assertThat(seen).isEqualTo(indexes.length);
        return a.flush();
    }

    private static void assertIteratesEveryThird(Amt amt) {
        long[] indexes = everyThird();
        int x = 0;
        for (AmtEntry e : amt) {
            assertThat(e.index()).isEqualTo(indexes[x]);
            x++;
        }
        assertThat(x).isEqualTo(indexes.length);
    }

    @Test
    void forEach() {
        TrackingBlockstore db = new TrackingBlockstore();
        Cid c = buildEveryThird(db);
        Amt loaded = Amt.load(c, db);
        assertThat(loaded.count()).isEqualTo(everyThird().length);
        assertIteratesEveryThird(loaded);
        assertIteratesEveryThird(loaded);
        assertThat(c).isEqualTo(cid("bafy2bzaceanqxtbsuyhqgxubiq6vshtbhktmzp2if4g6kxzttxmzkdxmtipcm"));
        assertThat(db.stats()).isEqualTo(new Stats(1431, 1431, 88649, 88649));
    }

    @Test
    void forEachCacheless() {
        // No cacheless mode here: each fresh load iterates with its own cache, so two fresh loads
        // read twice, as the reference's two cacheless passes do.
        TrackingBlockstore db = new TrackingBlockstore();
        Cid c = buildEveryThird(db);
        assertThat(db.stats()).isEqualTo(new Stats(0, 1431, 0, 88649));
        assertIteratesEveryThird(Amt.load(c, db));
        assertThat(db.stats()).isEqualTo(new Stats(1431, 1431, 88649, 88649));
        assertIteratesEveryThird(Amt.load(c, db));
        assertThat(c).isEqualTo(cid("bafy2bzaceanqxtbsuyhqgxubiq6vshtbhktmzp2if4g6kxzttxmzkdxmtipcm"));
        assertThat(db.stats()).isEqualTo(new Stats(2862, 1431, 177298, 88649));
    }

    @Test
    void forEachRanged() {
        TrackingBlockstore db = new TrackingBlockstore();
        Amt a = Amt.create(db);
        int range = 1000;
        for (int i = 0; i < range; i++) {
            a.set(i, tbytes("value"));
        }
        assertThat(a.count()).isEqualTo(range);
        for (long start = 0; start < range; start++) {
            List<Long> got = new ArrayList<>();
            long next = a.forEachRanged(start, Long.MAX_VALUE, (i, v) -> got.add(i));
            assertThat(next).isEqualTo(-1L);
            assertThat(got).isEqualTo(LongStream.range(start, range).boxed().toList());
        }
        for (long start : new long[] {range, range + 1, 2L * range, 8L * range}) {
            assertThat(a.forEachRanged(start, Long.MAX_VALUE, (i, v) -> {
                        throw new AssertionError("didn't expect to iterate");
                    }))
                    .isEqualTo(-1L);
        }
        for (long page = 1; page <= range; page++) {
            List<Long> got = new ArrayList<>();
            long next = a.forEachRanged(0, page, (i, v) -> got.add(i));
            assertThat(got).isEqualTo(LongStream.range(0, page).boxed().toList());
            assertThat(next).isEqualTo(page == range ? -1L : page);
        }
        assertThat(paginate(a, 100))
                .isEqualTo(LongStream.range(0, range).boxed().toList());

        a = Amt.load(a.flush(), db);
        assertThat(paginate(a, 100))
                .isEqualTo(LongStream.range(0, range).boxed().toList());
        for (int i = 0; i < range; i++) {
            if ((i / 10) % 2 == 0) {
                a.delete(i);
            }
        }
        assertOddDecades(a);
        assertOddDecades(Amt.load(a.flush(), db));
        assertThat(db.stats()).isEqualTo(new Stats(263, 238, 21550, 20225));
    }

    private static void assertOddDecades(Amt a) {
        long[] traversed = {0};
        long next = a.forEachRanged(0, 501, (i, v) -> {
            assertThat((i / 10) % 2).isEqualTo(1);
            traversed[0]++;
            return true;
        });
        assertThat(traversed[0]).isEqualTo(500);
        assertThat(next).isEqualTo(-1L);
    }

    private static List<Long> paginate(Amt a, long pageSize) {
        List<Long> got = new ArrayList<>();
        long cursor = 0;
        while (true) {
            int before = got.size();
            cursor = a.forEachRanged(cursor, pageSize, (i, v) -> got.add(i));
            assertThat(got.size() - before).isEqualTo(pageSize);
            if (cursor == -1L) {
                return got;
            }
        }
    }

    @Test
    void forEachMutate() {
        TrackingBlockstore db = new TrackingBlockstore();
        Amt a = Amt.create(db);
        long[] indexes = {1, 9, 66, 74, 82, 515};
        for (long i : indexes) {
            a.set(i, tbytes("value"));
        }
        Cid c = a.flush();
        Amt loaded = Amt.load(c, db);
        assertThat(loaded.count()).isEqualTo(indexes.length);
        // The reference rewrites indices 1 and 74 with equal values during for_each_mut.
        Iterator<AmtEntry> it = loaded.iterator();
        List<AmtEntry> toRewrite = new ArrayList<>();
        it.forEachRemaining(e -> {
            if (e.index() == 1 || e.index() == 74) {
                toRewrite.add(e);
            }
        });
        toRewrite.forEach(e -> loaded.set(e.index(), e.value().clone()));
        assertThat(loaded.flush()).isEqualTo(c);
        assertThat(c).isEqualTo(cid("bafy2bzaced44wtasbcukqjqicvxzcyn5up6sorr5khzbdkl6zjeo736f377ew"));
    }

    @Test
    void deleteBug() {
        TrackingBlockstore db = new TrackingBlockstore();
        Amt a = Amt.create(db);
        Cid empty = a.flush();
        a.set(100_000, tbytes("foo"));
        a.delete(100_000);
        assertThat(a.flush()).isEqualTo(empty);
        assertThat(empty).isEqualTo(cid("bafy2bzacedijw74yui7otvo63nfl3hdq2vdzuy7wx2tnptwed6zml4vvz7wee"));
        assertThat(db.stats()).isEqualTo(new Stats(0, 2, 0, 18));
    }

    @Test
    void newFromIter() {
        TrackingBlockstore db = new TrackingBlockstore();
        List<byte[]> data = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            data.add(Cbor.text("thing" + i));
        }
        Amt a = Amt.create(db);
        a.batchSet(data);
        Amt loaded = Amt.load(a.flush(), db);
        List<AmtEntry> restored = new ArrayList<>();
        loaded.iterator().forEachRemaining(restored::add);
        assertThat(restored).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(restored.get(i)).isEqualTo(new AmtEntry(i, data.get(i)));
        }
    }
}
