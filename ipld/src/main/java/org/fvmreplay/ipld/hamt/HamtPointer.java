package org.fvmreplay.ipld.hamt;

import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.ipld.cid.Cid;

/**
 * One child slot of a HAMT node, in one of three states: a bucket of entries stored inline, a
 * link to a stored node (with that node cached once loaded), or a modified node not yet stored.
 */
final class HamtPointer {
    private ArrayList<HamtEntry> bucket;
    private Cid cid;
    private HamtNode node;

    private HamtPointer(ArrayList<HamtEntry> bucket, Cid cid, HamtNode node) {
        this.bucket = bucket;
        this.cid = cid;
        this.node = node;
    }

    static HamtPointer bucket(List<HamtEntry> entries) {
        return new HamtPointer(new ArrayList<>(entries), null, null);
    }

    static HamtPointer link(Cid cid) {
        return new HamtPointer(null, cid, null);
    }

    static HamtPointer dirty(HamtNode node) {
        return new HamtPointer(null, null, node);
    }

    boolean isBucket() {
        return bucket != null;
    }

    boolean isLink() {
        return cid != null;
    }

    boolean isDirty() {
        return bucket == null && cid == null;
    }

    ArrayList<HamtEntry> entries() {
        return bucket;
    }

    Cid cid() {
        return cid;
    }

    /** The child node: the dirty node, or the cached node of a link (null when not loaded yet). */
    HamtNode node() {
        return node;
    }

    void cache(HamtNode loaded) {
        this.node = loaded;
    }

    void becomeBucket(List<HamtEntry> entries) {
        this.bucket = new ArrayList<>(entries);
        this.cid = null;
        this.node = null;
    }

    void becomeDirty(HamtNode modified) {
        this.bucket = null;
        this.cid = null;
        this.node = modified;
    }

    /** After a flush the node stays cached so later reads need no block fetch. */
    void becomeLink(Cid stored, HamtNode cached) {
        this.bucket = null;
        this.cid = stored;
        this.node = cached;
    }
}
