package org.fvmreplay.ipld.amt;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.fvmreplay.ipld.blockstore.Blockstore;

/** Index-order iteration from a start index, skipping subtrees that end before it; loads lazily. */
final class AmtIterator implements Iterator<AmtEntry> {
    private final Blockstore store;
    private final int bitWidth;
    private final long start;
    private final ArrayDeque<Frame> stack = new ArrayDeque<>();
    private AmtEntry next;

    private static final class Frame {
        final AmtNode node;
        final int height;
        final long offset;
        int slot;

        Frame(AmtNode node, int height, long offset) {
            this.node = node;
            this.height = height;
            this.offset = offset;
        }
    }

    AmtIterator(AmtNode root, int height, int bitWidth, long start, Blockstore store) {
        this.store = store;
        this.bitWidth = bitWidth;
        this.start = start;
        stack.push(new Frame(root, height, 0));
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            Frame top = stack.peek();
            if (top == null) {
                return false;
            }
            if (top.slot >= top.node.width()) {
                stack.pop();
                continue;
            }
            int slot = top.slot++;
            if (top.height == 0) {
                long index = top.offset + slot;
                byte[] v = top.node.valueAt(slot);
                if (v != null && Long.compareUnsigned(index, start) >= 0) {
                    next = new AmtEntry(index, v);
                }
                continue;
            }
            AmtLink link = top.node.linkAt(slot);
            if (link == null) {
                continue;
            }
            long span = AmtNode.span(bitWidth, top.height);
            long childOffset = top.offset + slot * span;
            // The child covers [childOffset, childOffset + span - 1]; skip it when that ends before start.
            long childLast = childOffset + (span - 1);
            if (Long.compareUnsigned(childLast, childOffset) >= 0 && Long.compareUnsigned(childLast, start) < 0) {
                continue;
            }
            stack.push(new Frame(AmtNode.child(link, store, bitWidth, top.height - 1), top.height - 1, childOffset));
        }
        return true;
    }

    @Override
    public AmtEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        AmtEntry e = next;
        next = null;
        return e;
    }
}
