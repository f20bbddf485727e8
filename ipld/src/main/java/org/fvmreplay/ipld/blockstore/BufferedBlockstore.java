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
    private static final long CBOR = 0x51;
    private static final long FIL_COMMITMENT_UNSEALED = 0xf101;
    private static final long FIL_COMMITMENT_SEALED = 0xf102;
    private static final long IDENTITY = 0x00;
    private static final long BLAKE2B_256 = 0xb220;

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
     * Writes the buffered blocks reachable from {@code root} to the base store, then clears the buffer; returns the
     * number of blocks written. As ref-fvm's {@code take_reachable}: links are followed through buffered DAG-CBOR blocks
     * and through the inline content of DAG-CBOR identity CIDs (anything else is already in the base); sector
     * commitments are skipped; a reachable link with another codec than raw, CBOR or DAG-CBOR, or another hash than
     * 32-byte blake2b-256 or identity, fails the flush with a {@link BlockstoreException} and writes nothing.
     */
    public int flush(Cid root) {
        requireNonNull(root, "root");
        List<Block> reachable = new ArrayList<>();
        Set<Cid> seen = new HashSet<>();
        Deque<Cid> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Cid cid = pending.pop();
            long codec = cid.codec();
            if (codec == FIL_COMMITMENT_UNSEALED || codec == FIL_COMMITMENT_SEALED) {
                continue;
            }
            if (codec != Multicodec.RAW && codec != Multicodec.DAG_CBOR && codec != CBOR) {
                throw new BlockstoreException(
                        "cannot flush state " + root + ": cid " + cid + " has unexpected codec (" + codec + ")");
            }
            long hash = cid.multihash().code();
            boolean identity = hash == IDENTITY;
            if (!identity && !(hash == BLAKE2B_256 && cid.multihash().digestLength() == 32)) {
                throw new BlockstoreException(
                        "cannot flush state " + root + ": cid " + cid + " has unexpected multihash (code=" + hash
                                + ", len=" + cid.multihash().digestLength() + ")");
            }
            if (!seen.add(cid)) {
                continue;
            }
            if (identity) {
                if (codec == Multicodec.DAG_CBOR) {
                    DagCbor.forEachLink(cid.multihash().digest(), pending::push);
                }
                continue;
            }
            byte[] data = buffer.get(cid);
            if (data == null) {
                continue;
            }
            reachable.add(new Block(cid, data));
            if (codec == Multicodec.DAG_CBOR) {
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
