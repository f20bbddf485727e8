package org.fvmreplay.ipld.hamt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cbor.MajorType;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;

/**
 * A HAMT node: a bitfield of occupied child slots and the occupied slots' pointers in slot order.
 * Encoded as the DAG-CBOR tuple {@code [bitfield bytes, [pointer...]]}, where a pointer is a CID or
 * a bucket {@code [[key bytes, value]...]} sorted by key (go-hamt-ipld v3 / ref-fvm format).
 */
final class HamtNode {
    static final Comparator<byte[]> KEY_ORDER = Arrays::compareUnsigned;

    final Bitfield bitfield;
    final ArrayList<HamtPointer> pointers;

    HamtNode() {
        this(new Bitfield(), new ArrayList<>());
    }

    private HamtNode(Bitfield bitfield, ArrayList<HamtPointer> pointers) {
        this.bitfield = bitfield;
        this.pointers = pointers;
    }

    boolean isEmpty() {
        return pointers.isEmpty();
    }

    /** What a set did: the value it replaced (or null) and whether the trie changed. */
    record SetOutcome(byte[] previous, boolean modified) {}

    // ---- reading -------------------------------------------------------------------------

    static HamtNode load(Blockstore store, HamtConfig conf, Cid cid, int depth) {
        byte[] data = store.getOrThrow(cid);
        try {
            return decode(data, conf, depth);
        } catch (CborException | IllegalArgumentException e) {
            throw new HamtException(
                    "malformed HAMT node " + cid + " at depth " + depth + ": " + e.getMessage(), cid, e);
        }
    }

    /** Decodes and checks a node as ref-fvm does; throws IllegalArgumentException or CborException. */
    static HamtNode decode(byte[] data, HamtConfig conf, int depth) {
        CborReader in = CborReader.strict(data);
        in.readArrayHeader(2);
        byte[] bits = in.readBytes();
        if (bits.length > Bitfield.MAX_BYTES) {
            throw new IllegalArgumentException("bitfield of " + bits.length + " bytes exceeds 32");
        }
        Bitfield bitfield = Bitfield.fromBytes(bits);
        int count = in.readArrayHeader();
        if (count > 1 << conf.bitWidth()) {
            throw new IllegalArgumentException(count + " pointers exceed the " + (1 << conf.bitWidth())
                    + " a bit width of " + conf.bitWidth() + " allows (wrong bit width for this HAMT?)");
        }
        if (bitfield.bitCount() != count) {
            throw new IllegalArgumentException(
                    count + " pointers but " + bitfield.bitCount() + " bits set in the bitfield");
        }
        if (count == 0 && depth != 0) {
            throw new IllegalArgumentException("a non-root node has no pointers");
        }
        ArrayList<HamtPointer> pointers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (in.peekMajor() == MajorType.ARRAY) {
                pointers.add(HamtPointer.bucket(readBucket(in, conf, depth)));
            } else {
                Cid link = in.readCid();
                if (link.codec() != Multicodec.DAG_CBOR) {
                    throw new IllegalArgumentException(
                            "link " + link + " is not dag-cbor but " + Multicodec.name(link.codec()));
                }
                pointers.add(HamtPointer.link(link));
            }
        }
        in.expectEnd();
        return new HamtNode(bitfield, pointers);
    }

    private static List<HamtEntry> readBucket(CborReader in, HamtConfig conf, int depth) {
        int size = in.readArrayHeader();
        if (depth < conf.minDataDepth()) {
            throw new IllegalArgumentException(
                    "bucket at depth " + depth + ", above the minimum data depth " + conf.minDataDepth());
        }
        if (size == 0) {
            throw new IllegalArgumentException("empty bucket");
        }
        if (size > conf.maxBucketSize()) {
            throw new IllegalArgumentException(
                    "bucket of " + size + " entries exceeds the maximum " + conf.maxBucketSize());
        }
        List<HamtEntry> entries = new ArrayList<>(size);
        byte[] previous = null;
        for (int j = 0; j < size; j++) {
            in.readArrayHeader(2);
            byte[] key = conf.keyEncoding() == HamtKeyEncoding.BYTES ? in.readBytes() : in.readRaw();
            byte[] value = in.readRaw();
            if (previous != null && KEY_ORDER.compare(previous, key) >= 0) {
                throw new IllegalArgumentException("duplicate or unsorted keys in bucket");
            }
            previous = key;
            entries.add(new HamtEntry(key, value));
        }
        return entries;
    }

    /** The child behind a link or dirty pointer, loading and caching a linked node on first use. */
    private static HamtNode child(HamtPointer p, Context ctx, int childDepth) {
        HamtNode n = p.node();
        if (n == null) {
            n = load(ctx.store, ctx.conf, p.cid(), childDepth);
            p.cache(n);
        }
        return n;
    }

    HamtEntry find(HashBits hash, byte[] key, int depth, Context ctx) {
        HamtNode node = this;
        int d = depth;
        while (true) {
            int idx = hash.next(ctx.conf.bitWidth());
            if (!node.bitfield.test(idx)) {
                return null;
            }
            HamtPointer p = node.pointers.get(node.bitfield.rank(idx));
            if (p.isBucket()) {
                for (HamtEntry e : p.entries()) {
                    if (Arrays.equals(e.key(), key)) {
                        return e;
                    }
                }
                return null;
            }
            node = child(p, ctx, d + 1);
            d++;
        }
    }

    // ---- writing -------------------------------------------------------------------------

    SetOutcome set(HashBits hash, byte[] key, byte[] value, int depth, boolean overwrite, Context ctx) {
        HamtConfig conf = ctx.conf;
        int idx = hash.next(conf.bitWidth());
        if (!bitfield.test(idx)) {
            HamtPointer fresh;
            if (depth >= conf.minDataDepth()) {
                fresh = HamtPointer.bucket(List.of(new HamtEntry(key, value)));
            } else {
                // Above the minimum data depth only links are allowed, so grow an interior node.
                HamtNode sub = new HamtNode();
                sub.set(hash, key, value, depth + 1, overwrite, ctx);
                fresh = HamtPointer.dirty(sub);
            }
            pointers.add(bitfield.rank(idx), fresh);
            bitfield.set(idx);
            return new SetOutcome(null, true);
        }
        HamtPointer p = pointers.get(bitfield.rank(idx));
        if (!p.isBucket()) {
            boolean wasLink = p.isLink();
            HamtNode sub = child(p, ctx, depth + 1);
            SetOutcome outcome = sub.set(hash, key, value, depth + 1, overwrite, ctx);
            if (wasLink && outcome.modified()) {
                p.becomeDirty(sub);
            }
            return outcome;
        }
        ArrayList<HamtEntry> entries = p.entries();
        for (int i = 0; i < entries.size(); i++) {
            HamtEntry e = entries.get(i);
            if (Arrays.equals(e.key(), key)) {
                if (!overwrite) {
                    return new SetOutcome(null, false);
                }
                boolean changed = !Arrays.equals(e.value(), value);
                if (changed) {
                    entries.set(i, new HamtEntry(key, value));
                }
                return new SetOutcome(e.value(), changed);
            }
        }
        if (entries.size() >= conf.maxBucketSize()) {
            // A full bucket becomes a child node holding its entries plus the new one, each placed
            // by the hash bits after the ones this level consumed.
            int consumed = hash.consumed();
            HamtNode sub = new HamtNode();
            SetOutcome outcome = sub.set(hash, key, value, depth + 1, overwrite, ctx);
            for (HamtEntry e : entries) {
                sub.set(
                        new HashBits(conf.hasher().hash(e.key()), consumed),
                        e.key(),
                        e.value(),
                        depth + 1,
                        overwrite,
                        ctx);
            }
            p.becomeDirty(sub);
            return outcome;
        }
        int at = 0;
        while (at < entries.size() && KEY_ORDER.compare(entries.get(at).key(), key) < 0) {
            at++;
        }
        entries.add(at, new HamtEntry(key, value));
        return new SetOutcome(null, true);
    }

    HamtEntry remove(HashBits hash, byte[] key, int depth, Context ctx) {
        int idx = hash.next(ctx.conf.bitWidth());
        if (!bitfield.test(idx)) {
            return null;
        }
        int ci = bitfield.rank(idx);
        HamtPointer p = pointers.get(ci);
        if (p.isBucket()) {
            ArrayList<HamtEntry> entries = p.entries();
            for (int i = 0; i < entries.size(); i++) {
                if (Arrays.equals(entries.get(i).key(), key)) {
                    HamtEntry removed = entries.get(i);
                    if (entries.size() == 1) {
                        removeChild(ci, idx);
                    } else {
                        entries.remove(i);
                    }
                    return removed;
                }
            }
            return null;
        }
        HamtNode sub = child(p, ctx, depth + 1);
        HamtEntry removed = sub.remove(hash, key, depth + 1, ctx);
        if (removed != null) {
            p.becomeDirty(sub);
            if (collapse(p, depth, ctx.conf)) {
                removeChild(ci, idx);
            }
        }
        return removed;
    }

    private void removeChild(int position, int idx) {
        bitfield.clear(idx);
        pointers.remove(position);
    }

    /**
     * Pulls a shrunken child's entries back up so that the trie's shape depends only on its
     * contents, never on its history (ref-fvm's {@code Pointer::clean}). Returns true when the
     * child is empty and must be removed.
     */
    private static boolean collapse(HamtPointer p, int depth, HamtConfig conf) {
        HamtNode n = p.node();
        int size = n.pointers.size();
        if (size == 0) {
            if (depth < conf.minDataDepth()) {
                return true;
            }
            throw new IllegalStateException("HAMT invariant broken: a child node lost all its pointers");
        }
        if (depth < conf.minDataDepth()) {
            return false;
        }
        if (size == 1) {
            HamtPointer only = n.pointers.get(0);
            if (only.isBucket()) {
                p.becomeBucket(only.entries());
            }
            return false;
        }
        if (size > conf.maxBucketSize()) {
            return false;
        }
        int total = 0;
        for (HamtPointer c : n.pointers) {
            if (!c.isBucket()) {
                return false;
            }
            total += c.entries().size();
        }
        if (total > conf.maxBucketSize()) {
            return false;
        }
        List<HamtEntry> merged = new ArrayList<>(total);
        for (HamtPointer c : n.pointers) {
            merged.addAll(c.entries());
        }
        merged.sort((a, b) -> KEY_ORDER.compare(a.key(), b.key()));
        p.becomeBucket(merged);
        return false;
    }

    /** Stores every modified descendant, bottom up, turning dirty pointers into cached links. */
    void flush(Blockstore store, HamtKeyEncoding keyEncoding) {
        for (HamtPointer p : pointers) {
            if (p.isDirty()) {
                HamtNode sub = p.node();
                sub.flush(store, keyEncoding);
                Cid cid = store.putDagCbor(sub.encode(keyEncoding));
                p.becomeLink(cid, sub);
            }
        }
    }

    byte[] encode(HamtKeyEncoding keyEncoding) {
        CborWriter out = new CborWriter(64 + pointers.size() * 48);
        out.writeArrayHeader(2);
        out.writeBytes(bitfield.toBytes());
        out.writeArrayHeader(pointers.size());
        for (HamtPointer p : pointers) {
            if (p.isBucket()) {
                out.writeArrayHeader(p.entries().size());
                for (HamtEntry e : p.entries()) {
                    out.writeArrayHeader(2);
                    if (keyEncoding == HamtKeyEncoding.BYTES) {
                        out.writeBytes(e.key());
                    } else {
                        out.writeRaw(e.key());
                    }
                    out.writeRaw(e.value());
                }
            } else if (p.isLink()) {
                out.writeCid(p.cid());
            } else {
                throw new IllegalStateException("cannot encode a HAMT node with unflushed children");
            }
        }
        return out.toByteArray();
    }

    /** What node operations need besides the node: where to load children from and the shape. */
    record Context(Blockstore store, HamtConfig conf) {}
}
