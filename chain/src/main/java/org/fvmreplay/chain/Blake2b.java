package org.fvmreplay.chain;

import org.fvmreplay.ipld.cid.Multihash;
import org.fvmreplay.ipld.cid.MultihashCode;

/** blake2b-256, the hash of tickets, beacon entries and randomness digests. */
public final class Blake2b {
    private Blake2b() {}

    /** The 32-byte blake2b-256 digest of {@code data}. */
    public static byte[] sum256(byte[] data) {
        return Multihash.digest(MultihashCode.BLAKE2B_256, data).digest();
    }
}
