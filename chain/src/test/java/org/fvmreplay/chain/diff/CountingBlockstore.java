package org.fvmreplay.chain.diff;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;

/** A blockstore that counts the blocks read through it, to bound what a diff costs. */
final class CountingBlockstore implements Blockstore {
    private final Blockstore base;
    private int reads;

    CountingBlockstore(Blockstore base) {
        this.base = requireNonNull(base, "base is null");
    }

    @Override
    public byte[] get(Cid cid) {
        reads++;
        return base.get(cid);
    }

    @Override
    public boolean has(Cid cid) {
        reads++;
        return base.has(cid);
    }

    @Override
    public void put(Cid cid, byte[] data) {
        base.put(cid, data);
    }

    /** Blocks read (or asked about) since the last reset, re-reads included. */
    int reads() {
        return reads;
    }

    void reset() {
        reads = 0;
    }
}
