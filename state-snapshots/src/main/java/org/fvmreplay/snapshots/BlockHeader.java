package org.fvmreplay.snapshots;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fvmreplay.ipld.bigint.FilBigInt;
import org.fvmreplay.ipld.cbor.CborException;
import org.fvmreplay.ipld.cbor.DagCbor;
import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.Multicodec;
import org.fvmreplay.ipld.model.IpldValue;

/**
 * The fields of a Filecoin block header that the chain index needs. On the wire a header is a
 * DAG-CBOR list of 16 fields (lotus {@code chain/types/blockheader.go}): miner, ticket, election
 * proof, beacon entries, WinPoSt proofs, parents (5), parent weight (6), height (7), parent state
 * root (8), parent message receipts (9), messages (10), BLS aggregate, timestamp (12), block
 * signature, fork signalling, parent base fee (15).
 */
public record BlockHeader(
        Cid cid,
        byte[] miner,
        List<Cid> parents,
        BigInteger parentWeight,
        long height,
        Cid parentStateRoot,
        Cid parentMessageReceipts,
        Cid messages,
        long timestamp,
        BigInteger parentBaseFee) {
    private static final int FIELDS = 16;

    public BlockHeader {
        requireNonNull(cid, "cid");
        miner = miner.clone();
        parents = List.copyOf(parents);
        requireNonNull(parentWeight, "parentWeight");
        requireNonNull(parentStateRoot, "parentStateRoot");
        requireNonNull(parentMessageReceipts, "parentMessageReceipts");
        requireNonNull(messages, "messages");
        requireNonNull(parentBaseFee, "parentBaseFee");
    }

    @Override
    public byte[] miner() {
        return miner.clone();
    }

    /** Parses {@code data} as a block header, or returns empty when it has not the header's shape. */
    public static Optional<BlockHeader> tryParse(Cid cid, byte[] data) {
        requireNonNull(cid, "cid");
        requireNonNull(data, "data");
        if (cid.codec() != Multicodec.DAG_CBOR) {
            return Optional.empty();
        }
        try {
            if (!(DagCbor.decodeLenient(data) instanceof IpldValue.ListValue list)
                    || list.values().size() != FIELDS) {
                return Optional.empty();
            }
            List<IpldValue> f = list.values();
            if (!(f.get(0) instanceof IpldValue.Bytes miner)
                    || !(f.get(5) instanceof IpldValue.ListValue parentList)
                    || !(f.get(6) instanceof IpldValue.Bytes weight)
                    || !(f.get(7) instanceof IpldValue.Int height)
                    || !(f.get(8) instanceof IpldValue.Link stateRoot)
                    || !(f.get(9) instanceof IpldValue.Link receipts)
                    || !(f.get(10) instanceof IpldValue.Link messages)
                    || !(f.get(12) instanceof IpldValue.Int timestamp)
                    || !(f.get(15) instanceof IpldValue.Bytes baseFee)) {
                return Optional.empty();
            }
            List<Cid> parents = new ArrayList<>();
            for (IpldValue p : parentList.values()) {
                if (!(p instanceof IpldValue.Link link)) {
                    return Optional.empty();
                }
                parents.add(link.cid());
            }
            if (height.value().signum() < 0 || height.value().bitLength() > 62) {
                return Optional.empty();
            }
            return Optional.of(new BlockHeader(
                    cid,
                    miner.value(),
                    parents,
                    FilBigInt.decode(weight.value()),
                    height.value().longValueExact(),
                    stateRoot.cid(),
                    receipts.cid(),
                    messages.cid(),
                    timestamp.value().longValue(),
                    FilBigInt.decode(baseFee.value())));
        } catch (CborException | IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
