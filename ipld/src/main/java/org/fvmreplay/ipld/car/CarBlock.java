package org.fvmreplay.ipld.car;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.ipld.blockstore.Block;
import org.fvmreplay.ipld.cid.Cid;

/**
 * One section of a CAR: the block, where its section starts in the (decompressed) CARv1 payload,
 * and whether it was verified. The data array is not copied; treat it as immutable.
 *
 * @param sectionOffset offset of the section's length varint in the CARv1 payload
 * @param dataOffset offset of the block's first byte in the CARv1 payload
 */
public record CarBlock(Cid cid, byte[] data, long sectionOffset, long dataOffset, BlockVerification verification) {
    public CarBlock {
        requireNonNull(cid, "cid");
        requireNonNull(data, "data");
        requireNonNull(verification, "verification");
    }

    public Block toBlock() {
        return new Block(cid, data);
    }

    /** Bytes the whole section takes: length varint, CID and data. */
    public long sectionLength() {
        return dataOffset + data.length - sectionOffset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CarBlock b
                && b.cid.equals(cid)
                && java.util.Arrays.equals(b.data, data)
                && b.sectionOffset == sectionOffset
                && b.dataOffset == dataOffset
                && b.verification == verification;
    }

    @Override
    public int hashCode() {
        return cid.hashCode() * 31 + Long.hashCode(sectionOffset);
    }

    @Override
    public String toString() {
        return "CarBlock[" + cid + ", " + data.length + " bytes at " + sectionOffset + ", " + verification + "]";
    }
}
