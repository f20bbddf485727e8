package org.fvmreplay.fvm.externs;

/** What the machine asks its host chain for: randomness digests and tipset CIDs (the reference's {@code Externs}). */
public interface Externs {
    /** The 32-byte chain (ticket) randomness digest at {@code epoch}, before personalisation. */
    byte[] chainRandomness(long epoch);

    /** The 32-byte beacon randomness digest at {@code epoch}, before personalisation. */
    byte[] beaconRandomness(long epoch);

    /**
     * The CID of the tipset key at {@code epoch} (the reference's {@code get_tipset_cid}; a null round answers the
     * tipset before it). Hosts without a chain, such as conformance vectors, fail: the kernel treats that as fatal.
     */
    default org.fvmreplay.ipld.cid.Cid tipsetCid(long epoch) {
        throw new UnsupportedOperationException("tipset CIDs are not available to this machine (no chain externs)");
    }
}
