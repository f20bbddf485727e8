package org.fvmreplay.fvm.externs;

/** What the machine asks its host chain for: randomness digests and tipset CIDs (the reference's {@code Externs}). */
public interface Externs {
    /** The 32-byte chain (ticket) randomness digest at {@code epoch}, before personalisation. */
    byte[] chainRandomness(long epoch);

    /** The 32-byte beacon randomness digest at {@code epoch}, before personalisation. */
    byte[] beaconRandomness(long epoch);
}
