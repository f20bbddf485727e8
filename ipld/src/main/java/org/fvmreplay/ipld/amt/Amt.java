package org.fvmreplay.ipld.amt;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/**
 * A Filecoin AMT (array mapped trie; go-amt-ipld v4 / ref-fvm {@code fvm_ipld_amt} format): a
 * sparse array indexed by unsigned 64-bit numbers (held in longs), values as encoded DAG-CBOR.
 * Changes stay in memory until {@link #flush()}, which stores only modified nodes. Loaded nodes
 * are cached. Not thread-safe; do not modify it while iterating.
 */
public final class Amt implements Iterable<AmtEntry> {
    /** Default bit width (8 slots per node). */
    public static final int DEFAULT_BIT_WIDTH = 3;
    /** Largest index, 2^64-2 as an unsigned long (go-amt-ipld keeps 2^64-1 free so counts cannot overflow). */
    public static final long MAX_INDEX = -2L;
    /** Largest height the reference accepts in a stored root. */
    public static final int MAX_HEIGHT = 64;
    /**
     * Largest bit width accepted here. The reference sets no bound, but a node allocates
     * {@code 2^bitWidth} slots; Filecoin uses 3 to 6.
     */
    public static final int MAX_BIT_WIDTH = 16;

    private final Blockstore store;
    private final AmtFormat format;
    private final int bitWidth;
    private int height;
    private long count;
    private AmtNode root;
    private Cid flushedRoot;

    private Amt(
            Blockstore store, AmtFormat format, int bitWidth, int height, long count, AmtNode root, Cid flushedRoot) {
        this.store = store;
        this.format = format;
        this.bitWidth = bitWidth;
        this.height = height;
        this.count = count;
        this.root = root;
        this.flushedRoot = flushedRoot;
    }

    /** An empty AMT in the current (v3) format with the default bit width. */
    public static Amt create(Blockstore store) {
        return create(store, DEFAULT_BIT_WIDTH);
    }

    /** An empty AMT in the current (v3) format. */
    public static Amt create(Blockstore store, int bitWidth) {
        return create(store, AmtFormat.V3, bitWidth);
    }

    /** An empty AMT; the legacy v0 format requires bit width 3. */
    public static Amt create(Blockstore store, AmtFormat format, int bitWidth) {
        requireNonNull(store, "store");
        requireNonNull(format, "format");
        checkBitWidth(format, bitWidth);
        return new Amt(store, format, bitWidth, 0, 0, AmtNode.emptyLeaf(bitWidth), null);
    }

    /** Opens the v3-format AMT rooted at {@code root}; only the root block is read now. */
    public static Amt load(Cid root, Blockstore store) {
        return load(root, store, AmtFormat.V3);
    }

    /**
     * Opens the AMT rooted at {@code root}.
     *
     * @throws org.fvmreplay.ipld.blockstore.MissingBlockException when the root block is absent
     * @throws AmtException when the root is malformed or beyond the reference's limits
     */
    public static Amt load(Cid root, Blockstore store, AmtFormat format) {
        requireNonNull(root, "root");
        requireNonNull(store, "store");
        requireNonNull(format, "format");
        byte[] data = store.getOrThrow(root);
        try {
            CborReader in = CborReader.strict(data);
            int bitWidth;
            if (format == AmtFormat.V3) {
                in.readArrayHeader(4);
                long bw = in.readUnsigned();
                if (bw < 1 || bw > MAX_BIT_WIDTH) {
                    throw new IllegalArgumentException("bit width " + bw + " is outside 1.." + MAX_BIT_WIDTH);
                }
                bitWidth = (int) bw;
            } else {
                in.readArrayHeader(3);
                bitWidth = DEFAULT_BIT_WIDTH;
            }
            long height = in.readUnsigned();
            if (height > MAX_HEIGHT) {
                throw new IllegalArgumentException("height " + height + " exceeds the maximum " + MAX_HEIGHT);
            }
            long count = in.readUnsigned();
            AmtNode node = AmtNode.decode(in, bitWidth, (int) height);
            in.expectEnd();
            return new Amt(store, format, bitWidth, (int) height, count, node, root);
        } catch (CborException | IllegalArgumentException e) {
            throw new AmtException("malformed " + format + " AMT root " + root + ": " + e.getMessage(), root, e);
        }
    }

    private static void checkBitWidth(AmtFormat format, int bitWidth) {
        if (bitWidth < 1 || bitWidth > MAX_BIT_WIDTH) {
            throw new IllegalArgumentException(
                    "AMT bit width must be between 1 and " + MAX_BIT_WIDTH + ", got " + bitWidth);
        }
        if (format == AmtFormat.V0 && bitWidth != DEFAULT_BIT_WIDTH) {
            throw new IllegalArgumentException("legacy v0 AMTs have bit width 3, got " + bitWidth);
        }
    }

    public int bitWidth() {
        return bitWidth;
    }

    public int height() {
        return height;
    }

    /** Number of values held. */
    public long count() {
        return count;
    }

    public AmtFormat format() {
        return format;
    }

    /** The encoded value at {@code index} (unsigned), or null. The array is shared: do not modify it. */
    public byte[] get(long index) {
        checkIndex(index);
        if (!fits(index, height)) {
            return null;
        }
        return root.get(index, height, bitWidth, store);
    }

    /**
     * Stores {@code value} (one encoded DAG-CBOR item) at {@code index} (unsigned), growing the
     * height as needed.
     *
     * @return the value it replaced, or null
     * @throws IllegalArgumentException when the index is above {@link #MAX_INDEX}
     */
    public byte[] set(long index, byte[] value) {
        checkIndex(index);
        checkValue(value);
        while (!fits(index, height)) {
            root = root.isEmpty() ? AmtNode.emptyInterior(bitWidth) : AmtNode.interiorOver(root, bitWidth);
            height++;
        }
        // A copy, so a caller reusing its buffer cannot change the stored value behind our back.
        byte[] previous = root.set(index, value.clone(), height, bitWidth, store);
        if (previous == null) {
            count++;
        }
        flushedRoot = null;
        return previous;
    }

    /** Stores {@code values} at indices 0, 1, 2, ... (the reference's {@code batch_set}). */
    public void batchSet(Iterable<byte[]> values) {
        requireNonNull(values, "values");
        long index = 0;
        for (byte[] v : values) {
            set(index++, v);
        }
    }

    /** Removes the value at {@code index} (unsigned), lowering the height when the root can shrink. */
    public byte[] delete(long index) {
        checkIndex(index);
        if (!fits(index, height)) {
            return null;
        }
        byte[] removed = root.delete(index, height, bitWidth, store);
        if (removed == null) {
            return null;
        }
        flushedRoot = null;
        count--;
        if (root.isEmpty()) {
            root = AmtNode.emptyLeaf(bitWidth);
            height = 0;
        } else {
            while (height > 0 && root.canCollapse()) {
                root = AmtNode.child(root.linkAt(0), store, bitWidth, height - 1);
                height--;
            }
        }
        return removed;
    }

    /** Stores every modified node and the root; returns the root CID. Cheap when nothing changed. */
    public Cid flush() {
        if (flushedRoot == null) {
            root.flush(bitWidth, store);
            CborWriter out = new CborWriter(64 + root.width() * 40);
            if (format == AmtFormat.V3) {
                out.writeArrayHeader(4);
                out.writeLong(bitWidth);
            } else {
                out.writeArrayHeader(3);
            }
            out.writeLong(height);
            out.writeHead(0, count);
            root.encode(out);
            flushedRoot = store.putDagCbor(out.toByteArray());
        }
        return flushedRoot;
    }

    /** All values in index order. */
    @Override
    public Iterator<AmtEntry> iterator() {
        return iteratorFrom(0);
    }

    /** Values at indices from {@code start} (unsigned) on, in index order. */
    public Iterator<AmtEntry> iteratorFrom(long start) {
        return new AmtIterator(root, height, bitWidth, start, store);
    }

    /** Receives AMT entries; return false to stop. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(long index, byte[] value);
    }

    /**
     * Visits at most {@code limit} values from index {@code start} on while {@code visitor} returns
     * true (the reference's {@code for_each_while_ranged}).
     *
     * @return the index to resume from, or -1 (2^64-1, never a valid index) when the end was reached
     */
    public long forEachRanged(long start, long limit, Visitor visitor) {
        requireNonNull(visitor, "visitor");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        Iterator<AmtEntry> it = iteratorFrom(start);
        long visited = 0;
        boolean keepGoing = true;
        while (it.hasNext()) {
            AmtEntry e = it.next();
            if (!keepGoing || visited == limit) {
                return e.index();
            }
            visited++;
            keepGoing = visitor.visit(e.index(), e.value());
        }
        return -1L;
    }

    private boolean fits(long index, int h) {
        return Long.compareUnsigned(index, AmtNode.span(bitWidth, h + 1)) < 0;
    }

    private static void checkIndex(long index) {
        if (Long.compareUnsigned(index, MAX_INDEX) > 0) {
            throw new IllegalArgumentException("AMT index " + Long.toUnsignedString(index) + " is above the maximum "
                    + Long.toUnsignedString(MAX_INDEX) + " (2^64-2)");
        }
    }

    private static void checkValue(byte[] value) {
        requireNonNull(value, "value");
        // A malformed value would be stored verbatim and corrupt its node.
        try {
            CborReader in = CborReader.strict(value);
            in.skip();
            in.expectEnd();
        } catch (CborException e) {
            throw new IllegalArgumentException("AMT value must be exactly one DAG-CBOR item: " + e.getMessage(), e);
        }
    }
}
