package org.fvmreplay.chain.execution;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;

/**
 * A blockstore over a shared one that it never modifies: puts (which may replace a block under its CID) and hidden
 * blocks live in the overlay, so tests can add or tamper with blocks without touching the store other tests use.
 */
final class OverlayBlockstore implements Blockstore {
    private final Blockstore base;
    private final Map<Cid, byte[]> added = new HashMap<>();
    private final Set<Cid> hidden = new HashSet<>();

    OverlayBlockstore(Blockstore base) {
        this.base = requireNonNull(base, "base is null");
    }

    @Override
    public byte[] get(Cid cid) {
        if (hidden.contains(cid)) {
            return null;
        }
        byte[] data = added.get(cid);
        return data != null ? data : base.get(cid);
    }

    @Override
    public boolean has(Cid cid) {
        return !hidden.contains(cid) && (added.containsKey(cid) || base.has(cid));
    }

    @Override
    public void put(Cid cid, byte[] data) {
        added.put(
                requireNonNull(cid, "cid is null"),
                requireNonNull(data, "data is null").clone());
        hidden.remove(cid);
    }

    /** Makes the block absent, as if the store had lost it. */
    void hide(Cid cid) {
        hidden.add(requireNonNull(cid, "cid is null"));
    }

    /** Drops every put and hidden block: the overlay reads as its base again. */
    void reset() {
        added.clear();
        hidden.clear();
    }
}
