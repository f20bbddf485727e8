package org.fvmreplay.chain.receipt;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.fvmreplay.ipld.amt.Amt;
import org.fvmreplay.ipld.amt.AmtEntry;
import org.fvmreplay.ipld.amt.AmtFormat;
import org.fvmreplay.ipld.blockstore.Blockstore;
import org.fvmreplay.ipld.cid.Cid;

/**
 * The receipts root of a tipset (the child header's {@code ParentMessageReceipts}): receipts of the explicit messages in
 * application order, indexed from 0, in a legacy go-amt-ipld v2 AMT (root {@code [height, count, node]}, bit width 3).
 */
public final class Receipts {
    /** The receipts AMT's bit width (go-amt-ipld v2 has no other). */
    public static final int BIT_WIDTH = 3;

    private Receipts() {}

    /** Writes the receipts AMT into {@code store} and returns its root (also for an empty list). */
    public static Cid root(Blockstore store, List<MessageReceipt> receipts) {
        requireNonNull(store, "store is null");
        requireNonNull(receipts, "receipts is null");
        Amt amt = Amt.create(store, AmtFormat.V0, BIT_WIDTH);
        long i = 0;
        for (MessageReceipt r : receipts) {
            amt.set(i++, r.encode());
        }
        return amt.flush();
    }

    /** Reads the receipts under a root, in index order. */
    public static List<MessageReceipt> load(Blockstore store, Cid root) {
        List<MessageReceipt> out = new ArrayList<>();
        for (AmtEntry e : Amt.load(root, store, AmtFormat.V0)) {
            out.add(MessageReceipt.decode(e.value()));
        }
        return out;
    }
}
