package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/** Table or memory limits with the raw flags byte (bit 0 max present, bit 1 shared, bit 2 memory64, bit 3 custom page size). */
public record Limits(int flags, long minimum, OptionalLong maximum) {
    public Limits {
        requireNonNull(maximum, "maximum is null");
    }

    public boolean shared() {
        return (flags & 0x02) != 0;
    }

    public boolean memory64() {
        return (flags & 0x04) != 0;
    }

    public boolean customPageSize() {
        return (flags & 0x08) != 0;
    }
}
