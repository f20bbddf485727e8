package org.fvmreplay.chain.block;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.fvmreplay.ipld.cbor.CborWriter;
import org.fvmreplay.ipld.cid.Cid;

/** The block CIDs of a tipset in tipset order (a header's {@code Parents} is its parent's key). */
public record TipsetKey(List<Cid> cids) {
    public TipsetKey {
        cids = List.copyOf(requireNonNull(cids, "cids is null"));
        if (cids.isEmpty()) {
            throw new IllegalArgumentException("a tipset key has at least one block");
        }
    }

    /**
     * Lotus {@code TipSetKey.Cid()}: the blake2b-256 DAG-CBOR CID of one CBOR byte string holding the concatenated
     * block CID bytes. This is what the FVM's {@code tipset_cid} returns.
     */
    public Cid cid() {
        ByteArrayOutputStream concat = new ByteArrayOutputStream(cids.size() * 40);
        for (Cid c : cids) {
            concat.writeBytes(c.toBytes());
        }
        byte[] bytes = concat.toByteArray();
        return Cid.forDagCbor(new CborWriter(bytes.length + 9).writeBytes(bytes).toByteArray());
    }

    @Override
    public String toString() {
        return cids.toString();
    }
}
