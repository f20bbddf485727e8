package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.List;
import org.fvmreplay.ipld.cid.Cid;

/**
 * One epoch of the chain index: the tipset's key (its block header CIDs, in tipset order) and what
 * its headers share: the state and receipts produced by the parent tipset, and the parent base fee.
 *
 * @param messages each block's messages root, in key order
 */
public record TipsetEntry(
        long epoch,
        List<Cid> key,
        List<Cid> parents,
        BigInteger parentWeight,
        Cid parentStateRoot,
        Cid parentMessageReceipts,
        BigInteger parentBaseFee,
        List<Cid> messages,
        long timestamp) {
    public TipsetEntry {
        key = List.copyOf(key);
        parents = List.copyOf(parents);
        requireNonNull(parentWeight, "parentWeight");
        requireNonNull(parentStateRoot, "parentStateRoot");
        requireNonNull(parentMessageReceipts, "parentMessageReceipts");
        requireNonNull(parentBaseFee, "parentBaseFee");
        messages = List.copyOf(messages);
    }
}
