package org.fvmreplay.ipld.blockstore;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;

/**
 * The VM's write buffer over a base store. Execution writes many intermediate blocks that the
 * final state no longer references; as ref-fvm's buffered blockstore does, {@link #flush} writes
 * to the base only the buffered blocks reachable from the new root, then forgets the rest.
 * Not thread-safe: one per machine.
 */
public final class BufferedBlockstore implements Blockstore {
    private final Blockstore base;
    private final Map<Cid, byte[]> buffer = new HashMap<>();

    public BufferedBlockstore(Blockstore base) {
        this.base = requireNonNull(base, "base");
    }

    public Blockstore base() {
        return base;
    }

    @Override
    public byte[] get(Cid cid) {
        byte[] data = buffer.get(cid);
        return data != null ? data : base.get(cid);
    }

    @Override
    public boolean has(Cid cid) {
        return buffer.containsKey(cid) || base.has(cid);
    }

    @Override
    public void put(Cid cid, byte[] data) {
        buffer.put(requireNonNull(cid, "cid"), requireNonNull(data, "data"));
    }

    /** Number of blocks written since the last flush. */
    public int bufferedCount() {
        return buffer.size();
    }

    /**
     * Writes the buffered blocks reachable from {@code root} to the base store (following links
     * only through buffered DAG-CBOR blocks: anything else is already in the base), then clears
     * the buffer. Returns the number of blocks written.
     */
    public int flush(Cid root) {
        requireNonNull(root, "root");
        List<Block> reachable = new ArrayList<>();
        Set<Cid> seen = new HashSet<>();
        Deque<Cid> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Cid cid = pending.pop();
            if (!seen.add(cid)) {
                continue;
            }
            byte[] data = buffer.get(cid);
            if (data == null) {
                continue;
            }
            reachable.add(new Block(cid, data));
            if (cid.codec() == Multicodec.DAG_CBOR) {
                DagCbor.forEachLink(data, pending::push);
            }
        }
        base.putAll(reachable);
        buffer.clear();
        return reachable.size();
    }

    /** Drops every buffered write (used when a message's state changes are discarded). */
    public void discard() {
        buffer.clear();
    }
}
