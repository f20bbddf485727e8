package org.fvmreplay.fvm.crypto;

import static java.util.Objects.requireNonNull;

import org.fvmreplay.ipld.cid.Cid;

/** A piece in a sector: its padded size in bytes and its piece commitment CID (CommP), as fvm_shared's {@code PieceInfo}. */
public record PieceInfo(long paddedSize, Cid cid) {
    public PieceInfo {
        requireNonNull(cid, "cid");
    }
}
