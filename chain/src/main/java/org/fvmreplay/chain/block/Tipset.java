package org.fvmreplay.chain.block;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The blocks of one epoch that share parents, in Lotus's tipset order ({@code tipsetSortFunc}): ascending
 * blake2b-256 of the ticket VRF proof, equal tickets by block CID bytes.
 */
public final class Tipset {
    private final List<Block> blocks;
    private final TipsetKey key;

    /** A header with its CID, so ordering and keys need not re-hash. */
    public record Block(Cid cid, BlockHeader header) {
        public Block {
            requireNonNull(cid, "cid is null");
            requireNonNull(header, "header is null");
        }
    }

    private Tipset(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
        this.key = new TipsetKey(this.blocks.stream().map(Block::cid).toList());
    }

    /**
     * Forms a tipset from blocks in any order. Throws {@link IllegalArgumentException} when there are none, when one
     * has no ticket, or when heights, parents or parent state roots differ (Lotus {@code NewTipSet}).
     */
    public static Tipset of(List<Block> blocks) {
        requireNonNull(blocks, "blocks is null");
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("a tipset has at least one block");
        }
        BlockHeader first = blocks.get(0).header();
        for (Block b : blocks) {
            BlockHeader h = b.header();
            if (h.ticket().isEmpty()) {
                throw new IllegalArgumentException("block " + b.cid() + " has no ticket");
            }
            if (h.height() != first.height()
                    || !h.parents().equals(first.parents())
                    || !h.parentStateRoot().equals(first.parentStateRoot())) {
                throw new IllegalArgumentException("blocks " + blocks.get(0).cid() + " and " + b.cid()
                        + " differ in height, parents or parent state root");
            }
        }
        List<Block> sorted = new ArrayList<>(blocks);
        sorted.sort(ORDER);
        return new Tipset(sorted);
    }

    private static final Comparator<Block> ORDER = (a, b) -> {
        byte[] ta = a.header().ticket().orElseThrow().vrfProof();
        byte[] tb = b.header().ticket().orElseThrow().vrfProof();
        if (Arrays.equals(ta, tb)) {
            return Arrays.compareUnsigned(a.cid().toBytes(), b.cid().toBytes());
        }
        return Arrays.compareUnsigned(
                a.header().ticket().get().digest(), b.header().ticket().get().digest());
    };

    public List<Block> blocks() {
        return blocks;
    }

    public List<BlockHeader> headers() {
        return blocks.stream().map(Block::header).toList();
    }

    public TipsetKey key() {
        return key;
    }

    public List<Cid> cids() {
        return key.cids();
    }

    public long height() {
        return blocks.get(0).header().height();
    }

    public TipsetKey parents() {
        return new TipsetKey(blocks.get(0).header().parents());
    }

    public Cid parentStateRoot() {
        return blocks.get(0).header().parentStateRoot();
    }

    public Cid parentMessageReceipts() {
        return blocks.get(0).header().parentMessageReceipts();
    }

    /** The base fee the tipset's own messages pay, in attoFIL (Lotus takes the first block's). */
    public BigInteger parentBaseFee() {
        return blocks.get(0).header().parentBaseFee();
    }

    public BigInteger parentWeight() {
        return blocks.get(0).header().parentWeight();
    }

    /** The smallest block timestamp, seconds since the Unix epoch: the VM's timestamp for this tipset. */
    public long minTimestamp() {
        return blocks.stream().mapToLong(b -> b.header().timestamp()).min().orElseThrow();
    }

    /** The block with the smallest ticket digest (the first such in tipset order): the chain randomness source. */
    public Block minTicketBlock() {
        Block min = blocks.get(0);
        for (Block b : blocks.subList(1, blocks.size())) {
            if (Arrays.compareUnsigned(
                            b.header().ticket().get().digest(),
                            min.header().ticket().get().digest())
                    < 0) {
                min = b;
            }
        }
        return min;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tipset t && t.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "Tipset[" + height() + " " + key + "]";
    }
}
