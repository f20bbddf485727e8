package org.fvmreplay.ipld.amt;

import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * An AMT node of {@code 2^bitWidth} slots: a leaf (height 0) holding values, or an interior node
 * holding links. Encoded as {@code [bitmap bytes, [cid...], [value...]]} with bit {@code i} of the
 * little-endian bitmap marking slot {@code i}.
 */
final class AmtNode {
    /** Leaf slots (null for interior nodes). */
    private final byte[][] values;
    /** Interior slots (null for leaves). */
    private final AmtLink[] links;

    private AmtNode(byte[][] values, AmtLink[] links) {
        this.values = values;
        this.links = links;
    }

    static AmtNode emptyLeaf(int bitWidth) {
        return new AmtNode(new byte[1 << bitWidth][], null);
    }

    static AmtNode emptyInterior(int bitWidth) {
        return new AmtNode(null, new AmtLink[1 << bitWidth]);
    }

    static AmtNode interiorOver(AmtNode child, int bitWidth) {
        AmtNode n = emptyInterior(bitWidth);
        n.links[0] = AmtLink.dirty(child);
        return n;
    }

    boolean isLeaf() {
        return values != null;
    }

    /** Width in bytes of the bitmap for a bit width (go-amt-ipld's rule: at least one byte). */
    static int bitmapBytes(int bitWidth) {
        return bitWidth <= 3 ? 1 : 1 << (bitWidth - 3);
    }

    /** {@code 2^(bitWidth*height)}, the index span of one child at this height; saturates at 2^64-1. */
    static long span(int bitWidth, int height) {
        long exp = (long) bitWidth * height;
        return exp >= 64 ? -1L : 1L << exp;
    }

    boolean isEmpty() {
        if (values != null) {
            for (byte[] v : values) {
                if (v != null) {
                    return false;
                }
            }
            return true;
        }
        for (AmtLink l : links) {
            if (l != null) {
                return false;
            }
        }
        return true;
    }

    /** True for an interior node whose only child is in slot 0: the root can drop a level. */
    boolean canCollapse() {
        if (links == null || links[0] == null) {
            return false;
        }
        for (int i = 1; i < links.length; i++) {
            if (links[i] != null) {
                return false;
            }
        }
        return true;
    }

    AmtLink linkAt(int slot) {
        return links[slot];
    }

    byte[] valueAt(int slot) {
        return values[slot];
    }

    int width() {
        return values != null ? values.length : links.length;
    }

    /** The child behind {@code link}, loading and caching a stored node on first use. */
    static AmtNode child(AmtLink link, Blockstore store, int bitWidth, int childHeight) {
        AmtNode n = link.node();
        if (n == null) {
            n = load(store, link.cid(), bitWidth, childHeight);
            link.cache(n);
        }
        return n;
    }

    static AmtNode load(Blockstore store, Cid cid, int bitWidth, int height) {
        byte[] data = store.getOrThrow(cid);
        try {
            CborReader in = CborReader.strict(data);
            AmtNode node = decode(in, bitWidth, height);
            in.expectEnd();
            return node;
        } catch (CborException | IllegalArgumentException e) {
            throw new AmtException(
                    "malformed AMT node " + cid + " at height " + height + ": " + e.getMessage(), cid, e);
        }
    }

    /** Reads a node as ref-fvm's {@code CollapsedNode::expand} does, also checking it fits its height. */
    static AmtNode decode(CborReader in, int bitWidth, int height) {
        in.readArrayHeader(3);
        byte[] bitmap = in.readBytes();
        if (bitmap.length != bitmapBytes(bitWidth)) {
            throw new IllegalArgumentException("expected a bitmap of " + bitmapBytes(bitWidth) + " bytes for bit width "
                    + bitWidth + ", found " + bitmap.length);
        }
        int linkCount = in.readArrayHeader();
        Cid[] cids = new Cid[linkCount];
        for (int i = 0; i < linkCount; i++) {
            cids[i] = in.readCid();
        }
        int valueCount = in.readArrayHeader();
        byte[][] raw = new byte[valueCount][];
        for (int i = 0; i < valueCount; i++) {
            raw[i] = in.readRaw();
        }
        if (linkCount > 0 && valueCount > 0) {
            throw new IllegalArgumentException("node has both links and values");
        }
        if (height == 0 && linkCount > 0) {
            throw new IllegalArgumentException("leaf (height 0) node has links");
        }
        if (height > 0 && valueCount > 0) {
            throw new IllegalArgumentException("interior node (height " + height + ") has values");
        }
        int width = 1 << bitWidth;
        int taken = 0;
        if (height == 0) {
            AmtNode leaf = emptyLeaf(bitWidth);
            for (int i = 0; i < width; i++) {
                if ((bitmap[i >>> 3] & (1 << (i & 7))) != 0) {
                    if (taken == valueCount) {
                        throw new IllegalArgumentException(
                                "bitmap has more set bits than the " + valueCount + " values");
                    }
                    leaf.values[i] = raw[taken++];
                }
            }
            if (taken != valueCount) {
                throw new IllegalArgumentException("bitmap has fewer set bits than the " + valueCount + " values");
            }
            return leaf;
        }
        AmtNode interior = emptyInterior(bitWidth);
        for (int i = 0; i < width; i++) {
            if ((bitmap[i >>> 3] & (1 << (i & 7))) != 0) {
                if (taken == linkCount) {
                    throw new IllegalArgumentException("bitmap has more set bits than the " + linkCount + " links");
                }
                interior.links[i] = AmtLink.stored(cids[taken++]);
            }
        }
        if (taken != linkCount) {
            throw new IllegalArgumentException("bitmap has fewer set bits than the " + linkCount + " links");
        }
        return interior;
    }

    void encode(CborWriter out) {
        int width = width();
        byte[] bitmap = new byte[((width - 1) >>> 3) + 1];
        int present = 0;
        for (int i = 0; i < width; i++) {
            if (values != null ? values[i] != null : links[i] != null) {
                bitmap[i >>> 3] |= (byte) (1 << (i & 7));
                present++;
            }
        }
        out.writeArrayHeader(3);
        out.writeBytes(bitmap);
        if (values != null) {
            out.writeArrayHeader(0);
            out.writeArrayHeader(present);
            for (byte[] v : values) {
                if (v != null) {
                    out.writeRaw(v);
                }
            }
        } else {
            out.writeArrayHeader(present);
            for (AmtLink l : links) {
                if (l != null) {
                    if (l.isDirty()) {
                        throw new IllegalStateException("cannot encode an AMT node with unflushed children");
                    }
                    out.writeCid(l.cid());
                }
            }
            out.writeArrayHeader(0);
        }
    }

    byte[] get(long index, int height, int bitWidth, Blockstore store) {
        AmtNode node = this;
        long i = index;
        for (int h = height; h > 0; h--) {
            long span = span(bitWidth, h);
            AmtLink link = node.links[(int) Long.divideUnsigned(i, span)];
            if (link == null) {
                return null;
            }
            node = child(link, store, bitWidth, h - 1);
            i = Long.remainderUnsigned(i, span);
        }
        return node.values[(int) i];
    }

    /** Stores {@code value} at {@code index} below this node; returns the value replaced, or null. */
    byte[] set(long index, byte[] value, int height, int bitWidth, Blockstore store) {
        AmtNode node = this;
        long i = index;
        for (int h = height; h > 0; h--) {
            long span = span(bitWidth, h);
            int slot = (int) Long.divideUnsigned(i, span);
            AmtLink link = node.links[slot];
            AmtNode sub;
            if (link == null) {
                sub = h == 1 ? emptyLeaf(bitWidth) : emptyInterior(bitWidth);
                node.links[slot] = AmtLink.dirty(sub);
            } else {
                // Like the reference, any set dirties the path, even when the value is unchanged.
                sub = child(link, store, bitWidth, h - 1);
                link.markDirty(sub);
            }
            node = sub;
            i = Long.remainderUnsigned(i, span);
        }
        byte[] previous = node.values[(int) i];
        node.values[(int) i] = value;
        return previous;
    }

    /** Removes the value at {@code index} below this node, pruning emptied children; returns it or null. */
    byte[] delete(long index, int height, int bitWidth, Blockstore store) {
        if (height == 0) {
            byte[] previous = values[(int) index];
            values[(int) index] = null;
            return previous;
        }
        long span = span(bitWidth, height);
        int slot = (int) Long.divideUnsigned(index, span);
        AmtLink link = links[slot];
        if (link == null) {
            return null;
        }
        AmtNode sub = child(link, store, bitWidth, height - 1);
        byte[] removed = sub.delete(Long.remainderUnsigned(index, span), height - 1, bitWidth, store);
        if (removed == null) {
            return null;
        }
        if (sub.isEmpty()) {
            links[slot] = null;
        } else {
            link.markDirty(sub);
        }
        return removed;
    }

    /** Stores every modified descendant, bottom up; stored children stay cached. */
    void flush(int bitWidth, Blockstore store) {
        if (links == null) {
            return;
        }
        for (AmtLink link : links) {
            if (link != null && link.isDirty()) {
                AmtNode sub = link.node();
                sub.flush(bitWidth, store);
                CborWriter out = new CborWriter(16 + sub.width() * 40);
                sub.encode(out);
                link.markStored(store.putDagCbor(out.toByteArray()), sub);
            }
        }
    }
}
