package org.fvmreplay.ipld.amt;

import org.fvmreplay.ipld.cid.Cid;

/** A child of an interior AMT node: a stored node (cached once loaded) or a modified, unstored one. */
final class AmtLink {
    private Cid cid;
    private AmtNode node;

    private AmtLink(Cid cid, AmtNode node) {
        this.cid = cid;
        this.node = node;
    }

    static AmtLink stored(Cid cid) {
        return new AmtLink(cid, null);
    }

    static AmtLink dirty(AmtNode node) {
        return new AmtLink(null, node);
    }

    boolean isDirty() {
        return cid == null;
    }

    Cid cid() {
        return cid;
    }

    /** The dirty node, or the cached stored node (null when not loaded yet). */
    AmtNode node() {
        return node;
    }

    void cache(AmtNode loaded) {
        node = loaded;
    }

    void markDirty(AmtNode modified) {
        cid = null;
        node = modified;
    }

    void markStored(Cid stored, AmtNode cached) {
        cid = stored;
        node = cached;
    }
}
