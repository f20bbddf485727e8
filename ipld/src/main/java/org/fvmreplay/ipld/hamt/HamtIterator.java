package org.fvmreplay.ipld.hamt;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Depth-first iteration in the reference order: children by slot, buckets by key. Linked nodes are
 * loaded (and cached) as they are reached.
 */
final class HamtIterator implements Iterator<HamtEntry> {
    private final HamtNode.Context ctx;
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private List<HamtEntry> bucket;
    private int bucketPosition;

    private static final class Frame {
        final HamtNode node;
        int next;

        Frame(HamtNode node, int next) {
            this.node = node;
            this.next = next;
        }
    }

    private HamtIterator(HamtNode.Context ctx) {
        this.ctx = ctx;
    }

    static HamtIterator fromStart(HamtNode root, HamtNode.Context ctx) {
        HamtIterator it = new HamtIterator(ctx);
        it.stack.push(new Frame(root, 0));
        return it;
    }

    /** Starts at {@code key}, which must be present: its hash path is where iteration resumes. */
    static HamtIterator fromKey(HamtNode root, byte[] key, HamtNode.Context ctx) {
        HamtIterator it = new HamtIterator(ctx);
        HashBits hash = new HashBits(ctx.conf().hasher().hash(key), 0);
        HamtNode node = root;
        int depth = 0;
        while (true) {
            int idx = hash.next(ctx.conf().bitWidth());
            if (!node.bitfield.test(idx)) {
                throw new HamtException("start key " + Arrays.toString(key) + " is not in the HAMT");
            }
            int position = node.bitfield.rank(idx);
            it.stack.push(new Frame(node, position + 1));
            HamtPointer p = node.pointers.get(position);
            if (p.isBucket()) {
                List<HamtEntry> entries = p.entries();
                for (int i = 0; i < entries.size(); i++) {
                    if (Arrays.equals(entries.get(i).key(), key)) {
                        it.bucket = entries;
                        it.bucketPosition = i;
                        return it;
                    }
                }
                throw new HamtException("start key " + Arrays.toString(key) + " is not in the HAMT");
            }
            depth++;
            node = it.childOf(p, depth);
        }
    }

    private HamtNode childOf(HamtPointer p, int depth) {
        HamtNode n = p.node();
        if (n == null) {
            n = HamtNode.load(ctx.store(), ctx.conf(), p.cid(), depth);
            p.cache(n);
        }
        return n;
    }

    @Override
    public boolean hasNext() {
        while (bucket == null || bucketPosition >= bucket.size()) {
            bucket = null;
            Frame top = stack.peek();
            if (top == null) {
                return false;
            }
            if (top.next >= top.node.pointers.size()) {
                stack.pop();
                continue;
            }
            HamtPointer p = top.node.pointers.get(top.next++);
            if (p.isBucket()) {
                bucket = p.entries();
                bucketPosition = 0;
            } else {
                stack.push(new Frame(childOf(p, stack.size()), 0));
            }
        }
        return true;
    }

    @Override
    public HamtEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return bucket.get(bucketPosition++);
    }
}
