package org.fvmreplay.chain.block;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.fvmreplay.chain.Blake2b;

/** A block's ticket: the miner's VRF proof over the previous ticket; orders blocks in a tipset and seeds chain randomness. */
public record Ticket(byte[] vrfProof) {
    public Ticket {
        vrfProof = requireNonNull(vrfProof, "vrfProof is null").clone();
    }

    @Override
    public byte[] vrfProof() {
        return vrfProof.clone();
    }

    /** blake2b-256 of the VRF proof: the chain randomness digest, and the tipset order key (Lotus {@code Ticket.Less}). */
    public byte[] digest() {
        return Blake2b.sum256(vrfProof);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ticket t && Arrays.equals(t.vrfProof, vrfProof);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(vrfProof);
    }
}
