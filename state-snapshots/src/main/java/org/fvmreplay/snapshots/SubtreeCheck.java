package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.cid.MultihashCode;

/**
 * Answers "is the whole DAG below this CID in the store, and if not, which blocks are missing?"
 * for many roots that share most of their blocks (the state trees of consecutive epochs). Every
 * subtree's answer is remembered, so each block is read and parsed once however many roots reach
 * it. Links are followed as {@link DagWalker} follows them: DAG-CBOR links; raw, CBOR (0x51) and
 * other blocks are leaves; piece and sector commitments and identity CIDs are not blocks.
 */
public final class SubtreeCheck {
    private final Blockstore blocks;
    private final Set<Cid> complete = new HashSet<>();
    /** Incomplete subtrees and the missing blocks below them; small unless much is missing. */
    private final Map<Cid, Set<Cid>> incomplete = new HashMap<>();

    private long blocksRead;

    public SubtreeCheck(Blockstore blocks) {
        this.blocks = requireNonNull(blocks, "blocks is null");
    }

    /** The blocks missing below {@code root} (the root itself if absent), in discovery order; empty when complete. */
    public Set<Cid> missing(Cid root) {
        requireNonNull(root, "root is null");
        Set<Cid> known = known(root);
        if (known != null) {
            return known;
        }
        // iterative post-order walk: a frame finishes once all its links have answers
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root));
        Set<Cid> result = null;
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (frame.links == null) {
                byte[] data = blocks.get(frame.cid);
                if (data == null) {
                    frame.links = List.of();
                    frame.addMissing(Set.of(frame.cid));
                } else {
                    blocksRead++;
                    frame.links = links(frame.cid, data);
                }
            }
            if (frame.next < frame.links.size()) {
                Cid link = frame.links.get(frame.next++);
                Set<Cid> answer = known(link);
                if (answer == null) {
                    stack.push(new Frame(link));
                } else {
                    frame.addMissing(answer);
                }
                continue;
            }
            stack.pop();
            result = frame.missing == null ? Set.of() : Collections.unmodifiableSet(frame.missing);
            if (result.isEmpty()) {
                complete.add(frame.cid);
            } else {
                incomplete.put(frame.cid, result);
            }
            if (!stack.isEmpty()) {
                stack.peek().addMissing(result);
            }
        }
        return result;
    }

    /** Distinct blocks read so far. */
    public long blocksRead() {
        return blocksRead;
    }

    private Set<Cid> known(Cid cid) {
        if (isNotABlock(cid) || complete.contains(cid)) {
            return Set.of();
        }
        return incomplete.get(cid);
    }

    static boolean isNotABlock(Cid cid) {
        return cid.codec() == Multicodec.FIL_COMMITMENT_UNSEALED
                || cid.codec() == Multicodec.FIL_COMMITMENT_SEALED
                || cid.multihash().code() == MultihashCode.IDENTITY;
    }

    private static List<Cid> links(Cid cid, byte[] data) {
        if (cid.codec() != Multicodec.DAG_CBOR) {
            return List.of();
        }
        List<Cid> links = new ArrayList<>();
        try {
            DagCbor.forEachLink(data, links::add);
        } catch (CborException e) {
            throw new SnapshotStoreException("block " + cid + " is not valid DAG-CBOR: " + e.getMessage(), e);
        }
        return links;
    }

    private static final class Frame {
        final Cid cid;
        List<Cid> links;
        int next;
        Set<Cid> missing;

        Frame(Cid cid) {
            this.cid = cid;
        }

        void addMissing(Set<Cid> more) {
            if (more.isEmpty()) {
                return;
            }
            if (missing == null) {
                missing = new LinkedHashSet<>();
            }
            missing.addAll(more);
        }
    }
}
