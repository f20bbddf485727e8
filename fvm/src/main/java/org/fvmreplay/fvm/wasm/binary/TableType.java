package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

/** A table's element reference type and limits. */
public record TableType(ValueType elementType, Limits limits) {
    public TableType {
        requireNonNull(elementType, "elementType is null");
        requireNonNull(limits, "limits is null");
    }
}
