package org.fvmreplay.chain.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.chain.SharedChain;
import org.fvmreplay.chain.block.BlockHeader;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.receipt.MessageReceipt;
import org.fvmreplay.chain.receipt.Receipts;
import org.fvmreplay.fvm.state.ActorState;
import org.fvmreplay.fvm.state.StateTree;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replay over a store that lost or altered blocks reports it (MISMATCH or MISSING_STATE naming the block) instead of
 * failing. Devnet-a's tipset 325 (nv28, four messages: one event, exit 21, exit 33) and its child 326, over the overlay
 * store the replay tests share (reset around each test), with their executor, so the actors compile once.
 */
class TamperedStoreTest {
    private static final long EPOCH = 325;

    private static SharedChain shared;
    private static OverlayBlockstore overlay;
    private static TipsetReplay replay;
    private static Tipset tipset;
    private static Tipset child;

    @BeforeAll
    static void setUp() {
        shared = SharedChain.devnetA();
        Replays.Overlaid overlaid = Replays.overlaid(shared);
        overlay = overlaid.overlay();
        replay = overlaid.replay();
        tipset = Replays.at(shared, EPOCH);
        child = Replays.child(shared, tipset);
    }

    @BeforeEach
    @AfterEach
    void untamper() {
        overlay.reset();
    }

    @Test
    void untamperedOverlayMatches() {
        assertThat(replay.replay(tipset, child).status()).isEqualTo(ReplayStatus.MATCH);
    }

    @Test
    void childRecordingATamperedReceiptIsAMismatchNamingThatReceipt() {
        List<MessageReceipt> recorded = Receipts.load(shared.store(), child.parentMessageReceipts());
        assertThat(recorded).hasSize(4);
        List<MessageReceipt> tampered = new ArrayList<>(recorded);
        MessageReceipt original = recorded.get(2);
        // one bit of the third receipt's gas used: same CBOR length, a different AMT root block
        tampered.set(
                2,
                new MessageReceipt(
                        original.exitCode(), original.returnData(), original.gasUsed() ^ 1, original.eventsRoot()));
        Cid tamperedRoot = Receipts.root(overlay, tampered);
        Tipset tamperedChild = Tipset.of(List.of(Replays.put(
                overlay,
                Replays.withParentRoots(child.blocks().get(0).header(), child.parentStateRoot(), tamperedRoot))));

        TipsetReport report = replay.replay(tipset, tamperedChild);

        assertThat(report.status()).isEqualTo(ReplayStatus.MISMATCH);
        assertThat(report.computedStateRoot()).contains(child.parentStateRoot());
        assertThat(report.computedReceiptsRoot()).contains(child.parentMessageReceipts());
        assertThat(report.expectedReceiptsRoot()).isEqualTo(tamperedRoot);
        TipsetReport.ReceiptDifference difference = report.firstDifference().orElseThrow();
        assertThat(difference.index()).isEqualTo(2);
        Cid third = shared.chain()
                .blockMessages(tipset.blocks().get(0).header())
                .get(2)
                .cid();
        assertThat(difference.messageCid()).contains(third);
        assertThat(difference.expected()).contains(tampered.get(2));
        assertThat(difference.actual()).contains(original);
        assertThat(report.detail())
                .contains(
                        "state root matches",
                        "receipts root " + child.parentMessageReceipts() + " != " + tamperedRoot,
                        "first differing receipt #2 (" + third + ")",
                        "gas " + (original.gasUsed() ^ 1),
                        "gas " + original.gasUsed());
    }

    @Test
    void tamperedReceiptsBlockUnderItsOriginalCidIsNotReadWhenTheRootsMatch() {
        // The child's header commits to the receipts by CID, and the replay compares CIDs: bytes swapped in under the
        // original CID are never read while the computed roots equal the header's, so the replay still matches.
        List<MessageReceipt> recorded = Receipts.load(shared.store(), child.parentMessageReceipts());
        List<MessageReceipt> tampered = new ArrayList<>(recorded);
        tampered.set(
                2,
                new MessageReceipt(
                        recorded.get(2).exitCode(),
                        recorded.get(2).returnData(),
                        recorded.get(2).gasUsed() ^ 1,
                        recorded.get(2).eventsRoot()));
        MemoryBlockstore scratch = new MemoryBlockstore();
        byte[] tamperedBlock = scratch.get(Receipts.root(scratch, tampered));
        overlay.put(child.parentMessageReceipts(), tamperedBlock);
        assertThat(Receipts.load(overlay, child.parentMessageReceipts()).get(2).gasUsed())
                .isEqualTo(recorded.get(2).gasUsed() ^ 1);

        TipsetReport report = replay.replay(tipset, child);

        assertThat(report.status()).isEqualTo(ReplayStatus.MATCH);
        assertThat(report.firstDifference()).isEmpty();
    }

    @Test
    void missingParentStateRootBlockIsMissingState() {
        overlay.hide(tipset.parentStateRoot());

        TipsetReport report = replay.replay(tipset, child);

        assertThat(report.status()).isEqualTo(ReplayStatus.MISSING_STATE);
        assertThat(report.detail()).contains(tipset.parentStateRoot().toString());
        assertThat(report.computedStateRoot()).isEmpty();
    }

    @Test
    void missingActorStateUnderTheParentStateRootIsMissingState() {
        // the reward actor's state: read by every block reward, deep under the parent state root
        ActorState reward = StateTree.load(shared.store(), tipset.parentStateRoot())
                .actor(2)
                .orElseThrow();
        overlay.hide(reward.head());

        TipsetReport report = replay.replay(tipset, child);

        assertThat(report.status()).isEqualTo(ReplayStatus.MISSING_STATE);
        assertThat(report.detail()).isEqualTo("block " + reward.head() + " is not in the store");
    }

    @Test
    void missingContractStateReadInsideAMessageIsMissingState() {
        // the EVM contract f01012 that the tipset's first message calls: its state is read by the actor inside the VM,
        // where a missing block surfaces as an actor failure unless the executor reports it
        ActorState contract = StateTree.load(shared.store(), tipset.parentStateRoot())
                .actor(1012)
                .orElseThrow();
        overlay.hide(contract.head());

        TipsetReport report = replay.replay(tipset, child);

        assertThat(report.status()).isEqualTo(ReplayStatus.MISSING_STATE);
        assertThat(report.detail()).isEqualTo("block " + contract.head() + " is not in the store");
    }

    @Test
    void childWithAnotherParentStateRootIsAStateRootMismatch() {
        // the grandchild's parent state root: a real state root, just not the one this tipset produces
        Cid other = Replays.child(shared, child).parentStateRoot();
        assertThat(other).isNotEqualTo(child.parentStateRoot());
        BlockHeader header =
                Replays.withParentRoots(child.blocks().get(0).header(), other, child.parentMessageReceipts());
        Tipset changedChild = Tipset.of(List.of(Replays.put(overlay, header)));

        TipsetReport report = replay.replay(tipset, changedChild);

        assertThat(report.status()).isEqualTo(ReplayStatus.MISMATCH);
        assertThat(report.computedStateRoot()).contains(child.parentStateRoot());
        assertThat(report.expectedStateRoot()).isEqualTo(other);
        assertThat(report.detail())
                .startsWith("state root " + child.parentStateRoot() + " != " + other + ", receipts root matches");
        assertThat(report.firstDifference()).isEmpty();
    }
}
