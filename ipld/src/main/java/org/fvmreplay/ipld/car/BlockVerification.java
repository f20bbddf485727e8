package org.fvmreplay.ipld.car;

/** What the reader established about a block's bytes and its CID. */
public enum BlockVerification {
    /** The block hashes to its CID's multihash. */
    VERIFIED,
    /** The CID uses a hash function this project cannot compute; the block was not checked. */
    UNVERIFIABLE,
    /** Verification was switched off for this reader. */
    NOT_CHECKED
}
