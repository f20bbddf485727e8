package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

/** A global's value type and mutability. */
public record GlobalType(ValueType valueType, boolean mutable) {
    public GlobalType {
        requireNonNull(valueType, "valueType is null");
    }
}
