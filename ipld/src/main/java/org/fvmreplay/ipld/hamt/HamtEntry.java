package org.fvmreplay.ipld.hamt;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A key and its value, the value as encoded DAG-CBOR. The arrays are not copied; treat them as
 * immutable.
 */
public record HamtEntry(byte[] key, byte[] value) {
    public HamtEntry {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HamtEntry e && Arrays.equals(e.key, key) && Arrays.equals(e.value, value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "HamtEntry[" + HexFormat.of().formatHex(key) + " -> "
                + HexFormat.of().formatHex(value) + "]";
    }
}
