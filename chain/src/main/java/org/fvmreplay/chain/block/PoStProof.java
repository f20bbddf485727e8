package org.fvmreplay.chain.block;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/** A winning PoSt proof in a header: {@code [registered PoSt proof type, proof bytes]}. */
public record PoStProof(long postProof, byte[] proofBytes) {
    public PoStProof {
        proofBytes = requireNonNull(proofBytes, "proofBytes is null").clone();
    }

    @Override
    public byte[] proofBytes() {
        return proofBytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoStProof p && p.postProof == postProof && Arrays.equals(p.proofBytes, proofBytes);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(postProof) + Arrays.hashCode(proofBytes);
    }
}
