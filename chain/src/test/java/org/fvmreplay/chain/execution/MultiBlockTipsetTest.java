package org.fvmreplay.chain.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.chain.SharedChain;
import org.fvmreplay.chain.TipsetInputs;
import org.fvmreplay.chain.block.BlockHeader;
import org.fvmreplay.chain.block.ChainMessage;
import org.fvmreplay.chain.block.Ticket;
import org.fvmreplay.chain.block.Tipset;
import org.fvmreplay.chain.block.TxMeta;
import org.fvmreplay.chain.message.BlockMessages;
import org.fvmreplay.chain.network.NetworkConfig;
import org.fvmreplay.chain.receipt.MessageReceipt;
import org.fvmreplay.chain.receipt.Receipts;
import org.fvmreplay.chain.store.ChainStore;
import org.fvmreplay.fvm.state.StateTree;
import org.fvmreplay.ipld.address.Address;
import org.fvmreplay.ipld.amt.Amt;
import org.fvmreplay.ipld.amt.AmtFormat;
import org.fvmreplay.ipld.bigint.FilBigInt;
import org.fvmreplay.ipld.blockstore.MemoryBlockstore;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tipset of two blocks that share messages, which the one-miner devnets never produce: devnet-a's tipset 325 (block A:
 * one BLS message, then three secp/delegated ones) plus a block B built from it with another miner and ticket, whose
 * message lists repeat messages of A and add each repeated sender's next message from later in the chain. The blocks
 * live in the overlay store the replay tests share (dropped afterwards). Expected values are derived here from the
 * blocks, not from the executor.
 */
class MultiBlockTipsetTest {
    private static final long EPOCH = 325;
    /** An account actor of devnet-a's state at 325 that is not the block's miner: block B's reward recipient. */
    private static final Address MINER_B = Address.id(1005);

    private static SharedChain shared;
    private static OverlayBlockstore overlay;
    private static ChainStore chain;
    private static TipsetExecutor executor;

    @BeforeAll
    static void setUp() {
        shared = SharedChain.devnetA();
        Replays.Overlaid overlaid = Replays.overlaid(shared);
        overlay = overlaid.overlay();
        chain = overlaid.chain();
        executor = overlaid.executor();
    }

    @AfterAll
    static void dropBlocks() {
        overlay.reset();
    }

    @Test
    void eachMessageOnceInBlockOrderWithOneRewardPerBlock() {
        Tipset single = Replays.at(shared, EPOCH);
        Tipset.Block a = single.blocks().get(0);
        List<ChainMessage> aMessages = chain.blockMessages(a.header());
        int aBls = chain.blsMessageCount(a.header());
        assertThat(aMessages).hasSize(4);
        assertThat(aBls).isEqualTo(1);
        ChainMessage aBlsMessage = aMessages.get(0);
        ChainMessage aSecpMessage = null;
        ChainMessage nextSecp = null;
        for (ChainMessage m : aMessages.subList(aBls, aMessages.size())) {
            Optional<ChainMessage> next = nextFromSender(m, false);
            if (next.isPresent()) {
                aSecpMessage = m;
                nextSecp = next.get();
                break;
            }
        }
        assertThat(nextSecp)
                .as("a later secp/delegated message of a sender of block A")
                .isNotNull();
        ChainMessage nextBls = nextFromSender(aBlsMessage, true)
                .orElseThrow(() -> new AssertionError(
                        "no later BLS message of " + aBlsMessage.message().from()));
        assertThat(StateTree.load(shared.store(), single.parentStateRoot())
                        .actor(MINER_B.id())
                        .orElseThrow()
                        .code())
                .isNotNull();
        assertThat(MINER_B).isNotEqualTo(a.header().miner());

        // Block B lists A's messages around the new ones: the repeats must not run again. BLS first, whatever the order
        // of its lists, and the new secp message before its sender's repeated (older) one.
        Cid blsList = messageList(List.of(aBlsMessage.cid(), nextBls.cid()));
        Cid secpList = messageList(
                List.of(nextSecp.cid(), aSecpMessage.cid(), aMessages.get(3).cid()));
        TxMeta meta = new TxMeta(blsList, secpList);
        Cid metaCid = overlay.putDagCbor(meta.encode());
        BlockHeader ha = a.header();
        Ticket ticketB = ticketAfter(ha.ticket().orElseThrow());
        BlockHeader hb = new BlockHeader(
                MINER_B,
                Optional.of(ticketB),
                ha.electionProof(),
                ha.beaconEntries(),
                ha.winPoStProofs(),
                ha.parents(),
                ha.parentWeight(),
                ha.height(),
                ha.parentStateRoot(),
                ha.parentMessageReceipts(),
                metaCid,
                ha.blsAggregate(),
                ha.timestamp(),
                ha.blockSig(),
                ha.forkSignaling(),
                ha.parentBaseFee());
        Tipset.Block b = Replays.put(overlay, hb);
        // given in the wrong order: the tipset orders blocks by ticket digest, and B's digest is the larger
        Tipset multi = Tipset.of(List.of(b, a));
        assertThat(multi.cids()).containsExactly(a.cid(), b.cid());

        // which messages, in which order, from which block
        List<Cid> expectedOrder = new ArrayList<>();
        aMessages.forEach(m -> expectedOrder.add(m.cid()));
        expectedOrder.add(nextBls.cid());
        expectedOrder.add(nextSecp.cid());
        StateTree parentTree = StateTree.load(overlay, multi.parentStateRoot());
        TipsetInputs inputs =
                TipsetInputs.of(chain, NetworkConfig.read(shared.manifestPath()), multi, parentTree::resolve);
        assertThat(inputs.blocks()).extracting(BlockMessages::block).containsExactly(a.cid(), b.cid());
        assertThat(inputs.blocks()).extracting(BlockMessages::miner).containsExactly(ha.miner(), MINER_B);
        assertThat(inputs.blocks()).extracting(BlockMessages::winCount).containsExactly(ha.winCount(), ha.winCount());
        assertThat(inputs.blocks().get(0).messages())
                .extracting(ChainMessage::cid)
                .containsExactlyElementsOf(expectedOrder.subList(0, 4));
        assertThat(inputs.blocks().get(1).messages())
                .extracting(ChainMessage::cid)
                .containsExactly(nextBls.cid(), nextSecp.cid());

        TipsetOutcome.Executed one = (TipsetOutcome.Executed) executor.execute(single);
        TipsetOutcome.Executed two = (TipsetOutcome.Executed) executor.execute(multi);

        assertThat(two.messages()).extracting(m -> m.message().cid()).containsExactlyElementsOf(expectedOrder);
        assertThat(two.messages())
                .extracting(TipsetOutcome.AppliedMessage::block)
                .containsExactly(a.cid(), a.cid(), a.cid(), a.cid(), b.cid(), b.cid());

        // the shared messages ran first, on the same state: the receipts the chain recorded for the one-block tipset
        List<MessageReceipt> recorded =
                Receipts.load(shared.store(), Replays.child(shared, single).parentMessageReceipts());
        List<MessageReceipt> receipts = two.messages().stream()
                .map(TipsetOutcome.AppliedMessage::receipt)
                .toList();
        assertThat(receipts.subList(0, 4)).containsExactlyElementsOf(recorded);
        assertThat(one.messages().stream()
                        .map(TipsetOutcome.AppliedMessage::receipt)
                        .toList())
                .containsExactlyElementsOf(recorded);
        // B's messages are each sender's next nonce after A's: they execute (exit code aside), not fail validation
        assertThat(receipts.subList(4, 6))
                .allSatisfy(r -> assertThat(r.gasUsed()).isPositive());
        assertThat(two.receiptsRoot()).isEqualTo(Receipts.root(new MemoryBlockstore(), receipts));
        assertThat(two.stateRoot()).isNotEqualTo(one.stateRoot());

        // one reward per block with that block's own sums, then one cron
        assertThat(two.implicit())
                .extracting(i -> i.kind() + "@" + i.epoch())
                .containsExactly("reward@325", "reward@325", "cron@325");
        assertThat(two.implicit())
                .allSatisfy(i -> assertThat(i.result().exitCode()).isZero());
        List<TipsetOutcome.AppliedMessage> fromA = two.messages().subList(0, 4);
        List<TipsetOutcome.AppliedMessage> fromB = two.messages().subList(4, 6);
        RewardParams rewardA =
                RewardParams.decode(two.implicit().get(0).message().params());
        RewardParams rewardB =
                RewardParams.decode(two.implicit().get(1).message().params());
        assertThat(rewardA).isEqualTo(new RewardParams(ha.miner(), penalty(fromA), tips(fromA), ha.winCount()));
        assertThat(rewardB).isEqualTo(new RewardParams(MINER_B, penalty(fromB), tips(fromB), ha.winCount()));
        // block A's reward is the one-block tipset's reward; B's tips are its own (non-zero: the sums are not shared)
        assertThat(RewardParams.decode(one.implicit().get(0).message().params()))
                .isEqualTo(rewardA);
        assertThat(rewardB.gasReward()).isPositive().isNotEqualTo(rewardA.gasReward());
        assertThat(two.implicit().get(0).message().to()).isEqualTo(Address.id(2));
        assertThat(two.implicit().get(2).message().to()).isEqualTo(Address.id(3));
    }

    /** {@code AwardBlockReward} params {@code [miner, penalty, gas_reward, win_count]}. */
    private record RewardParams(Address miner, BigInteger penalty, BigInteger gasReward, long winCount) {
        static RewardParams decode(byte[] params) {
            CborReader r = CborReader.strict(params);
            r.readArrayHeader(4);
            RewardParams p = new RewardParams(
                    Address.fromBytes(r.readBytes()),
                    FilBigInt.decode(r.readBytes()),
                    FilBigInt.decode(r.readBytes()),
                    r.readLong());
            r.expectEnd();
            return p;
        }
    }

    private static BigInteger penalty(List<TipsetOutcome.AppliedMessage> messages) {
        return messages.stream().map(m -> m.result().penalty()).reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static BigInteger tips(List<TipsetOutcome.AppliedMessage> messages) {
        return messages.stream().map(m -> m.result().minerTip()).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** The sender's message with the next nonce, from a later tipset of the chain, signed the same way. */
    private static Optional<ChainMessage> nextFromSender(ChainMessage m, boolean bls) {
        for (JsonNode record : shared.tipsets()) {
            if (record.get("epoch").asLong() <= EPOCH) {
                continue;
            }
            for (Tipset.Block block : chain.tipset(SharedChain.key(record)).blocks()) {
                for (ChainMessage c : chain.blockMessages(block.header())) {
                    if (c.message().from().equals(m.message().from())
                            && c.message().sequence() == m.message().sequence() + 1
                            && c.signature().isEmpty() == bls) {
                        return Optional.of(c);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A block's message list: a legacy (v0) AMT of message CIDs, as Lotus stores a TxMeta's lists. */
    private static Cid messageList(List<Cid> cids) {
        Amt amt = Amt.create(overlay, AmtFormat.V0, 3);
        for (int i = 0; i < cids.size(); i++) {
            amt.set(i, new CborWriter(48).writeCid(cids.get(i)).toByteArray());
        }
        return amt.flush();
    }

    /** A ticket made from {@code ticket} whose digest sorts after it (the tipset's block order). */
    private static Ticket ticketAfter(Ticket ticket) {
        for (int k = 1; k < 256; k++) {
            byte[] proof = ticket.vrfProof();
            proof[proof.length - 1] ^= (byte) k;
            Ticket candidate = new Ticket(proof);
            if (Arrays.compareUnsigned(candidate.digest(), ticket.digest()) > 0) {
                return candidate;
            }
        }
        throw new AssertionError("no ticket after " + ticket);
    }
}
