package org.fvmreplay.ipld.hamt;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.function.BiConsumer;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.CborReader;
import org.fvmreplay.ipld.cid.Cid;

/**
 * A Filecoin HAMT (go-hamt-ipld v3 / ref-fvm {@code fvm_ipld_hamt} format) over a blockstore:
 * byte-string keys, values as encoded DAG-CBOR. Changes stay in memory until {@link #flush()},
 * which stores only the modified nodes and returns the root CID. Loaded nodes are cached. Not
 * thread-safe; do not modify it while iterating.
 */
public final class Hamt implements Iterable<HamtEntry> {
    private final Blockstore store;
    private final HamtConfig config;
    private final HamtNode.Context context;
    private HamtNode root;
    private Cid flushedRoot;

    private Hamt(Blockstore store, HamtConfig config, HamtNode root, Cid flushedRoot) {
        this.store = store;
        this.config = config;
        this.context = new HamtNode.Context(store, config);
        this.root = root;
        this.flushedRoot = flushedRoot;
    }

    /** An empty HAMT with the given shape. */
    public static Hamt create(Blockstore store, HamtConfig config) {
        requireNonNull(store, "store");
        requireNonNull(config, "config");
        return new Hamt(store, config, new HamtNode(), null);
    }

    /** An empty HAMT with Filecoin's actor-state shape ({@link HamtConfig#DEFAULT}). */
    public static Hamt create(Blockstore store) {
        return create(store, HamtConfig.DEFAULT);
    }

    /**
     * Opens the HAMT rooted at {@code root}; only the root node is read now.
     *
     * @throws org.fvmreplay.ipld.blockstore.MissingBlockException when the root block is absent
     * @throws HamtException when the root node is malformed for this configuration
     */
    public static Hamt load(Cid root, Blockstore store, HamtConfig config) {
        requireNonNull(root, "root");
        requireNonNull(store, "store");
        requireNonNull(config, "config");
        return new Hamt(store, config, HamtNode.load(store, config, root, 0), root);
    }

    /** Opens a HAMT with Filecoin's actor-state shape. */
    public static Hamt load(Cid root, Blockstore store) {
        return load(root, store, HamtConfig.DEFAULT);
    }

    /** Replaces the contents with the HAMT rooted at {@code newRoot}, dropping unflushed changes. */
    public void setRoot(Cid newRoot) {
        requireNonNull(newRoot, "newRoot");
        root = HamtNode.load(store, config, newRoot, 0);
        flushedRoot = newRoot;
    }

    public HamtConfig config() {
        return config;
    }

    /** The encoded value stored under {@code key}, or null. The array is shared: do not modify it. */
    public byte[] get(byte[] key) {
        requireNonNull(key, "key");
        HamtEntry e = root.find(hashOf(key), key, 0, context);
        return e == null ? null : e.value();
    }

    public boolean containsKey(byte[] key) {
        return get(key) != null;
    }

    /**
     * Stores {@code value} (one encoded DAG-CBOR item) under {@code key}.
     *
     * @return the value it replaced, or null
     */
    public byte[] set(byte[] key, byte[] value) {
        checkKey(key);
        checkValue(value);
        // Copies, so a caller reusing its buffers cannot change stored entries behind our back.
        HamtNode.SetOutcome outcome = root.set(hashOf(key), key.clone(), value.clone(), 0, true, context);
        if (outcome.modified()) {
            flushedRoot = null;
        }
        return outcome.previous();
    }

    /** Stores {@code value} only when {@code key} is absent; returns whether it was stored. */
    public boolean setIfAbsent(byte[] key, byte[] value) {
        checkKey(key);
        checkValue(value);
        HamtNode.SetOutcome outcome = root.set(hashOf(key), key.clone(), value.clone(), 0, false, context);
        if (outcome.modified()) {
            flushedRoot = null;
        }
        return outcome.modified();
    }

    /** Removes {@code key}; returns its value, or null when it was absent. */
    public byte[] delete(byte[] key) {
        requireNonNull(key, "key");
        HamtEntry removed = root.remove(hashOf(key), key, 0, context);
        if (removed == null) {
            return null;
        }
        flushedRoot = null;
        return removed.value();
    }

    public boolean isEmpty() {
        return root.isEmpty();
    }

    /** Removes every entry. */
    public void clear() {
        if (!root.isEmpty()) {
            root = new HamtNode();
            flushedRoot = null;
        }
    }

    /**
     * Stores every modified node and the root, and returns the root CID. Cheap when nothing changed
     * since the last flush or load.
     */
    public Cid flush() {
        if (flushedRoot == null) {
            root.flush(store, context.conf().keyEncoding());
            flushedRoot = store.putDagCbor(root.encode(context.conf().keyEncoding()));
        }
        return flushedRoot;
    }

    /** Entries in the reference order (hash order, then key order within a bucket). */
    @Override
    public Iterator<HamtEntry> iterator() {
        return HamtIterator.fromStart(root, context);
    }

    /** Entries from {@code startKey} (which must be present) on, in the reference order. */
    public Iterator<HamtEntry> iteratorFrom(byte[] startKey) {
        requireNonNull(startKey, "startKey");
        return HamtIterator.fromKey(root, startKey, context);
    }

    /** Calls {@code action} with each key and encoded value, in the reference order. */
    public void forEach(BiConsumer<byte[], byte[]> action) {
        requireNonNull(action, "action");
        Iterator<HamtEntry> it = iterator();
        while (it.hasNext()) {
            HamtEntry e = it.next();
            action.accept(e.key(), e.value());
        }
    }

    /**
     * Visits at most {@code limit} entries starting at {@code startKey} (null: the first entry), for
     * paging through large HAMTs.
     *
     * @return the key to resume from, or null when the iteration reached the end
     */
    public byte[] forEachRanged(byte[] startKey, long limit, BiConsumer<byte[], byte[]> action) {
        requireNonNull(action, "action");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        Iterator<HamtEntry> it = startKey == null ? iterator() : iteratorFrom(startKey);
        long visited = 0;
        while (it.hasNext()) {
            HamtEntry e = it.next();
            if (visited == limit) {
                return e.key();
            }
            visited++;
            action.accept(e.key(), e.value());
        }
        return null;
    }

    private HashBits hashOf(byte[] key) {
        return new HashBits(config.hasher().hash(key), 0);
    }

    private void checkKey(byte[] key) {
        requireNonNull(key, "key");
        if (context.conf().keyEncoding() == HamtKeyEncoding.CBOR_ITEM) {
            try {
                CborReader in = CborReader.strict(key);
                in.skip();
                in.expectEnd();
            } catch (CborException e) {
                throw new IllegalArgumentException(
                        "HAMT key must be exactly one DAG-CBOR item with CBOR_ITEM keys: " + e.getMessage(), e);
            }
        }
    }

    private static void checkValue(byte[] value) {
        requireNonNull(value, "value");
        // A malformed value would be stored verbatim and poison every block above it.
        try {
            CborReader in = CborReader.strict(value);
            in.skip();
            in.expectEnd();
        } catch (CborException e) {
            throw new IllegalArgumentException("HAMT value must be exactly one DAG-CBOR item: " + e.getMessage(), e);
        }
    }
}
