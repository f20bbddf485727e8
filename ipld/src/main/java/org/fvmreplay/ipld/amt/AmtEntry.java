package org.fvmreplay.ipld.amt;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An index and its value as encoded DAG-CBOR. The index is an unsigned 64-bit number held in a
 * long; the array is not copied, treat it as immutable.
 */
public record AmtEntry(long index, byte[] value) {
    public AmtEntry {
        requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmtEntry e && e.index == index && Arrays.equals(e.value, value);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "AmtEntry[" + Long.toUnsignedString(index) + " -> "
                + HexFormat.of().formatHex(value) + "]";
    }
}
