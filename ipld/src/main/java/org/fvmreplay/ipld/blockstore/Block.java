package org.fvmreplay.ipld.blockstore;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.ipld.cid.Cid;

/** A block: its CID and its bytes. The array is not copied; treat it as immutable. */
public record Block(Cid cid, byte[] data) {
    public Block {
        requireNonNull(cid, "cid");
        requireNonNull(data, "data");
    }

    /** True when {@code data} hashes to {@code cid}. */
    public boolean verifies() {
        return cid.verifies(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && b.cid.equals(cid) && java.util.Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return cid.hashCode();
    }

    @Override
    public String toString() {
        return "Block[" + cid + ", " + data.length + " bytes]";
    }
}
