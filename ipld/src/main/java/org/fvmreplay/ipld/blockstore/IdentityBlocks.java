package org.fvmreplay.ipld.blockstore;

import org.fvmreplay.ipld.cid.Cid;
import org.fvmreplay.ipld.cid.MultihashCode;

/** Identity-hashed CIDs carry their block inline; no store needs to hold them. */
final class IdentityBlocks {
    private IdentityBlocks() {}

    /** The inline data of an identity CID, or null for any other CID. */
    static byte[] inline(Cid cid) {
        return cid.multihash().code() == MultihashCode.IDENTITY
                ? cid.multihash().digest()
                : null;
    }
}
