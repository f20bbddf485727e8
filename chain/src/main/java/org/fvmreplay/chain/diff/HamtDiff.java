package org.fvmreplay.chain.diff;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.MajorType;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.hamt.HamtEntry;
import org.fvmreplay.ipld.hamt.HamtException;

/**
 * The keys whose values differ between two HAMTs of the same shape (the ipld module's {@code Hamt} format: a node is
 * {@code [bitfield bytes, [pointer...]]}, a pointer a link or a bucket {@code [[key bytes, value]...]}), found by walking
 * the two tries together and entering only the child links whose CIDs differ: equal CIDs are equal subtrees, so the
 * cost is the changed paths, not the size of the tries. No key is hashed: both tries place a key by the same hash, so
 * the same slot of the same path holds the same keys on both sides.
 */
final class HamtDiff {
    private static final Comparator<byte[]> KEY_ORDER = Arrays::compareUnsigned;

    /** One key whose value differs; {@code before} or {@code after} is null where the key is absent. */
    record Change(byte[] key, byte[] before, byte[] after) {
        Change {
            requireNonNull(key, "key is null");
            if (before == null && after == null) {
                throw new IllegalArgumentException("a change needs a value on at least one side");
            }
        }
    }

    /** A node's child slot: a link to a node or a bucket of entries, exactly one of them non-null. */
    private record Pointer(Cid link, List<HamtEntry> bucket) {}

    private final Blockstore store;
    private final int bitWidth;
    private final List<Change> changes = new ArrayList<>();

    private HamtDiff(Blockstore store, int bitWidth) {
        this.store = store;
        this.bitWidth = bitWidth;
    }

    /**
     * The changes from the HAMT at {@code before} to the one at {@code after}, in trie order (not key order).
     *
     * @throws org.fvmreplay.ipld.blockstore.MissingBlockException when a node on a changed path is absent
     * @throws HamtException when such a node is malformed
     */
    static List<Change> diff(Blockstore store, Cid before, Cid after, int bitWidth) {
        requireNonNull(store, "store is null");
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        if (bitWidth < 1 || bitWidth > 8) {
            throw new IllegalArgumentException("HAMT bit width must be between 1 and 8, got " + bitWidth);
        }
        HamtDiff d = new HamtDiff(store, bitWidth);
        d.nodes(before, after, 0);
        return d.changes;
    }

    private void nodes(Cid before, Cid after, int depth) {
        if (before.equals(after)) {
            return;
        }
        Pointer[] a = load(before, depth);
        Pointer[] b = load(after, depth);
        for (int slot = 0; slot < a.length; slot++) {
            pointers(a[slot], b[slot], depth);
        }
    }

    private void pointers(Pointer before, Pointer after, int depth) {
        if (before == null && after == null) {
            return;
        }
        if (before != null && after != null && before.link() != null && after.link() != null) {
            nodes(before.link(), after.link(), depth + 1);
            return;
        }
        // A bucket (at most a few entries) or nothing on one side: a link on the other side holds more entries than the
        // bucket, and all but those few changed, so listing its whole subtree stays proportional to the changes.
        List<HamtEntry> a = entries(before, depth);
        List<HamtEntry> b = entries(after, depth);
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            int order = i == a.size()
                    ? 1
                    : j == b.size()
                            ? -1
                            : KEY_ORDER.compare(a.get(i).key(), b.get(j).key());
            if (order < 0) {
                changes.add(new Change(a.get(i).key(), a.get(i).value(), null));
                i++;
            } else if (order > 0) {
                changes.add(new Change(b.get(j).key(), null, b.get(j).value()));
                j++;
            } else {
                if (!Arrays.equals(a.get(i).value(), b.get(j).value())) {
                    changes.add(new Change(
                            a.get(i).key(), a.get(i).value(), b.get(j).value()));
                }
                i++;
                j++;
            }
        }
    }

    /** Every entry under a pointer (none for an empty slot), sorted by key. */
    private List<HamtEntry> entries(Pointer p, int depth) {
        if (p == null) {
            return List.of();
        }
        if (p.bucket() != null) {
            return p.bucket();
        }
        List<HamtEntry> all = new ArrayList<>();
        collect(p.link(), depth + 1, all);
        all.sort((x, y) -> KEY_ORDER.compare(x.key(), y.key()));
        return all;
    }

    private void collect(Cid node, int depth, List<HamtEntry> into) {
        for (Pointer p : load(node, depth)) {
            if (p == null) {
                continue;
            }
            if (p.bucket() != null) {
                into.addAll(p.bucket());
            } else {
                collect(p.link(), depth + 1, into);
            }
        }
    }

    /** A node's pointers by slot (null for an empty slot). */
    private Pointer[] load(Cid cid, int depth) {
        byte[] data = store.getOrThrow(cid);
        try {
            return decode(data);
        } catch (CborException | IllegalArgumentException e) {
            throw new HamtException(
                    "malformed HAMT node " + cid + " at depth " + depth + ": " + e.getMessage(), cid, e);
        }
    }

    private Pointer[] decode(byte[] data) {
        CborReader in = CborReader.strict(data);
        in.readArrayHeader(2);
        byte[] bits = in.readBytes();
        int width = 1 << bitWidth;
        Pointer[] slots = new Pointer[width];
        int count = in.readArrayHeader();
        int read = 0;
        // The bitfield is big-endian: slot s is bit s counted from the last byte's least significant bit, and the
        // pointers follow in increasing slot order.
        for (int s = 0; s < bits.length * 8; s++) {
            if ((bits[bits.length - 1 - (s >>> 3)] >>> (s & 7) & 1) == 0) {
                continue;
            }
            if (s >= width) {
                throw new IllegalArgumentException(
                        "bitfield sets slot " + s + ", beyond the " + width + " of bit width " + bitWidth);
            }
            if (read == count) {
                throw new IllegalArgumentException(count + " pointers but more bits set in the bitfield");
            }
            slots[s] =
                    in.peekMajor() == MajorType.ARRAY ? new Pointer(null, bucket(in)) : new Pointer(in.readCid(), null);
            read++;
        }
        if (read != count) {
            throw new IllegalArgumentException(count + " pointers but " + read + " bits set in the bitfield");
        }
        in.expectEnd();
        return slots;
    }

    private static List<HamtEntry> bucket(CborReader in) {
        int size = in.readArrayHeader();
        if (size == 0) {
            throw new IllegalArgumentException("empty bucket");
        }
        List<HamtEntry> entries = new ArrayList<>(size);
        byte[] previous = null;
        for (int k = 0; k < size; k++) {
            in.readArrayHeader(2);
            byte[] key = in.readBytes();
            byte[] value = in.readRaw();
            // the merge in pointers() relies on this order
            if (previous != null && KEY_ORDER.compare(previous, key) >= 0) {
                throw new IllegalArgumentException("duplicate or unsorted keys in bucket");
            }
            previous = key;
            entries.add(new HamtEntry(key, value));
        }
        return entries;
    }
}
