package org.fvmreplay.snapshots;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.car.CarReader;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.snapshots.ChainCoverage.Part;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChainCoverageTest {
    private static MemoryBlockstore devnetA;
    private static List<Cid> devnetAHead;

    @BeforeAll
    static void loadDevnetA() {
        Path car = Chain4.file().getParent().getParent().resolve("chains/devnet-a/chain.car.zst");
        devnetA = new MemoryBlockstore();
        try (CarReader reader = CarReader.open(car)) {
            reader.forEachRemaining(b -> devnetA.put(b.cid(), b.data()));
            devnetAHead = reader.roots();
        }
    }

    @Test
    void fullChainExportCanReplayEveryEpoch() {
        ChainCoverage.Report r = report(devnetA, devnetAHead);
        assertThat(r.head().epoch()).isEqualTo(723);
        assertThat(r.reachesGenesis()).isTrue();
        assertThat(r.tipsets()).isEqualTo(720);
        assertThat(r.nullRounds()).isEqualTo(4);
        assertThat(r.present().get(Part.STATE).describe()).isEqualTo("epochs 0–723");
        assertThat(r.present().get(Part.MESSAGES).describe()).isEqualTo("epochs 0–723");
        // the head's receipts would be in its child
        assertThat(r.present().get(Part.RECEIPTS).describe()).isEqualTo("epochs 0–722");
        assertThat(r.replayable().describe()).isEqualTo("epochs 0–722");
        assertThat(r.headRunnable()).isTrue();
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void liteSnapshotIsCoveredAsDesigned() {
        // chain4.car: every header, the genesis state (shared by epoch 1), messages, and only some receipts
        ChainCoverage.Report r = report(Chain4.load(), List.of(Chain4.EPOCH3));
        assertThat(r.oldest().epoch()).isZero();
        assertThat(r.reachesGenesis()).isTrue();
        assertThat(r.headersEndAt()).isEmpty();
        assertThat(r.present().get(Part.STATE).describe()).isEqualTo("epochs 0–1");
        assertThat(r.present().get(Part.MESSAGES).describe()).isEqualTo("epochs 0–3");
        assertThat(r.present().get(Part.RECEIPTS).describe()).isEqualTo("epochs 0, 2");
        assertThat(r.replayable().describe()).isEqualTo("epoch 0");
        assertThat(r.headRunnable()).isFalse();
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void headersThatStopShortSayWhere() {
        ChainCoverage.Report r = report(new Hiding(Chain4.load(), Set.of(Chain4.EPOCH1)), List.of(Chain4.EPOCH3));
        assertThat(r.oldest().epoch()).isEqualTo(2);
        assertThat(r.reachesGenesis()).isFalse();
        assertThat(r.headersEndAt()).containsExactly(Chain4.EPOCH1);
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void missingStateBlockIsAnErrorForTheEpochsWhoseStateHoldsIt() {
        // a block one level below the state root of epoch 400, which later epochs may share
        List<TipsetEntry> chain = ChainIndex.walk(devnetA, devnetAHead);
        Cid stateRoot = chain.stream()
                .filter(t -> t.epoch() == 400)
                .findFirst()
                .orElseThrow()
                .parentStateRoot();
        List<Cid> below = new ArrayList<>();
        DagCbor.forEachLink(devnetA.get(stateRoot), below::add);
        Cid actors = below.get(0);
        Blockstore hidden = new Hiding(devnetA, Set.of(actors));

        // expected independently: the epochs whose state DAG reaches the block
        TreeSet<Long> expected = new TreeSet<>();
        for (TipsetEntry t : chain) {
            if (new DagWalker(hidden, true)
                    .walk(List.of(t.parentStateRoot()), (c, d) -> {})
                    .missing()
                    .contains(actors)) {
                expected.add(t.epoch());
            }
        }
        assertThat(expected).contains(400L);

        ChainCoverage.Report r = report(hidden, devnetAHead);
        assertThat(r.errors()).isNotEmpty().allSatisfy(g -> {
            assertThat(g.part()).isEqualTo(Part.STATE);
            assertThat(g.missing()).containsExactly(actors);
        });
        TreeSet<Long> reported = new TreeSet<>();
        for (ChainCoverage.Gap g : r.errors()) {
            chain.stream()
                    .map(TipsetEntry::epoch)
                    .filter(e -> e >= g.epochs().from() && e <= g.epochs().to())
                    .forEach(reported::add);
        }
        assertThat(reported).isEqualTo(expected);
        assertThat(r.present().get(Part.MESSAGES).describe()).isEqualTo("epochs 0–723");
        assertThat(r.replayable().ranges()).noneMatch(range -> range.from() <= 400 && 400 <= range.to());
    }

    @Test
    void absentStateRootInsideAFullChainIsAnError() {
        List<TipsetEntry> chain = ChainIndex.walk(devnetA, devnetAHead);
        TipsetEntry t = chain.stream().filter(e -> e.epoch() == 500).findFirst().orElseThrow();
        ChainCoverage.Report r = report(new Hiding(devnetA, Set.of(t.parentStateRoot())), devnetAHead);
        assertThat(r.errors()).singleElement().satisfies(g -> {
            assertThat(g.part()).isEqualTo(Part.STATE);
            assertThat(g.epochs()).isEqualTo(new EpochRanges.Range(500, 500));
            assertThat(g.missing()).containsExactly(t.parentStateRoot());
        });
    }

    @Test
    void commitmentCidsAreLinksNotBlocks() {
        MemoryBlockstore store = new MemoryBlockstore();
        Cid commD = Cid.parse("baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq");
        Cid commR = Cid.parse("bagboea4b5abcatlxechwbp7kjpjguna6r6q7ejrhe6mdp3lf34pmswn27pkkiekz");
        byte[] data = new org.fvmreplay.ipld.cbor.CborWriter()
                .writeArrayHeader(2)
                .writeCid(commD)
                .writeCid(commR)
                .toByteArray();
        Cid root = store.putDagCbor(data);
        assertThat(new SubtreeCheck(store).missing(root)).isEmpty();
    }

    private static ChainCoverage.Report report(Blockstore blocks, List<Cid> head) {
        return new ChainCoverage(blocks, new SubtreeCheck(blocks)).report(head);
    }

    /** A store with some blocks deleted. */
    private record Hiding(Blockstore blocks, Set<Cid> hidden) implements Blockstore {
        @Override
        public byte[] get(Cid cid) {
            return hidden.contains(cid) ? null : blocks.get(cid);
        }

        @Override
        public boolean has(Cid cid) {
            return !hidden.contains(cid) && blocks.has(cid);
        }

        @Override
        public void put(Cid cid, byte[] data) {
            throw new UnsupportedOperationException();
        }
    }
}
