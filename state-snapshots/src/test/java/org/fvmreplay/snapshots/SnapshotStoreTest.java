package org.fvmreplay.snapshots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fvmreplay.ipld.blockstore.Block;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.MultihashCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
    @TempDir
    Path tmp;

    @Test
    void shardingRuleIsTheDigestPrefixModuloN() {
        Cid header = Chain4.EPOCH3;
        byte[] digest = header.multihash().digest();
        BigInteger prefix = new BigInteger(1, Arrays.copyOf(digest, 8));
        for (int n : new int[] {1, 2, 3, 4, 7, 16, 1024}) {
            assertThat(new ShardingRule(n).shardOf(header))
                    .isEqualTo(prefix.mod(BigInteger.valueOf(n)).intValueExact());
        }
        // pinned: the rule is part of the on-disk format and must not drift
        assertThat(new ShardingRule(4).shardOf(Chain4.EPOCH3)).isEqualTo(1);
        assertThat(new ShardingRule(7).shardOf(Chain4.EPOCH3)).isEqualTo(3);
        assertThat(new ShardingRule(16).shardOf(Chain4.EPOCH3)).isEqualTo(5);
        // the codec does not take part: a raw CID with the same digest lands in the same shard
        Cid raw = Cid.v1(Multicodec.RAW, header.multihash());
        assertThat(new ShardingRule(16).shardOf(raw)).isEqualTo(5);
        // short (identity) digests are zero-padded on the right: 0x01 0x02 -> 0x0102000000000000
        Cid identity = Cid.compute(Multicodec.RAW, MultihashCode.IDENTITY, new byte[] {1, 2});
        assertThat(new ShardingRule(1000).shardOf(identity))
                .isEqualTo(new BigInteger("0102000000000000", 16)
                        .mod(BigInteger.valueOf(1000))
                        .intValueExact());
        assertThatThrownBy(() -> new ShardingRule(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shardsFillEvenly() {
        ShardingRule rule = new ShardingRule(8);
        int[] counts = new int[8];
        Random random = new Random(7);
        for (int i = 0; i < 8000; i++) {
            byte[] data = new byte[16];
            random.nextBytes(data);
            counts[rule.shardOf(Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, data))]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(850, 1150);
        }
    }

    @Test
    void manifestRecordsTheShardCount() throws IOException {
        Path dir = tmp.resolve("store");
        SnapshotStore.open(dir, 5).close();
        assertThat(StoreManifest.read(dir)).isEqualTo(new StoreManifest(1, 5, ShardingRule.NAME));
        assertThat(Files.readString(dir.resolve(StoreManifest.FILE_NAME)))
                .contains("shards=5", "sharding.rule=" + ShardingRule.NAME);
        try (SnapshotStore store = SnapshotStore.open(dir)) {
            assertThat(store.blocks().shardCount()).isEqualTo(5);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(dir.resolve("shards").resolve(String.format("%03d", i))).isDirectory();
        }
        Files.writeString(dir.resolve(StoreManifest.FILE_NAME), "format.version=1\nshards=many\n");
        assertThatThrownBy(() -> SnapshotStore.open(dir))
                .isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining(dir.resolve(StoreManifest.FILE_NAME).toString())
                .hasMessageContaining("corrupt");
        Files.delete(dir.resolve(StoreManifest.FILE_NAME));
        assertThatThrownBy(() -> SnapshotStore.open(dir))
                .isInstanceOf(SnapshotStoreException.class)
                .hasMessageContaining("no " + StoreManifest.FILE_NAME);
    }

    @Test
    void blocksSurviveReopenAndConcurrentReadsAgree() throws Exception {
        Path dir = tmp.resolve("store");
        List<Block> blocks = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            byte[] data = new byte[20 + random.nextInt(500)];
            random.nextBytes(data);
            blocks.add(new Block(Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, data), data));
        }
        try (SnapshotStore store = SnapshotStore.open(dir, 4)) {
            store.blocks().putAll(blocks.subList(0, 1000));
            blocks.subList(1000, 2000).forEach(b -> store.blocks().put(b.cid(), b.data()));
            store.blocks().makeDurable();
        }
        try (SnapshotStore store = SnapshotStore.open(dir)) {
            Set<Cid> keys = new HashSet<>();
            store.blocks().forEachCid(keys::add);
            assertThat(keys).hasSize(2000);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int seed = t;
                    results.add(pool.submit(() -> {
                        Random r = new Random(seed);
                        int ok = 0;
                        for (int i = 0; i < 5000; i++) {
                            Block b = blocks.get(r.nextInt(blocks.size()));
                            if (Arrays.equals(store.blocks().get(b.cid()), b.data())
                                    && store.blocks().has(b.cid())) {
                                ok++;
                            }
                        }
                        return ok;
                    }));
                }
                for (Future<Integer> f : results) {
                    assertThat(f.get()).isEqualTo(5000);
                }
            } finally {
                pool.shutdown();
            }
            Cid absent = Cid.compute(Multicodec.RAW, MultihashCode.BLAKE2B_256, new byte[] {42});
            assertThat(store.blocks().get(absent)).isNull();
            assertThat(store.blocks().has(absent)).isFalse();
        }
    }

    @Test
    void catalogueAndChainIndexPersist() {
        Path dir = tmp.resolve("store");
        MemoryBlockstore chain = Chain4.load();
        List<TipsetEntry> tipsets = ChainIndex.walk(chain, List.of(Chain4.EPOCH3));
        SnapshotRecord record = new SnapshotRecord(
                "/data/chain4.car", 1107835, "CARV1", List.of(Chain4.EPOCH3), SnapshotStatus.PARTIAL, 10, 2000, 4096);
        try (SnapshotStore store = SnapshotStore.open(dir, 2)) {
            store.catalogue().put(record);
            store.catalogue().put(record.withCheckpoint(8192, 20, 4000).withStatus(SnapshotStatus.COMPLETE));
            store.catalogue()
                    .put(new SnapshotRecord("/data/a.car", 1, "CARV1", List.of(), SnapshotStatus.PARTIAL, 0, 0, 0));
            store.chainIndex().putAll(tipsets);
        }
        try (SnapshotStore store = SnapshotStore.open(dir)) {
            assertThat(store.catalogue().list())
                    .extracting(SnapshotRecord::path)
                    .containsExactly("/data/a.car", "/data/chain4.car");
            SnapshotRecord back = store.catalogue().get("/data/chain4.car").orElseThrow();
            assertThat(back)
                    .isEqualTo(new SnapshotRecord(
                            "/data/chain4.car",
                            1107835,
                            "CARV1",
                            List.of(Chain4.EPOCH3),
                            SnapshotStatus.COMPLETE,
                            20,
                            4000,
                            8192));
            assertThat(store.catalogue().get("/elsewhere.car")).isEmpty();
            assertThat(store.chainIndex().all()).extracting(TipsetEntry::epoch).containsExactly(0L, 1L, 2L, 3L);
            assertThat(store.chainIndex().range(1, 2))
                    .extracting(t -> t.key().get(0))
                    .containsExactly(Chain4.EPOCH1, Chain4.EPOCH2);
            assertThat(store.chainIndex().range(3, 100)).hasSize(1);
            assertThat(store.chainIndex().range(4, 100)).isEmpty();
            assertThat(store.chainIndex().range(2, 1)).isEmpty();
            assertThat(store.chainIndex().at(3)).contains(tipsets.get(0));
            assertThat(store.chainIndex().at(7)).isEmpty();
        }
    }
}
