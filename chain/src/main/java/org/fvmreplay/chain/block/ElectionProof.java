package org.fvmreplay.chain.block;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/** A block's election proof: {@code [win count, VRF proof]}; the win count scales the block reward. */
public record ElectionProof(long winCount, byte[] vrfProof) {
    public ElectionProof {
        vrfProof = requireNonNull(vrfProof, "vrfProof is null").clone();
    }

    @Override
    public byte[] vrfProof() {
        return vrfProof.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ElectionProof p && p.winCount == winCount && Arrays.equals(p.vrfProof, vrfProof);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(winCount) + Arrays.hashCode(vrfProof);
    }
}
