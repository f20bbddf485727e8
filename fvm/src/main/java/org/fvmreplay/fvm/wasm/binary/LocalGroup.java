package org.fvmreplay.fvm.wasm.binary;

import static java.util.Objects.requireNonNull;

/** A run of {@code count} locals of one type, as declared in a function body. */
public record LocalGroup(int count, ValueType type) {
    public LocalGroup {
        requireNonNull(type, "type is null");
    }
}
