package org.fvmreplay.ipld.cid;

/** Multihash function codes this project knows, from the multicodec table. */
public final class MultihashCode {
    public static final long IDENTITY = 0x00;
    public static final long SHA2_256 = 0x12;
    public static final long BLAKE2B_256 = 0xb220;
    /** Filecoin piece commitments (CommP, CommD). */
    public static final long SHA2_256_TRUNC254_PADDED = 0x1012;
    /** Filecoin sealed-sector commitments (CommR). */
    public static final long POSEIDON_BLS12_381_A2_FC1 = 0xb401;

    private MultihashCode() {}

    /** A readable name for a code, or its hex value when unknown. */
    public static String name(long code) {
        if (code == IDENTITY) {
            return "identity";
        }
        if (code == SHA2_256) {
            return "sha2-256";
        }
        if (code == BLAKE2B_256) {
            return "blake2b-256";
        }
        if (code == SHA2_256_TRUNC254_PADDED) {
            return "sha2-256-trunc254-padded";
        }
        if (code == POSEIDON_BLS12_381_A2_FC1) {
            return "poseidon-bls12_381-a2-fc1";
        }
        return "0x" + Long.toHexString(code);
    }
}
