package org.fvmreplay.chain.block;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.fvmreplay.chain.Blake2b;

/** A randomness beacon (drand, or Lotus's mock beacon on devnets) entry carried in a header: {@code [round, data]}. */
public record BeaconEntry(long round, byte[] data) {
    public BeaconEntry {
        data = requireNonNull(data, "data is null").clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** blake2b-256 of the entry data: the beacon randomness digest. */
    public byte[] digest() {
        return Blake2b.sum256(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BeaconEntry e && e.round == round && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(round) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "BeaconEntry[round " + Long.toUnsignedString(round) + "]";
    }
}
