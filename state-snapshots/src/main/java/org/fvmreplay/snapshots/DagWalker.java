package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.MultihashCode;

/**
 * Depth-first traversal of the DAG below some roots, each block once, roots first. Links are read
 * from DAG-CBOR blocks; raw blocks are leaves; DAG-PB links are not followed (Filecoin state and
 * chain data never use DAG-PB). Piece and sector commitments (fil-commitment-unsealed/sealed CIDs
 * in miner and market state) name data outside the chain, not blocks, so they are not followed;
 * identity CIDs (early actor code CIDs) carry their data inline and are skipped too.
 * Absent blocks are collected, not fatal, so a caller can report them all.
 */
public final class DagWalker {
    /** A 16-element CBOR array starts with this byte: the cheap pre-check for a block header. */
    private static final int ARRAY_OF_16 = 0x90;

    private final Blockstore blocks;
    private final boolean followHeaderParents;

    /**
     * @param followHeaderParents false to stop at the parents of block headers (exporting a tipset
     *     range must not drag in the whole history before it)
     */
    public DagWalker(Blockstore blocks, boolean followHeaderParents) {
        this.blocks = requireNonNull(blocks, "blocks");
        this.followHeaderParents = followHeaderParents;
    }

    /** What a walk found. */
    public record Result(long blocks, long bytes, List<Cid> missing) {
        public Result {
            missing = List.copyOf(missing);
        }

        public boolean complete() {
            return missing.isEmpty();
        }
    }

    /** Walks from {@code roots}, calling {@code visitor} with every present block. */
    public Result walk(List<Cid> roots, BiConsumer<Cid, byte[]> visitor) {
        requireNonNull(roots, "roots");
        requireNonNull(visitor, "visitor");
        Set<Cid> seen = new HashSet<>();
        Deque<Cid> stack = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(roots.get(i));
        }
        List<Cid> missing = new ArrayList<>();
        long count = 0;
        long bytes = 0;
        while (!stack.isEmpty()) {
            Cid cid = stack.pop();
            if (!seen.add(cid) || isNotABlock(cid)) {
                continue;
            }
            byte[] data = blocks.get(cid);
            if (data == null) {
                missing.add(cid);
                continue;
            }
            visitor.accept(cid, data);
            count++;
            bytes += data.length;
            List<Cid> links = links(cid, data);
            for (int i = links.size() - 1; i >= 0; i--) {
                if (!seen.contains(links.get(i))) {
                    stack.push(links.get(i));
                }
            }
        }
        return new Result(count, bytes, missing);
    }

    private static boolean isNotABlock(Cid cid) {
        return cid.codec() == Multicodec.FIL_COMMITMENT_UNSEALED
                || cid.codec() == Multicodec.FIL_COMMITMENT_SEALED
                || cid.multihash().code() == MultihashCode.IDENTITY;
    }

    private List<Cid> links(Cid cid, byte[] data) {
        if (cid.codec() != Multicodec.DAG_CBOR) {
            return List.of();
        }
        List<Cid> links = new ArrayList<>();
        try {
            DagCbor.forEachLink(data, links::add);
        } catch (CborException e) {
            throw new SnapshotStoreException("block " + cid + " is not valid DAG-CBOR: " + e.getMessage(), e);
        }
        if (!followHeaderParents && data.length > 0 && (data[0] & 0xFF) == ARRAY_OF_16) {
            Optional<BlockHeader> header = BlockHeader.tryParse(cid, data);
            header.ifPresent(h -> links.removeAll(h.parents()));
        }
        return links;
    }
}
